import {
  ExecutionEngine,
  type FeeSchedule,
  type Fill,
  type FilterPipeline,
  type Position,
  preTradeRiskGate,
  type RiskGate,
  type Signal,
  type SizingInputs,
  type SlippageModel,
  type Strategy,
  TradingLoop,
} from '@gpt-trader/live-trade'
import {
  InMemoryMarketView,
  PreTradeValidator,
  type RiskConfig,
  type RiskConfigInput,
  RuntimeMonitor,
  resolveRiskConfig,
  StateManager,
} from '@gpt-trader/risk'
import {
  Decimal,
  type DecimalInput,
  type ProductSpec,
  type ProductSpecInput,
  productSpec,
  toDecimal,
} from '@gpt-trader/validation'
import { BacktestError } from './BacktestError.js'
import type { Bar, NumericCandle } from './data/Bar.js'
import type { BarSeries } from './data/buildSeries.js'
import type { DataQualityReport } from './data/DataQualityReport.js'
import { type BacktestMetrics, computeMetrics, type EquityCurve } from './results/computeMetrics.js'
import { fingerprintFills } from './results/fingerprint.js'
import { type RoundTrip, roundTrips } from './results/roundTrips.js'
import { BacktestStore } from './sim/BacktestStore.js'
import { decimalToNumber } from './sim/decimalToNumber.js'
import { seededRandom } from './sim/random.js'
import { BarPosition, BarSnapshot } from './sim/replayViews.js'
import { type LatencyModel, SimulatedBroker } from './sim/SimulatedBroker.js'

/** Options of {@link runBacktest}. */
export interface RunBacktestOptions {
  /** Bars oldest first, or a loaded series (its symbol, interval and quality report are used). */
  data: readonly Bar[] | BarSeries
  /** Any live-trade `Strategy` (e.g. `new MovingAverageCrossStrategy()`); called once per bar close. */
  strategy: Strategy
  /** Product id. Default: the series' symbol, else `BTC-USD`. */
  symbol?: string | undefined
  /** Product rules (increments, minimums). Default: Coinbase BTC-USD-like increments for `symbol`. */
  product?: ProductSpecInput | ProductSpec | undefined
  /** Track record fed to the sizer (live-trade `SizingInputs`). Default win rate 0.55, +2 % / −1 %. */
  sizing?: SizingInputs | undefined
  /** Pre-trade risk config for `@gpt-trader/risk` (defaults apply), or `false` for none. */
  risk?: RiskConfigInput | false | undefined
  /**
   * Runtime risk as live: `@gpt-trader/risk`'s RuntimeMonitor watches the exact equity at every bar
   * close and each closed trade (daily loss, drawdown from the peak, consecutive losses, with the
   * `risk` config) and its trading state (REDUCE_ONLY / HALTED) gates the trading loop; a
   * `cancel_open_orders` action cancels working orders. Off by default: it costs a Decimal equity and
   * a guard evaluation per bar. Volatility and staleness guards need a live feed and are not fed.
   */
  runtimeRisk?: boolean | undefined
  /** Signal filters run by the trading loop, as live. */
  filters?: FilterPipeline | undefined
  fees?: FeeSchedule | undefined
  slippage?: SlippageModel | undefined
  latency?: LatencyModel | undefined
  /** Largest share of a bar's volume the run may trade in that bar, in (0, 1]. Default: no cap. */
  participation?: number | undefined
  /** `MARKET` (default) or `LIMIT` at the close (the trading loop's touch price). */
  orderType?: 'MARKET' | 'LIMIT' | undefined
  /** Starting quote cash. Default `'10000'`. */
  initialCash?: DecimalInput | undefined
  /** Seed of the generator behind random slippage and latency jitter. Default 1. */
  seed?: number | undefined
  /**
   * Candles passed to the strategy (the most recent ones). Default: `longPeriod + 1` for strategies
   * with a numeric `longPeriod` (moving averages need no more), else 100.
   */
  lookback?: number | undefined
  /** Bar length in ms. Default: the series' interval, else the most common spacing. */
  intervalMs?: number | undefined
}

