import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCoinbaseClient } from '@gpt-trader/coinbase-client'
import { afterAll, expect, inject, it, onTestFailed } from 'vitest'
import { parse, stringify } from 'yaml'
import { type BotProcess, devProfile, killAll, spawnBot, waitFor } from './botProcess.js'
import { mulberry32 } from './prng.js'
import { auditAgainstVenue, type StoreCounts, storeCounts, venueBalances } from './venueAudit.js'

const ITERATIONS = Number(process.env.CRASH_ITERATIONS ?? 50)
const SEED = Number(process.env.CRASH_SEED ?? Math.floor(Math.random() * 2 ** 32))
/** Largest random delay between readiness and the kill. */
const MAX_KILL_DELAY_MS = Number(process.env.CRASH_MAX_DELAY_MS ?? 1_500)
/**
 * Simulated seconds per real second. The bot signs JWTs with the venue's clock (local + the offset
 * measured through GET /time each cycle) and the sim accepts a token for 120 s of its time, so at
 * speed s a cycle may take up to ~125 / (s − 1) real seconds: 20 leaves 6.6 s under load, 60 only 2 s.
 */
const SIM_SPEED = process.env.CRASH_SIM_SPEED ?? '20'
const FINAL_CYCLES = 8
const mode = inject('crashBotMode')
const nodeArgs = inject('crashBotArgs')

let dir: string | undefined
let keep = false
afterAll(() => {
  // Nothing outlives the run: every bot and the sim lead their own process group.
  killAll()
  if (dir !== undefined && !keep) rmSync(dir, { recursive: true, force: true })
})

/** One bot life of the loop. */
interface Life {
  delayMs: number
  placed: number
  filled: number
  inFlightAtKill: number
}

function write(text: string): void {
  process.stdout.write(text)
}

async function ready(bot: BotProcess, what: string): Promise<void> {
  await waitFor(
    () => {
      if (bot.child.exitCode !== null) {
        throw new Error(
          `${what} exited with ${bot.child.exitCode} before it was ready:\n${bot.err().slice(-3_000)}`,
        )
      }
      return /telemetry at http:\/\/127\.0\.0\.1:\d+/.test(bot.err()) ? true : undefined
    },
    `${what} to be ready`,
    90_000,
  )
}

