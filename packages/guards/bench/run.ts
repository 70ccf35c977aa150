// Guard throughput: 20 guards per evaluation, against a bare inline comparison loop measured in the
// same run. "guard checks/s" = evaluations/s × 20. Target (issue 5): >= 1,000,000 simple comparisons/s.
// With BENCH_JSON=<file> the figures are also written as JSON for scripts/bench-report.mjs.
import { type Guard, GuardManager } from '@gpt-trader/guards'
import { writeBenchJson } from '@gpt-trader/test-utils'
import { Decimal } from '@gpt-trader/validation'

const N = 20
const values = Array.from({ length: N }, (_, i) => i * 10 + 1)
const thresholds = Array.from({ length: N }, (_, i) => i * 10 + 5)

function numberGuards(): Guard[] {
  return values.map((_, i) => ({
    name: `g${i}`,
    read: () => values[i]!,
    comparator: 'gt',
    threshold: thresholds[i]!,
    warningRatio: 0.5,
  }))
}

function moneyGuards(): Guard[] {
  const money = values.map((v) => new Decimal(v).div(100))
  return money.map((_, i) => ({
    name: `m${i}`,
    read: () => money[i]!,
    comparator: 'gt',
    threshold: new Decimal(thresholds[i]!).div(100).toFixed(),
  }))
}

async function measure(
  name: string,
  fn: () => unknown,
  ms = 1000,
): Promise<{ name: string; perSec: number }> {
  for (let i = 0; i < 2000; i++) await fn()
  let n = 0
  const start = performance.now()
  let elapsed = 0
  while (elapsed < ms) {
    for (let i = 0; i < 200; i++) {
      const r = fn()
      if (r instanceof Promise) await r
      n++
    }
    elapsed = performance.now() - start
  }
  return { name, perSec: (n / elapsed) * 1000 }
}

let sink = 0
const sync = new GuardManager({ guards: numberGuards() })
const money = new GuardManager({ guards: moneyGuards() })
const counted = new GuardManager({ guards: numberGuards(), metrics: { increment: () => sink++ } })
const asyncReads = new GuardManager({
  guards: numberGuards().map((g) => ({ ...g, read: async () => g.read() as number })),
})

const rows = [
  await measure('baseline: inline loop, 20 × (value > threshold)', () => {
    for (let i = 0; i < N; i++) if (values[i]! > thresholds[i]!) sink++
  }),
  await measure('evaluateSync: 20 number guards (warning band)', () => sync.evaluateSync()),
  await measure('evaluateSync: 20 number guards + metrics recorder', () => counted.evaluateSync()),
  await measure('evaluateSync: 20 money guards (Decimal vs decimal-string threshold)', () =>
    money.evaluateSync(),
  ),
  await measure('evaluate(): 20 number guards, sync reads', () => sync.evaluate()),
  await measure('evaluate(): 20 number guards, async reads', () => asyncReads.evaluate()),
]

const base = rows[0]!.perSec
console.log(
  `@gpt-trader/guards bench — Node ${process.version}, ${process.platform}/${process.arch}, ${N} guards per evaluation`,
)
console.table(
  rows.map((r) => ({
    case: r.name,
    'evaluations/s': Math.round(r.perSec).toLocaleString('en-US'),
    'guard checks/s': Math.round(r.perSec * N).toLocaleString('en-US'),
    'vs baseline': `${(r.perSec / base).toFixed(3)}×`,
  })),
)
writeBenchJson(
  rows.slice(1).map((r, i) => ({
    // The target covers plain number comparisons: the first evaluateSync case.
    name: r.name,
    value: r.perSec * N,
    unit: 'guard checks/s',
    ...(i === 0 ? { target: 1_000_000 } : {}),
    higherIsBetter: true,
    baseline: { name: 'inline loop, 20 × (value > threshold)', value: base * N },
  })),
)
if (sink === -1) console.log(sink)
