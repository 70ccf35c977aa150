import { chmodSync, writeFileSync } from 'node:fs'
import { startCoinbaseSim } from '@gpt-trader/coinbase-sim'
import { BotError } from '../../BotError.js'
import type { CliIo } from '../main.js'

const DEV_UNIVERSE = ['BTC', 'ETH', 'SOL', 'XRP', 'LTC', 'ADA', 'DOGE', 'BCH', 'AVAX', 'LINK'].map(
  (b) => `${b}-USD`,
)

/** `coinbase-trader sim`: the simulated exchange on its own, in real time, until SIGINT/SIGTERM. */
export async function runSim(
  opts: {
    port: string
    seed: string
    speed: string
    json?: boolean
    credentialsOut?: string
    authClock?: string
  },
  io: CliIo,
): Promise<number> {
  const port = Number(opts.port)
  const seed = Number(opts.seed)
  const speed = Number(opts.speed)
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new BotError(`--port: expected 0–65535, got ${opts.port}`, { code: 'USAGE' })
  if (!Number.isInteger(seed))
    throw new BotError(`--seed: expected an integer, got ${opts.seed}`, { code: 'USAGE' })
  if (!(speed > 0)) throw new BotError(`--speed: expected a number > 0, got ${opts.speed}`, { code: 'USAGE' })
  const authClock = opts.authClock ?? 'sim'
  if (authClock !== 'sim' && authClock !== 'wall')
    throw new BotError(`--auth-clock: expected sim or wall, got ${opts.authClock}`, { code: 'USAGE' })
  const sim = await startCoinbaseSim({
    port,
    seed,
    speed,
    realtime: true,
    // Like Coinbase, JWT times are checked against the clock `GET /time` reports (the bot signs with
    // it), so a sim running faster than real time still accepts the bot's tokens.
    authClock,
    products: DEV_UNIVERSE,
    rateLimits: true,
  })
  if (opts.credentialsOut !== undefined) {
    // The sim's own (local, throwaway) ES256 key, in the CDP JSON format, readable by the owner only,
    // for `COINBASE_CREDENTIALS_FILE` + `COINBASE_API_BASE_URL`.
    const credential = sim.credentials.find((c) => c.algorithm === 'ES256') ?? sim.credentials[0]
    if (credential !== undefined) {
      writeFileSync(
        opts.credentialsOut,
        JSON.stringify({ name: credential.apiKeyName, privateKey: credential.privateKey }),
        { mode: 0o600 },
      )
      chmodSync(opts.credentialsOut, 0o600)
    }
  }
  const info = { restUrl: sim.restUrl, wsUrl: sim.wsUrl, wsUserUrl: sim.wsUserUrl, products: DEV_UNIVERSE }
  io.stdout.write(
    opts.json
      ? `${JSON.stringify(info)}\n`
      : `coinbase-sim listening\n  REST    ${info.restUrl}/api/v3/brokerage\n  WS      ${info.wsUrl}\n  WS user ${info.wsUserUrl}\n  (Ctrl+C to stop)\n`,
  )
  await new Promise<void>((resolve) => {
    if (io.signal?.aborted) resolve()
    io.signal?.addEventListener('abort', () => resolve(), { once: true })
  })
  await sim.close()
  return 0
}
