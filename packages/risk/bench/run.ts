// Pre-trade checks per second with the full default check set on a 10-symbol portfolio, against a
// baseline measured in the same run (product rules alone: validateOrder from @gpt-trader/validation).
// Target (issue 6): >= 200,000 checks/s. With BENCH_JSON=<file> the figures are also written as JSON
// for scripts/bench-report.mjs.
import { cpus, loadavg } from 'node:os'
import { PreTradeValidator, resolveRiskConfig } from '@gpt-trader/risk'
import { writeBenchJson } from '@gpt-trader/test-utils'
import { validateOrder } from '@gpt-trader/validation'
import { benchContext, NOW } from './fixture.js'

function measure(name: string, fn: (i: number) => unknown, ms = 1500): { name: string; opsPerSec: number } {
  for (let i = 0; i < 20_000; i++) fn(i) // warm-up
  let n = 0
  const start = performance.now()
  let elapsed = 0
  while (elapsed < ms) {
    for (let i = 0; i < 1000; i++) fn(n++)
    elapsed = performance.now() - start
  }
  return { name, opsPerSec: (n / elapsed) * 1000 }
}

const { context, orders } = benchContext()
const clock = { now: () => NOW }
const config = resolveRiskConfig(
  { tradingWindow: { start: '00:00', end: '23:59' } },
  { preset: 'spot_top10' },
)
const validator = new PreTradeValidator(config, { clock })
const count = orders.length

// Every bench order must pass the whole check set, or the figure would measure an early exit.
for (const order of orders) {
  const verdict = validator.check(order, context)
  if (!verdict.accepted) throw new Error(`bench order rejected: ${verdict.code} ${verdict.message}`)
}

let sink = 0
const rows = [
  measure('baseline: validateOrder only (product rules)', (i) => {
    const order = orders[i % count]!
    sink += validateOrder(
      order,
      context.products.get(order.productId)!,
      context.market.bestBidAsk(order.productId),
    ).length
  }),
  measure('PreTradeValidator.check, full default set (spot_top10, 10 symbols, 10 open orders)', (i) => {
    sink += validator.check(orders[i % count]!, context).accepted ? 1 : 0
  }),
  measure(
    'PreTradeValidator.check, fresh snapshot every check (book exposure recomputed; includes copying it)',
    (i) => {
      const fresh = { ...context, positions: new Map(context.positions), openOrders: [...context.openOrders] }
      sink += validator.check(orders[i % count]!, fresh).accepted ? 1 : 0
    },
  ),
  measure(
    'PreTradeValidator.check in REDUCE_ONLY (rejects early)',
    (() => {
      const reduceOnly = { ...context, tradingState: 'REDUCE_ONLY' as const }
      return (i: number) => {
        sink += validator.check(orders[i % count]!, reduceOnly).accepted ? 1 : 0
      }
    })(),
  ),
]

const base = rows[0]!.opsPerSec
console.log(
  `@gpt-trader/risk bench — Node ${process.version}, ${process.platform}/${process.arch}, ${cpus().length} CPUs, load average ${loadavg()[0]!.toFixed(2)}`,
)
console.table(
  rows.map((r) => ({
    case: r.name,
    'checks/s': Math.round(r.opsPerSec).toLocaleString('en-US'),
    'µs/check': (1e6 / r.opsPerSec).toFixed(2),
    'vs baseline': `${(r.opsPerSec / base).toFixed(3)}×`,
  })),
)
writeBenchJson(
  rows.slice(1).map((r, i) => ({
    // The target is for the full default set on a ready portfolio snapshot: the first case.
    name: r.name,
    value: r.opsPerSec,
    unit: 'checks/s',
    ...(i === 0 ? { target: 200_000 } : {}),
    higherIsBetter: true,
    baseline: { name: 'validateOrder only (product rules)', value: base },
  })),
)
if (sink === Number.NEGATIVE_INFINITY) console.log(sink)