/** Counters of what the trading loop did with the signals. */
export interface BacktestActivity {
  /** Non-HOLD signals. */
  signals: number
  /** Decisions by outcome (`placed`, `zero_size`, `risk_rejected`, `filtered`, …). */
  outcomes: Record<string, number>
  /** Risk rejections by code. */
  riskRejections: Record<string, number>
  /** Orders by final status (`FILLED`, `CANCELLED`, `REJECTED`, … or still `OPEN`). */
  orders: Record<string, number>
  /** Trading-state changes made by the runtime monitor (with `runtimeRisk`). */
  stateChanges: { at: number; state: string; reason: string }[]
}

/** Everything a run produced. */
export interface BacktestResult {
  symbol: string
  intervalMs: number
  seed: number
  metrics: BacktestMetrics
  /** sha256 over every fill (see `fingerprintFills`): equal for two runs that traded identically. */
  fingerprint: string
  fills: Fill[]
  trips: RoundTrip[]
  curve: EquityCurve
  activity: BacktestActivity
  /** The data-quality report, when `data` was a loaded series. */
  dataQuality: DataQualityReport | undefined
}

const DEFAULT_SIZING: SizingInputs = { winRate: 0.55, avgWin: 0.02, avgLoss: -0.01 }

/**
 * Replays bars through the same components as live trading: the strategy decides at each bar's
 * close, and live-trade's `TradingLoop` runs the filters, `@gpt-trader/sizing`, the
 * `@gpt-trader/risk` pre-trade check and the `ExecutionEngine` (with an in-memory store) against a
 * {@link SimulatedBroker}. Time is simulated: the clock jumps from bar to bar, orders reach the venue
 * after the latency model's delay and fill under the fill model (README). Money stays Decimal
 * end to end; only the equity curve and the ratios are numbers.
 *
 * Deterministic: the same data, options and seed give the same fills and the same fingerprint.
 *
 * @example
 * const series = await loadBars('BTC-USD_1m.csv')
 * const result = await runBacktest({ data: series, strategy: new MovingAverageCrossStrategy(), fees: { taker: '0.006', maker: '0.004' } })
 * result.metrics.totalReturn // exact decimal string
 */
