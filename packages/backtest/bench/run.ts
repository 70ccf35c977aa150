/**
 * Bars per second through the full stack: MovingAverageCrossStrategy → live-trade TradingLoop →
 * sizing → risk pre-trade → ExecutionEngine → SimulatedBroker → PositionTracker / PnL, on the real
 * BTC-USD 1m file looped (time-shifted) to ≥ 500,000 bars. Baseline in the same run: the strategy
 * alone over the same candles (no engine), which bounds what any replay can reach.
 *
 * Run: pnpm --filter @gpt-trader/backtest bench
 */
import { availableParallelism, cpus } from 'node:os'
import { MovingAverageCrossStrategy, type Strategy } from '@gpt-trader/live-trade'
import { dataPath } from '@gpt-trader/test-utils'
import { type Bar, loadBars, makeBar, runBacktest } from '../src/index.js'

const TARGET = Number(process.env.BENCH_BARS ?? 500_000)
const series = await loadBars(dataPath('candles/coinbase_BTC-USD_1m_2020-11-22_2020-12-12_cdd.csv'))
const src = series.bars
const span = src[src.length - 1]!.time - src[0]!.time + 60_000
const bars: Bar[] = []
for (let loop = 0; bars.length < TARGET; loop++) {
  for (const b of src) {
    if (bars.length >= TARGET) break
    bars.push(makeBar(b.time + loop * span, b.open, b.high, b.low, b.close, b.volume))
  }
}

function strategyOnly(): number {
  const strategy = new MovingAverageCrossStrategy()
  const candles = bars.map((b) => b.candle)
  const flat = { quantity: { gt: () => false } } as never
  const t = performance.now()
  let buys = 0
  for (let i = 0; i < candles.length; i++) {
    const snapshot = {
      symbol: 'BTC-USD',
      at: candles[i]!.time,
      mark: undefined as never,
      candles: candles.slice(i + 1 > 21 ? i - 20 : 0, i + 1),
    }
    if (strategy.decide({ snapshot, position: flat }).side === 'BUY') buys++
  }
  const ms = performance.now() - t
  if (buys < 0) throw new Error('unreachable')
  return ms
}

async function fullStack(
  strategy: Strategy = new MovingAverageCrossStrategy(),
): Promise<{ ms: number; trades: number; fills: number; signals: number }> {
  const t = performance.now()
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
    trades: r.metrics.trades,
    fills: r.metrics.fills,
    signals: r.activity.signals,
  }
}

const hold: Strategy = { name: 'hold', decide: () => ({ side: 'HOLD', confidence: 0, reason: 'hold' }) }

// Warm-up, then measure.
strategyOnly()
const base = strategyOnly()
const replay = await fullStack(hold)
const slow = await fullStack(
  new MovingAverageCrossStrategy({ shortPeriod: 50, longPeriod: 200, trailingStop: 0.02 }),
)
const full = await fullStack()
const rate = (ms: number) => Math.round((bars.length / ms) * 1000)
const row = (name: string, ms: number, fills: number | string) => ({
  case: name,
  bars: bars.length,
  fills,
  ms: Math.round(ms),
  'bars/s': rate(ms).toLocaleString('en-US'),
})
console.log(`node ${process.version}, ${cpus()[0]?.model ?? 'cpu'} × ${availableParallelism()}`)
console.table([
  row('baseline: MA 5/20 strategy alone, no engine', base, '-'),
  row('replay loop, HOLD strategy (no orders)', replay.ms, replay.fills),
  row('full stack, MA 50/200 + 2 % stop', slow.ms, slow.fills),
  row('full stack, MA 5/20 + 1 % stop (default)', full.ms, full.fills),
])
// Full run minus the replay loop and the strategy's own time leaves the order path.
const perFill = (full.ms - replay.ms - base) / Math.max(1, full.fills)
console.log(
  `order path ≈ ${Math.round(perFill * 1000)} µs per fill (trading loop + sizing + risk + engine + store + broker + PnL)`,
)
console.log(
  `full stack MA 5/20: ${full.signals} signals, ${full.fills} fills, ${full.trades} round trips; target ≥ 500,000 bars/s: ${rate(full.ms) >= 500_000 ? 'met' : 'NOT met'}`,
)