it(
  `crash-restart loop: ${ITERATIONS} × (start, kill -9 at a random moment), then a clean run; the store matches the venue`,
  async () => {
    onTestFailed(() => {
      keep = true
      write(`crash loop failed: state kept in ${dir} (seed ${SEED})\n`)
    })
    expect(Number.isInteger(ITERATIONS) && ITERATIONS > 0, 'CRASH_ITERATIONS').toBe(true)
    const started = performance.now()
    write(`crash loop: ${ITERATIONS} iterations, seed ${SEED} (CRASH_SEED=${SEED} replays the kill delays)\n`)
    const random = mulberry32(SEED)
    dir = mkdtempSync(join(tmpdir(), 'bot-crash-'))
    const keyFile = join(dir, 'key.json')
    const storeFile = join(dir, 'dev', 'gpt-trader.sqlite')

    // ONE standalone sim for the whole loop (faster than real time, so candles move between lives).
    const sim = spawnBot(nodeArgs, ['sim', '--speed', SIM_SPEED, '--credentials-out', keyFile, '--json'])
    const { restUrl, wsUrl } = await waitFor(
      () => {
        const line = sim.out().split('\n')[0]
        return line ? (JSON.parse(line) as { restUrl: string; wsUrl: string }) : undefined
      },
      'the sim',
      90_000,
    )
    const key = JSON.parse(readFileSync(keyFile, 'utf8')) as { name: string; privateKey: string }
    // The sim runs faster than real time and checks JWTs against its own clock: sign with its time.
    let offsetMs = 0
    const client = createCoinbaseClient({
      baseUrl: restUrl,
      credentials: { apiKeyName: key.name, privateKey: key.privateKey },
      clock: { now: () => Date.now() + offsetMs },
    })
    const syncClock = async () => {
      offsetMs = (await client.getServerTime()).epochMillis - Date.now()
    }
    await syncClock()
    const startBalances = await venueBalances(client)
    const env = {
      COINBASE_CREDENTIALS_FILE: keyFile,
      COINBASE_API_BASE_URL: restUrl,
      COINBASE_WS_URL: wsUrl,
      SPOT_FORCE_LIVE: '1',
    }
    // The dev profile tuned so that lives of a second or two trade: 1/2-candle averages instead of
    // 3/8, REST market data (`CRASH_MARKET_DATA=ws` for the WebSocket, whose books need a moment
    // after each start before a symbol is fresh), and a daily loss limit fees alone cannot reach.
    // Sizes, risk caps, MARKET orders and the ten symbols are the dev profile's.
    const profile = parse(readFileSync(devProfile, 'utf8')) as Record<string, unknown> & {
      strategy: Record<string, unknown>
      risk: Record<string, unknown>
    }
    profile.strategy = { ...profile.strategy, shortPeriod: 1, longPeriod: 2 }
    profile.risk = { ...profile.risk, dailyLossLimit: '100000' }
    const marketData = process.env.CRASH_MARKET_DATA ?? 'rest'
    profile.marketData = { source: marketData }
    const profileFile = join(dir, 'crash-dev.yaml')
    writeFileSync(profileFile, stringify(profile))
    const args = [
      'run',
      '--config',
      profileFile,
      '--interval',
      '100ms',
      '--state-dir',
      dir,
      '--log-level',
      'warn',
    ]

    const lives: Life[] = []
    let before: StoreCounts = { orders: 0, fills: 0, inFlight: 0 }
    for (let i = 1; i <= ITERATIONS; i++) {
      const bot = spawnBot(nodeArgs, args, env)
      await ready(bot, `bot life ${i}`)
      const delayMs = Math.floor(random() * MAX_KILL_DELAY_MS)
      await new Promise((r) => setTimeout(r, delayMs))
      if (bot.child.exitCode !== null) {
        throw new Error(
          `bot life ${i} exited with ${bot.child.exitCode} by itself:\n${bot.err().slice(-3_000)}`,
        )
      }
      bot.kill9()
      const exit = await bot.exited
      expect(exit.signal, `life ${i} ended by SIGKILL`).toBe('SIGKILL')
      const after = storeCounts(storeFile)
      lives.push({
        delayMs,
        placed: after.orders - before.orders,
        filled: after.fills - before.fills,
        inFlightAtKill: after.inFlight,
      })
      before = after
      if (i % 10 === 0 || i === ITERATIONS) {
        write(
          `  life ${String(i).padStart(3)}/${ITERATIONS}: orders ${after.orders}, fills ${after.fills}, in flight at kill ${after.inFlight}, ${((performance.now() - started) / 1000).toFixed(0)} s\n`,
        )
      }
    }

    // A clean, bounded run on the same store: replay, reconcile, trade a little, stop.
    const final = spawnBot(nodeArgs, [...args, '--cycles', String(FINAL_CYCLES)], env)
    const finalExit = await final.exited
    expect(finalExit.code, final.err().slice(-3_000)).toBe(0)

    const audit = await auditAgainstVenue(client, storeFile, startBalances, syncClock)
    const wallSeconds = (performance.now() - started) / 1000
    const beforeFirst = lives.filter((l) => l.placed === 0).length
    const rows: [string, string | number][] = [
      ['seed', SEED],
      ['bot from', { bundle: 'private bundle of src', dist: 'dist/cli.js', source: 'src (tsx)' }[mode]],
      ['sim speed', `${SIM_SPEED}×`],
      ['market data', marketData],
      ['iterations (kill -9)', ITERATIONS],
      ['kills before first order', beforeFirst],
      ['kills after first order', ITERATIONS - beforeFirst],
      ['kills with an order in flight', lives.filter((l) => l.inFlightAtKill > 0).length],
      ['orders (venue / store)', `${audit.venueOrders} / ${audit.storeOrders}`],
      ['fills (venue / store)', `${audit.venueFills} / ${audit.storeFills}`],
      ['duplicate client_order_ids', audit.duplicateClientOrderIds.length],
      ['venue orders unknown to store', audit.unknownToStore.length],
      ['lost fills', audit.lostFills.length],
      ['extra / double-counted fills', audit.extraFills.length],
      ['unresolved orders after clean run', audit.unresolved.length],
      ['balance mismatches', audit.balanceMismatches.length],
      [
        'positions (store = venue − start)',
        Object.entries(audit.positions)
          .map(([c, q]) => `${c} ${q}`)
          .join(', ') || 'flat',
      ],
      ['wall time', `${wallSeconds.toFixed(1)} s`],
    ]
    const width = Math.max(...rows.map(([k]) => k.length))
    write(
      `\ncrash-restart loop summary\n${rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`).join('\n')}\n\n`,
    )

    expect(audit.venueOrders, 'the loop placed orders at all').toBeGreaterThan(0)
    expect(audit.storeFills, 'the loop filled orders at all').toBeGreaterThan(0)
    expect(audit.duplicateClientOrderIds).toEqual([])
    expect(audit.unknownToStore).toEqual([])
    expect(audit.lostFills).toEqual([])
    expect(audit.extraFills).toEqual([])
    expect(audit.unresolved).toEqual([])
    expect(audit.balanceMismatches).toEqual([])
    sim.child.kill('SIGTERM')
    await sim.exited
  },
  (ITERATIONS * 30 + 300) * 1_000,
)