export async function runBacktest(options: RunBacktestOptions): Promise<BacktestResult> {
  const series = isSeries(options.data) ? options.data : undefined
  const bars = series ? series.bars : (options.data as readonly Bar[])
  if (bars.length === 0) throw new BacktestError('No bars to run on.', 'DATA_EMPTY')
  const symbol = options.symbol ?? series?.symbol ?? 'BTC-USD'
  const intervalMs = options.intervalMs ?? series?.intervalMs ?? spacing(bars)
  if (!(intervalMs > 0)) {
    throw new BacktestError('Cannot tell the bar interval: pass intervalMs.', 'INVALID_OPTIONS')
  }
  const lookback = options.lookback ?? inferLookback(options.strategy)
  const seed = options.seed ?? 1
  if (!(Number.isInteger(lookback) && lookback >= 1)) {
    throw new BacktestError(`lookback must be a positive integer, got ${lookback}.`, 'INVALID_OPTIONS')
  }
  if (options.participation !== undefined && !(options.participation > 0 && options.participation <= 1)) {
    throw new BacktestError(
      `participation must be in (0, 1], got ${options.participation}.`,
      'INVALID_OPTIONS',
    )
  }
  const product = productSpec.parse(options.product ?? defaultProduct(symbol))
  if (product.product_id !== symbol) {
    throw new BacktestError(
      `The product spec is for ${product.product_id}, the run is for ${symbol}.`,
      'INVALID_OPTIONS',
    )
  }
  const initialCash = toDecimal(options.initialCash ?? '10000', 'initialCash')
  const random = seededRandom(seed)
  let now = bars[0]!.time
  const clock = { now: () => now }

  const broker = new SimulatedBroker({
    product,
    cash: initialCash,
    fees: options.fees,
    slippage: options.slippage,
    latency: options.latency,
    participation: options.participation,
    random,
    clock,
  })
  // Write-ahead as live, but nobody reads this run's log back: the engine's own projection has the
  // orders and fills, so the store numbers the events without holding them. It fingerprints the fills
  // from the decimal strings their events already hold.
  const store = new BacktestStore({ keepEvents: false, fingerprintFills: true })
  const engine = new ExecutionEngine({
    broker,
    store,
    startingCash: initialCash,
    clock,
    clientIdPrefix: 'bt-',
    randomId: () => Math.floor(random() * 2 ** 52).toString(36),
  })
  await engine.start()

  let bar = bars[0]!
  let snapshot: BarSnapshot | undefined
  let pending: Signal | undefined
  const replay: Strategy = {
    name: options.strategy.name,
    decide: () => pending ?? { side: 'HOLD', confidence: 0, reason: 'no signal' },
  }
  const riskRejections: Record<string, number> = {}
  const riskConfig = options.risk === false ? resolveRiskConfig({}) : resolveRiskConfig(options.risk ?? {})
  const runtime = options.runtimeRisk ? runtimeMonitor(riskConfig, clock) : undefined
  const loop = new TradingLoop({
    engine,
    strategy: replay,
    filters: options.filters,
    symbols: [symbol],
    market: { snapshot: () => snapshot! },
    products: [product],
    sizing: options.sizing ?? DEFAULT_SIZING,
    risk: options.risk === false ? undefined : riskGate(riskConfig, clock, () => bar, riskRejections),
    orderType: options.orderType,
    clock,
  })

  const n = bars.length
  const candles: NumericCandle[] = new Array(n)
  for (let i = 0; i < n; i++) candles[i] = bars[i]!.candle
  const curve: EquityCurve = {
    time: new Float64Array(n),
    equity: new Float64Array(n),
    inPosition: new Uint8Array(n),
  }
  // Numeric shadows of cash and quantity for the equity curve (reporting only, never an order field).
  let base: Position = engine.positions.position(symbol)
  let cashNum = decimalToNumber(engine.positions.cash)
  let qtyNum = 0
  let realizedAtEntry = base.realizedPnlNet
  let lastCash = engine.positions.cash
  const refresh = () => {
    // Every fill moves the cash (a fill has a non-zero notional): an unchanged cash instance means no
    // fill since the last refresh, so the position and the numeric shadows are still current.
    const cash = engine.positions.cash
    if (cash === lastCash) return
    lastCash = cash
    const before = base
    base = engine.positions.position(symbol)
    cashNum = decimalToNumber(cash)
    qtyNum = decimalToNumber(base.quantity)
    if (runtime && before.quantity.isZero() !== base.quantity.isZero()) {
      // A round trip ended (position back to flat): its net PnL feeds the losing-streak guard.
      if (base.quantity.isZero()) runtime.monitor.recordTrade(base.realizedPnlNet.minus(realizedAtEntry))
      else realizedAtEntry = before.realizedPnlNet
    }
  }
  const stateChanges: BacktestActivity['stateChanges'] = []
  const outcomes: Record<string, number> = {}
  let signals = 0
  const strategy = options.strategy

  for (let i = 0; i < n; i++) {
    bar = bars[i]!
    now = bar.time
    if (broker.onBar(bar)) {
      await engine.idle()
      refresh()
    }
    const close = bar.time + intervalMs
    now = close
    const c = bar.candle
    curve.time[i] = close
    curve.equity[i] = cashNum + qtyNum * c.close
    curve.inPosition[i] = qtyNum !== 0 ? 1 : 0
    if (runtime) {
      runtime.monitor.recordEquity(engine.positions.cash.plus(base.quantity.times(new Decimal(bar.close))))
      runtime.monitor.evaluate()
      if (runtime.cancel) {
        runtime.cancel = false
        for (const o of engine.openOrders()) {
          if (o.exchangeOrderId !== undefined) await engine.cancel(o.clientOrderId)
        }
      }
      const state = runtime.state.state
      if (state !== engine.tradingState.state) {
        const reason = runtime.state.describe().reason ?? 'runtime monitor'
        await engine.setTradingState(state, reason)
        stateChanges.push({ at: close, state, reason })
      }
    }
    snapshot = new BarSnapshot(
      symbol,
      close,
      bar.close,
      candles.slice(i + 1 > lookback ? i + 1 - lookback : 0, i + 1),
    )
    const signal = strategy.decide({ snapshot, position: new BarPosition(base, snapshot) })
    if (signal.side === 'HOLD') continue
    signals++
    pending = signal
    // The venue's reference price for fund checks: this close, as the Decimal the snapshot holds
    // (orders are only placed in the cycle below, so the venue needs it only now).
    broker.setLastClose(snapshot.mark)
    const report = await loop.runCycle()
    pending = undefined
    for (const trace of report.traces) outcomes[trace.outcome] = (outcomes[trace.outcome] ?? 0) + 1
    // No engine.idle() here: the cycle awaited every engine call it made, and the simulated venue
    // reports fills and final statuses only from onBar (and cancels), where the loop does wait.
    refresh()
  }
  await engine.stop()

  const last = bars[n - 1]!
  const finalEquity = engine.positions.cash.plus(base.quantity.times(new Decimal(last.close)))
  const fills = engine.fills()
  const trips = roundTrips(fills)
  const orders: Record<string, number> = {}
  for (const o of engine.orders()) orders[o.status] = (orders[o.status] ?? 0) + 1
  return {
    symbol,
    intervalMs,
    seed,
    metrics: computeMetrics({
      curve,
      initialCash,
      finalEquity,
      trips,
      fills,
      intervalMs,
      start: bars[0]!.time,
    }),
    fingerprint: fingerprintOf(store, fills),
    fills,
    trips,
    curve,
    activity: { signals, outcomes, riskRejections, orders, stateChanges },
    dataQuality: series?.report,
  }
}

