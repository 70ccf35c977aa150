/**
 * Bars per second through the full stack: MovingAverageCrossStrategy → live-trade TradingLoop →
 * sizing → risk pre-trade → ExecutionEngine → SimulatedBroker → PositionTracker / PnL, on the real
 * BTC-USD 1m file looped (time-shifted) to ≥ 500,000 bars. Baseline in the same run: the strategy
 * alone over the same candles (no engine), which bounds what any replay can reach.
 *
 * The machine may be shared: every case runs `BENCH_ROUNDS` times (default 3), interleaved, and the
 * median round is reported. With `BENCH_JSON=<file>` the results are also written there as JSON.
 *
 * Run: pnpm --filter @gpt-trader/backtest bench
 */

import { availableParallelism, cpus, loadavg } from 'node:os'
import { MovingAverageCrossStrategy, type Strategy } from '@gpt-trader/live-trade'
import { dataPath, writeBenchJson } from '@gpt-trader/test-utils'
import { type Bar, loadBars, makeBar, runBacktest } from '../src/index.js'

const BARS = Number(process.env.BENCH_BARS ?? 500_000)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const TARGET = 500_000
const series = await loadBars(dataPath('candles/coinbase_BTC-USD_1m_2020-11-22_2020-12-12_cdd.csv'))
const src = series.bars
const span = src[src.length - 1]!.time - src[0]!.time + 60_000
const bars: Bar[] = []
for (let loop = 0; bars.length < BARS; loop++) {
  for (const b of src) {
    if (bars.length >= BARS) break
    bars.push(makeBar(b.time + loop * span, b.open, b.high, b.low, b.close, b.volume))
  }
}

interface Run {
  ms: number
  /** CPU time of this process during the run (user + system): less sensitive to a busy machine. */
  cpuMs: number
  fills: number
  trades: number
  signals: number
  fingerprint: string
}

/** The strategy alone: the same candle windows runBacktest hands it (last 21), no engine at all. */
function strategyOnly(): Run {
  const strategy = new MovingAverageCrossStrategy()
  const candles = bars.map((b) => b.candle)
  const flat = { quantity: { isPositive: () => false, isZero: () => true } } as never
  const lookback = strategy.longPeriod + 1
  const t = performance.now()
  const c = process.cpuUsage()
  let signals = 0
  for (let i = 0; i < candles.length; i++) {
    const snapshot = {
      symbol: 'BTC-USD',
      at: candles[i]!.time,
      mark: undefined as never,
      candles: candles.slice(i + 1 > lookback ? i + 1 - lookback : 0, i + 1),
    }
    if (strategy.decide({ snapshot, position: flat }).side !== 'HOLD') signals++
  }
  return { ms: performance.now() - t, cpuMs: cpuMs(c), fills: 0, trades: 0, signals, fingerprint: '' }
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since)
  return (used.user + used.system) / 1000
}

async function fullStack(strategy: Strategy): Promise<Run> {
  const t = performance.now()
  const c = process.cpuUsage()
  const r = await runBacktest({
    data: bars,
    symbol: 'BTC-USD',
    intervalMs: 60_000,
    strategy,
    // Fees and slippage are charged but zero: with Coinbase's 0.6 % taker fee MA 5/20 on 1m bars
    // loses ~80 % per 28k bars, sizes then fall below the minimum and the run stops trading, which
    // would flatter the figure. At zero the strategy keeps trading for all 500k bars.
    fees: { taker: '0', maker: '0' },
    slippage: { bps: '0' },
    initialCash: '10000',
  })
  return {
    ms: performance.now() - t,
    cpuMs: cpuMs(c),
    fills: r.metrics.fills,
    trades: r.metrics.trades,
    signals: r.activity.signals,
    fingerprint: r.fingerprint,
  }
}

