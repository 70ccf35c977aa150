import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import type { Signal, Strategy, StrategyContext } from '@gpt-trader/live-trade'
import { loadConfig } from '../src/config/loadConfig.js'
import { WsMarketData } from '../src/engine/WsMarketData.js'
import type { ContainerTuning } from '../src/lifecycle/ApplicationContainer.js'
import { type BotHandle, type RunResult, runBot } from '../src/lifecycle/runBot.js'
import { createLogger } from '../src/telemetry/createLogger.js'

/** What the config loader returns, patched per scenario. */
export type ChaosConfig = ReturnType<typeof loadConfig>['config']

/** One row of the closing table. */
export interface ChaosRow {
  fault: string
  expected: string
  observed: string
  pass: boolean
}

/** One decision the scripted strategy made, with the market's freshness at that moment. */
export interface ScriptedDecision {
  cycle: number
  symbol: string
  side: Signal['side']
  /** The snapshot time: the decision id is `chaos-script:<symbol>:<at>`. */
  at: number
  /** Why the symbol was stale when the strategy decided (undefined: fresh). */
  stale: string | undefined
}

/**
 * A strategy that says exactly what the scenario wants: `want(symbol, side)` makes the next
 * decision on that symbol BUY or SELL; every other decision is HOLD. It records each non-HOLD
 * decision with the symbol's freshness as the market data reported it then.
 */
export class ScriptedStrategy implements Strategy {
  readonly name = 'chaos-script'
  readonly decisions: ScriptedDecision[] = []
  cycle = 0
  market: WsMarketData | undefined
  readonly #wanted = new Map<string, Signal['side']>()

  want(symbol: string, side: 'BUY' | 'SELL'): void {
    this.#wanted.set(symbol, side)
  }

  decide({ snapshot }: StrategyContext): Signal {
    const side = this.#wanted.get(snapshot.symbol)
    if (side === undefined) return { side: 'HOLD', confidence: 0, reason: 'script: nothing to do' }
    this.#wanted.delete(snapshot.symbol)
    this.decisions.push({
      cycle: this.cycle,
      symbol: snapshot.symbol,
      side,
      at: snapshot.at,
      stale: this.market?.stale(snapshot.symbol),
    })
    return { side, confidence: 0.9, reason: `script: ${side}` }
  }
}

/** Options of {@link runChaos}. */
export interface ChaosRunOptions {
  symbols: string[]
  cycles: number
  patch?: ((config: ChaosConfig) => ChaosConfig) | undefined
  env?: Record<string, string> | undefined
  tuning?: ContainerTuning | undefined
  beforeCycle?:
    | ((cycle: number, bot: BotHandle, script: ScriptedStrategy) => void | Promise<void>)
    | undefined
  afterCycle?: ((cycle: number, bot: BotHandle, script: ScriptedStrategy) => void | Promise<void>) | undefined
}

/** What a chaos run leaves to assert on (the sim is closed, its in-memory state is still readable). */
export interface ChaosRun {
  result: RunResult
  bot: BotHandle
  script: ScriptedStrategy
  metrics: string
  logs: string[]
}

const dirs: string[] = []

/** Removes the state directories of finished runs. */
export function cleanupRuns(): void {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
}

/** Default transport tuning: short timeouts and backoffs so faults cost little real time. */
export const CHAOS_TUNING: ContainerTuning = {
  restTimeoutMs: 2_000,
  restRetry: { retries: 3, baseDelayMs: 20, maxDelayMs: 200, maxRetryAfterMs: 5_000 },
  wsReconnectBaseMs: 20,
}

/**
 * Runs the bot in process on the dev profile, `--dev-fast` (the embedded sim on a manual clock that
 * the bot advances by `sim.stepMs` per cycle), with a scripted strategy and the scenario's hooks.
 */
export async function runChaos(options: ChaosRunOptions): Promise<ChaosRun> {
  const dir = mkdtempSync(join(tmpdir(), 'bot-chaos-'))
  dirs.push(dir)
  const loaded = loadConfig({
    profile: 'dev',
    env: { GPT_TRADER_STATE_DIR: dir, ...options.env },
    cli: { maxCycles: options.cycles, symbols: options.symbols.join(',') },
  })
  let config: ChaosConfig = {
    ...loaded.config,
    telemetry: { ...loaded.config.telemetry, http: { ...loaded.config.telemetry.http, enabled: false } },
    // A short warmup: the scripted strategy needs no history.
    sim: { ...loaded.config.sim, warmup: 120_000 },
  }
  if (options.patch) config = options.patch(config)
  const logs: string[] = []
  const log = createLogger({
    level: 'info',
    pretty: false,
    destination: new Writable({
      write: (chunk, _encoding, done) => {
        logs.push(String(chunk))
        done()
      },
    }),
  })
  const script = new ScriptedStrategy()
  let handle: BotHandle | undefined
  const result = await runBot({
    config,
    credentials: loaded.credentials,
    log,
    devFast: true,
    strategy: script,
    tuning: options.tuning ?? CHAOS_TUNING,
    beforeCycle: async (cycle, bot) => {
      handle = bot
      script.cycle = cycle
      const market = bot.strategy.market
      if (market instanceof WsMarketData) script.market = market
      await options.beforeCycle?.(cycle, bot, script)
    },
    afterCycle: async (cycle, bot) => {
      await options.afterCycle?.(cycle, bot, script)
    },
  })
  if (handle === undefined) throw new Error('the bot ran no cycle')
  return { result, bot: handle, script, metrics: await handle.container.metrics.text(), logs }
}

/** Reads one sample of a Prometheus text exposition (0 when absent). */
export function metric(text: string, name: string, labels = ''): number {
  const key = labels === '' ? name : `${name}{${labels}}`
  for (const line of text.split('\n')) {
    if (line.startsWith(`${key} `)) return Number(line.slice(key.length + 1))
  }
  return 0
}

/** Advances the sim one second and waits for the WebSocket to deliver it (end-of-scenario checks). */
export async function settleBooks(bot: BotHandle): Promise<void> {
  bot.sim.control.advance(1_000)
  await bot.strategy.settleMarket(Math.floor(bot.sim.control.localNow() / 1000) * 1000, 3_000)
  const market = bot.strategy.market
  if (!(market instanceof WsMarketData)) return
  for (let i = 0; i < 200; i++) {
    if (bot.container.config.symbols.every((s) => market.feed.isSynced(s))) return
    await new Promise((r) => setTimeout(r, 5))
  }
}

/** True when the bot's WebSocket book of `symbol` equals the sim's book. */
export function bookMatches(bot: BotHandle, symbol: string): boolean {
  const market = bot.strategy.market
  if (!(market instanceof WsMarketData)) return false
  const ours = market.feed.book(symbol)?.toArrays()
  return JSON.stringify(ours) === JSON.stringify(bot.sim.control.book(symbol))
}