/**
 * The store's fingerprint of the fill events when it covers exactly the engine's fills (it always
 * does for a run's own store: each fill is projected from its event); else hashed from the fills.
 */
function fingerprintOf(store: BacktestStore, fills: readonly Fill[]): string {
  const hashed = store.fillsFingerprint()
  return hashed !== undefined && hashed.fills === fills.length ? hashed.fingerprint : fingerprintFills(fills)
}

function inferLookback(strategy: Strategy): number {
  const long = (strategy as { longPeriod?: unknown }).longPeriod
  return typeof long === 'number' && Number.isInteger(long) && long >= 1 ? long + 1 : 100
}

function isSeries(data: RunBacktestOptions['data']): data is BarSeries {
  return !Array.isArray(data) && typeof data === 'object' && data !== null && 'bars' in data
}

function spacing(bars: readonly Bar[]): number {
  const counts = new Map<number, number>()
  let best = 0
  let bestCount = 0
  for (let i = 1; i < Math.min(bars.length, 10_000); i++) {
    const d = bars[i]!.time - bars[i - 1]!.time
    if (d <= 0) continue
    const k = (counts.get(d) ?? 0) + 1
    counts.set(d, k)
    if (k > bestCount) {
      best = d
      bestCount = k
    }
  }
  return best
}

/** Coinbase spot increments (as BTC-USD) for any symbol. */
function defaultProduct(symbol: string): ProductSpecInput {
  return {
    product_id: symbol,
    base_increment: '0.00000001',
    quote_increment: '0.01',
    price_increment: '0.01',
    base_min_size: '0.00000001',
    base_max_size: '1000000000',
    quote_min_size: '1',
    quote_max_size: '1000000000000',
    status: 'online',
    product_type: 'SPOT',
  }
}

/**
 * live-trade's `preTradeRiskGate` over `@gpt-trader/risk`'s PreTradeValidator, with the replayed bar
 * as the market: the close is the mark, and the book is one level at the close holding the bar's
 * volume on each side (so orders larger than what the bar traded are rejected for liquidity).
 */
function riskGate(
  config: RiskConfig,
  clock: { now(): number },
  currentBar: () => Bar,
  rejections: Record<string, number>,
): RiskGate {
  const validator = new PreTradeValidator(config, { clock })
  const view = new InMemoryMarketView()
  return preTradeRiskGate(
    {
      check(order, context) {
        const verdict = validator.check(order, context)
        if (!verdict.accepted) rejections[verdict.code] = (rejections[verdict.code] ?? 0) + 1
        return verdict
      },
    },
    {
      market: (context) => {
        const bar = currentBar()
        const symbol = context.snapshot.symbol
        // The snapshot's mark is this bar's close, already a Decimal: reuse it rather than parse again.
        const close = context.snapshot.mark
        const volume = new Decimal(bar.volume)
        view.setMark(symbol, close, context.now)
        view.setBook(symbol, { bids: [[close, volume]], asks: [[close, volume]] }, context.now)
        return view
      },
    },
  )
}

/** The runtime monitor and trading state of `@gpt-trader/risk`, on the simulated clock. */
function runtimeMonitor(
  config: RiskConfig,
  clock: { now(): number },
): { monitor: RuntimeMonitor; state: StateManager; cancel: boolean } {
  const state = new StateManager({ clock })
  const monitor = new RuntimeMonitor({ config, state, clock })
  const out = { monitor, state, cancel: false }
  monitor.on('action', (action) => {
    if (action.type === 'cancel_open_orders') out.cancel = true
  })
  return out
}
