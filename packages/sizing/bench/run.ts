// Sizing throughput: the Decimal sizer against a bare float Kelly computation measured in the same run.
// With BENCH_JSON=<file> the figures are also written as JSON for scripts/bench-report.mjs.
import { calculatePositionSize, createPositionSizer, type PositionSizeRequest } from '@gpt-trader/sizing'
import { writeBenchJson } from '@gpt-trader/test-utils'

const request: PositionSizeRequest = {
  symbol: 'BTC-USD',
  currentPrice: '50000',
  portfolioValue: '10000',
  strategyName: 'momentum',
  winRate: 0.65,
  avgWin: 0.08,
  avgLoss: -0.04,
  confidence: 0.75,
  marketRegime: 'bull_quiet',
  drawdown: '0.12',
  volatility: 0.6,
  volatilityHistory: [0.4, 0.5, 0.55, 0.6, 0.62, 0.58],
  baseIncrement: '0.00000001',
  baseMinSize: '0.00001',
}

function measure(name: string, fn: (i: number) => unknown, ms = 1000): { name: string; opsPerSec: number } {
  for (let i = 0; i < 2000; i++) fn(i) // warm-up
  let n = 0
  const start = performance.now()
  let elapsed = 0
  while (elapsed < ms) {
    for (let i = 0; i < 500; i++) fn(n++)
    elapsed = performance.now() - start
  }
  return { name, opsPerSec: (n / elapsed) * 1000 }
}

let sink = 0
const rows = [
  measure('baseline: float Kelly + caps inline (no Decimal, no validation)', (i) => {
    const p = 0.65 + (i % 2) * 1e-9
    const b = Math.min(Math.abs(0.08 / -0.04), 100)
    const f = Math.max(0, p - (1 - p) / b) * 0.25 * 1.375 * 1.5
    sink += Math.floor((Math.min(f, 0.1) * 10000) / 50000 / 1e-8) * 1e-8
  }),
  measure('calculatePositionSize (default config)', () => {
    sink += calculatePositionSize(request).adjustments.length
  }),
  measure(
    'createPositionSizer(sigmoid) prepared',
    (() => {
      const size = createPositionSizer({ confidenceCurve: 'sigmoid' })
      return () => {
        sink += size(request).adjustments.length
      }
    })(),
  ),
  measure(
    'calculatePositionSize with recentPrices (60 prices → rolling vol)',
    (() => {
      const prices = Array.from({ length: 60 }, (_, i) => 100 + Math.sin(i) * 3)
      const { volatility: _v, volatilityHistory: _h, ...rest } = request
      return () => {
        sink += calculatePositionSize({ ...rest, recentPrices: prices }).adjustments.length
      }
    })(),
  ),
]

const base = rows[0]!.opsPerSec
console.log(`@gpt-trader/sizing bench — Node ${process.version}, ${process.platform}/${process.arch}`)
console.table(
  rows.map((r) => ({
    case: r.name,
    'calls/s': Math.round(r.opsPerSec).toLocaleString('en-US'),
    'µs/call': (1e6 / r.opsPerSec).toFixed(2),
    'vs baseline': `${(r.opsPerSec / base).toFixed(4)}×`,
  })),
)
writeBenchJson(
  rows.slice(1).map((r) => ({
    name: r.name,
    value: r.opsPerSec,
    unit: 'calls/s',
    higherIsBetter: true,
    baseline: { name: 'float Kelly + caps inline (no Decimal, no validation)', value: base },
  })),
)
if (sink === Number.NEGATIVE_INFINITY) console.log(sink)