const hold: Strategy = { name: 'hold', decide: () => ({ side: 'HOLD', confidence: 0, reason: 'hold' }) }
const cases = {
  base: () => strategyOnly(),
  replay: () => fullStack(hold),
  slow: () =>
    fullStack(new MovingAverageCrossStrategy({ shortPeriod: 50, longPeriod: 200, trailingStop: 0.02 })),
  full: () => fullStack(new MovingAverageCrossStrategy()),
}
type Case = keyof typeof cases
const runs: Record<Case, Run[]> = { base: [], replay: [], slow: [], full: [] }
strategyOnly() // warm-up
for (let round = 0; round < ROUNDS; round++) {
  for (const name of Object.keys(cases) as Case[]) runs[name].push(await cases[name]())
}
const median = (name: Case): Run => {
  const sorted = [...runs[name]].sort((a, b) => a.ms - b.ms)
  return sorted[Math.floor(sorted.length / 2)]!
}
for (const name of ['slow', 'full'] as const) {
  if (new Set(runs[name].map((r) => r.fingerprint)).size !== 1) throw new Error(`${name}: rounds differ`)
}
const base = median('base')
const replay = median('replay')
const slow = median('slow')
const full = median('full')
const rate = (run: Run) => Math.round((bars.length / run.ms) * 1000)
const row = (name: string, run: Run, fills: number | string) => ({
  case: name,
  bars: bars.length,
  fills,
  'ms (median)': Math.round(run.ms),
  'bars/s': rate(run).toLocaleString('en-US'),
  'vs baseline': `${(rate(run) / rate(base)).toFixed(2)}×`,
  'bars per CPU-s': Math.round((bars.length / run.cpuMs) * 1000).toLocaleString('en-US'),
})
const [load1] = loadavg()
console.log(
  `node ${process.version}, ${cpus()[0]?.model ?? 'cpu'} × ${availableParallelism()}, load average ${load1?.toFixed(2)}, median of ${ROUNDS} rounds`,
)
console.table([
  row('baseline: MA 5/20 strategy alone, no engine', base, '-'),
  row('replay loop, HOLD strategy (no orders)', replay, replay.fills),
  row('full stack, MA 50/200 + 2 % stop', slow, slow.fills),
  row('full stack, MA 5/20 + 1 % stop (default)', full, full.fills),
])
// Full run minus the replay loop and the strategy's own time leaves the order path.
const perFill = (full.ms - replay.ms - base.ms) / Math.max(1, full.fills)
const pass = rate(full) >= TARGET
console.log(
  `order path ≈ ${(perFill * 1000).toFixed(1)} µs per fill (trading loop + sizing + risk + engine + store + broker + PnL)`,
)
console.table([
  {
    'full stack bars/s': rate(full).toLocaleString('en-US'),
    'strategy-only bars/s': rate(base).toLocaleString('en-US'),
    ratio: `${(rate(full) / rate(base)).toFixed(3)}`,
    fills: full.fills,
    'round trips': full.trades,
    target: `≥ ${TARGET.toLocaleString('en-US')} bars/s`,
    result: pass ? 'PASS' : 'FAIL',
  },
])
console.log(`fingerprint (MA 5/20, ${bars.length} bars): ${full.fingerprint}`)
console.log(`fingerprint (MA 50/200, ${bars.length} bars): ${slow.fingerprint}`)

const json = process.env.BENCH_JSON
if (json) {
  const baseline = { name: 'backtest: MA 5/20 strategy alone (bars/s)', value: rate(base) }
  const results = [
    {
      name: 'backtest: full stack MA 5/20 (bars/s)',
      value: rate(full),
      unit: 'bars/s',
      target: TARGET,
      higherIsBetter: true,
      baseline,
    },
    { ...baseline, unit: 'bars/s', higherIsBetter: true },
    {
      name: 'backtest: replay loop, HOLD (bars/s)',
      value: rate(replay),
      unit: 'bars/s',
      higherIsBetter: true,
      baseline,
    },
    {
      name: 'backtest: full stack MA 50/200 (bars/s)',
      value: rate(slow),
      unit: 'bars/s',
      higherIsBetter: true,
      baseline,
    },
    { name: 'backtest: fills in the MA 5/20 run', value: full.fills, unit: 'fills', higherIsBetter: true },
    {
      name: 'backtest: order path per fill',
      value: Number((perFill * 1000).toFixed(1)),
      unit: 'µs',
      higherIsBetter: false,
    },
  ]
  writeBenchJson(results)
  console.log(`results written to ${json}`)
}
