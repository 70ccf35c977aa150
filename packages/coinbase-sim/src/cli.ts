#!/usr/bin/env node
// biome-ignore-all lint/suspicious/noConsole: this CLI bin talks to its user through the terminal.
import { parseArgs } from 'node:util'
import { isCoinbaseSimError } from './CoinbaseSimError.js'
import { parseFaultSpec, type SimFault } from './faults.js'
import { startCoinbaseSim } from './startCoinbaseSim.js'

const HELP = `coinbase-sim: a local Coinbase Advanced Trade exchange (REST + WebSocket)

Usage: coinbase-sim [--port 8080] [--products BTC-USD,ETH-USD] [--seed 42] [--speed 1]
                    [--replay candles.csv] [--fault latency=200 ...] [--no-rate-limits] [--derivatives]

Faults: latency=MS, rateLimit[=N], serverError[=500|502|503], hang[=N], dropResponse[=N],
        wsSkipSequence[=N], wsDuplicate[=N], wsMalformed[=N], staleFeed[=BTC-USD,...], clockSkew=MS`

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8080' },
      products: { type: 'string', default: 'BTC-USD,ETH-USD' },
      seed: { type: 'string', default: '42' },
      speed: { type: 'string', default: '1' },
      replay: { type: 'string' },
      fault: { type: 'string', multiple: true },
      'no-rate-limits': { type: 'boolean', default: false },
      derivatives: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  })
  if (values.help) {
    console.log(HELP)
    return 0
  }
  const port = Number(values.port)
  const seed = Number(values.seed)
  const speed = Number(values.speed)
  if (!Number.isInteger(port) || port < 0 || port > 65535 || !Number.isInteger(seed) || !(speed > 0)) {
    console.error('coinbase-sim: --port and --seed must be integers and --speed > 0')
    return 2
  }
  const faults: SimFault[] = []
  for (const spec of values.fault ?? []) {
    const f = parseFaultSpec(spec)
    if (!f) {
      console.error(`coinbase-sim: unknown fault "${spec}"`)
      return 2
    }
    faults.push(f)
  }
  const sim = await startCoinbaseSim({
    port,
    seed,
    speed,
    realtime: true,
    rateLimits: !values['no-rate-limits'],
    derivatives: values.derivatives,
    products: values.products
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean),
    ...(values.replay ? { replay: values.replay } : {}),
  })
  for (const f of faults) sim.control.injectFault(f)
  // Printing the sim's own generated dev keys is intended: they only unlock this local process.
  console.log(`coinbase-sim listening
REST:    ${sim.restUrl}/api/v3/brokerage
WS:      ${sim.wsUrl}
WS user: ${sim.wsUserUrl}
Accepted dev credentials (generated from --seed ${seed}; valid only for this local sim):`)
  for (const c of sim.credentials) console.log(JSON.stringify(c))
  return await new Promise<number>((resolve) => {
    const stop = (): void => {
      sim.close().then(
        () => resolve(0),
        () => resolve(1),
      )
    }
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(
      `coinbase-sim: ${isCoinbaseSimError(error) ? error.shortMessage : error instanceof Error ? error.message : String(error)}`,
    )
    process.exit(1)
  },
)
