import type { Clock } from '@gpt-trader/guards'
import { type PositionSizeSummary, type SizingConfig, summarizePositionSize } from '@gpt-trader/sizing'
import {
  Decimal,
  type DecimalInput,
  formatDecimal,
  type OrderSide,
  type ProductSpec,
  quantize,
} from '@gpt-trader/validation'
import type { DecisionTrace } from './DecisionTrace.js'
import type { ExecutionEngine } from './ExecutionEngine.js'
import { isLiveTradeError } from './errors.js'
import type { OrderIntent } from './OrderIntent.js'
import type { RiskGate, RiskGateOrder, RiskGateVerdict } from './RiskGate.js'
import type { FilterPipeline } from './strategies/FilterPipeline.js'
import type { MarketSnapshot, Strategy } from './strategies/Strategy.js'

/** Where the loop gets its market snapshots (the bot's MarketData, the backtest's replay, a test). */
export interface MarketDataSource {
  snapshot(symbol: string): MarketSnapshot | Promise<MarketSnapshot>
}

/** The strategy's track record, fed to the sizer (Kelly needs it). */
export interface SizingInputs {
  winRate: number | DecimalInput
  avgWin: number | DecimalInput
  avgLoss: number | DecimalInput
  /** Default `'sideways_quiet'` (multiplier 1). */
  marketRegime?: string | undefined
  config?: SizingConfig | undefined
  /** Cap on the notional of one order (quote currency). */
  maxNotional?: DecimalInput | undefined
}

/** Options of {@link TradingLoop}. */
export interface TradingLoopOptions {
  engine: ExecutionEngine
  strategy: Strategy
  /** Default: an empty (pass-through) pipeline. */
  filters?: FilterPipeline | undefined
  symbols: readonly string[]
  market: MarketDataSource
  products: readonly ProductSpec[]
  sizing: SizingInputs
  /** Pre-trade risk check. Without one every sized order goes through (tests, research only). */
  risk?: RiskGate | undefined
  /** `MARKET` (default) or `LIMIT` at the touch (best ask to buy, best bid to sell). */
  orderType?: 'MARKET' | 'LIMIT' | undefined
  /** Allow SELL signals to open shorts (derivatives). Default false: spot sells only what it holds. */
  allowShort?: boolean | undefined
  clock?: Clock | undefined
}

/** What one cycle did, one trace per symbol. */
export interface CycleReport {
  cycle: number
  traces: DecisionTrace[]
}

const DEFAULT_REGIME = 'sideways_quiet'

/**
 * One trading cycle per call: for each symbol, market snapshot → strategy → filters → sizing → risk
 * pre-trade → execution. Every decision that gets past the strategy is traced (inputs, filter
 * verdicts, sizing adjustments, risk verdict, outcome) and the trace is written to the store as a
 * `decision` event **before** the order is placed. The decision id is `strategy:symbol:snapshotTime`,
 * so running the same cycle twice never places twice.
 *
 * @example
 * const loop = new TradingLoop({ engine, strategy: new MovingAverageCrossStrategy(), symbols: ['BTC-USD'], market, products, sizing: { winRate: 0.55, avgWin: 0.03, avgLoss: -0.02 } })
 * const report = await loop.runCycle()
 * report.traces[0]?.outcome // 'hold' | 'filtered' | 'placed' | …
 */
export class TradingLoop {
  readonly engine: ExecutionEngine
  readonly strategy: Strategy
  #filters: FilterPipeline | undefined
  #symbols: readonly string[]
  #market: MarketDataSource
  #products: Map<string, ProductSpec>
  #sizing: SizingInputs
  #risk: RiskGate | undefined
  #orderType: 'MARKET' | 'LIMIT'
  #allowShort: boolean
  #clock: Clock
  #cycle = 0

  constructor(options: TradingLoopOptions) {
    this.engine = options.engine
    this.strategy = options.strategy
    this.#filters = options.filters
    this.#symbols = [...options.symbols]
    this.#market = options.market
    this.#products = new Map(options.products.map((p) => [p.product_id, p]))
    // Numbers become Decimals once here (exactly as the sizer would convert them on every call).
    const sizing = options.sizing
    this.#sizing = {
      ...sizing,
      winRate: ratio(sizing.winRate),
      avgWin: ratio(sizing.avgWin),
      avgLoss: ratio(sizing.avgLoss),
    }
    this.#risk = options.risk
    this.#orderType = options.orderType ?? 'MARKET'
    this.#allowShort = options.allowShort ?? false
    this.#clock = options.clock ?? { now: () => Date.now() }
  }

  /**
   * Runs one cycle over every symbol, in order. A symbol whose step throws gets an `error` trace (not
   * stored: nothing was decided) and the cycle goes on with the next symbol.
   */
  async runCycle(): Promise<CycleReport> {
    const cycle = ++this.#cycle
    const traces: DecisionTrace[] = []
    for (const symbol of this.#symbols) {
      try {
        traces.push(await this.#decide(cycle, symbol))
      } catch (error) {
        // One symbol's failure (no snapshot, a strategy bug, a sizing error) must not stop the others.
        traces.push({
          decisionId: `${this.strategy.name}:${symbol}:cycle-${cycle}`,
          cycle,
          symbol,
          strategy: this.strategy.name,
          inputs: { mark: '', at: this.#clock.now() },
          signal: { side: 'HOLD', confidence: 0, reason: '' },
          filters: [],
          outcome: 'error',
          error: error instanceof Error ? error.message : String(error),
        })
      }
    }
    return { cycle, traces }
  }

  async #decide(cycle: number, symbol: string): Promise<DecisionTrace> {
    const engine = this.engine
    // A synchronous source (the backtest's replay, a cache) is used as is: no promise, no microtask.
    const pendingSnapshot = this.#market.snapshot(symbol)
    const snapshot = isThenable(pendingSnapshot) ? await pendingSnapshot : pendingSnapshot
    engine.positions.mark(symbol, snapshot.mark)
    const position = engine.positions.position(symbol)
    const context = { snapshot, position }
    const signal = this.strategy.decide(context)
    const decisionId = `${this.strategy.name}:${symbol}:${snapshot.at}`
    const trace: DecisionTrace = {
      decisionId,
      cycle,
      symbol,
      strategy: this.strategy.name,
      inputs: {
        mark: formatDecimal(snapshot.mark),
        bestBid: snapshot.bestBid === undefined ? undefined : formatDecimal(snapshot.bestBid),
        bestAsk: snapshot.bestAsk === undefined ? undefined : formatDecimal(snapshot.bestAsk),
        at: snapshot.at,
      },
      signal: { side: signal.side, confidence: signal.confidence, reason: signal.reason },
      filters: [],
      outcome: 'hold',
    }
    if (signal.side === 'HOLD') return trace

    const filtered = this.#filters?.run(signal, context)
    if (filtered) trace.filters = filtered.steps
    if (filtered && !filtered.passed) return this.#finish(trace, 'filtered')

    const side: OrderSide = signal.side
    const qty = position.quantity
    const reducing = (side === 'SELL' && qty.gt(0)) || (side === 'BUY' && qty.lt(0))
    const { state, reason } = engine.tradingState
    if (state === 'HALTED' || (state === 'REDUCE_ONLY' && !reducing)) {
      return this.#finish(trace, 'blocked', `trading is ${state} (${reason})`)
    }
    // Every working order, once: this symbol's unresolved one blocks, and the risk check below gets
    // the same list (nothing can change in between: the rest of the decision is synchronous).
    const openOrders = engine.openOrders()
    let unresolved: (typeof openOrders)[number] | undefined
    for (let i = 0; i < openOrders.length; i++) {
      const o = openOrders[i]!
      if (o.symbol !== symbol) continue
      if (o.status === 'UNKNOWN' || o.status === 'PENDING' || o.status === 'NEW') {
        unresolved = o
        break
      }
    }
    if (unresolved) {
      return this.#finish(trace, 'blocked', `order ${unresolved.clientOrderId} is ${unresolved.status}`)
    }
    const clientOrderId = engine.clientOrderIdFor(decisionId)
    if (engine.order(clientOrderId)) return this.#finish(trace, 'duplicate')

    const product = this.#products.get(symbol)
    if (!product) return this.#finish(trace, 'error', `no product spec for ${symbol}`)

    // Sizing: an exit closes the position; an entry is sized by the sizer.
    let size: Decimal
    let equity: Decimal | undefined
    if (reducing) {
      size = quantize(qty.abs(), product.base_increment, 'floor')
      // The size is printed last: the intent prints it again next (formatDecimal remembers the last).
      const notional = formatDecimal(size.times(snapshot.mark))
      const held = formatDecimal(qty)
      trace.sizing = {
        quantity: formatDecimal(size),
        notional,
        adjustments: [`exit: close the ${held} position`],
      }
    } else if (side === 'SELL' && !this.#allowShort) {
      return this.#finish(trace, 'zero_size', 'nothing to sell (spot, shorts not allowed)')
    } else {
      equity = engine.positions.equity()
      const sized = this.#size(symbol, snapshot, signal.confidence, product, equity)
      size = sized.quantity
      // The quantity is printed last: the intent prints it again next (formatDecimal remembers the last).
      const notional = formatDecimal(sized.notional)
      trace.sizing = {
        quantity: formatDecimal(sized.quantity),
        notional,
        adjustments: sized.adjustments.map((a) => `${a.step}: ${a.reason}`),
        zeroReason: sized.zeroReason,
      }
    }
    if (!size.gt(0)) return this.#finish(trace, 'zero_size')

    const price =
      this.#orderType === 'LIMIT'
        ? quantize(
            (side === 'BUY' ? snapshot.bestAsk : snapshot.bestBid) ?? snapshot.mark,
            product.price_increment,
            side === 'BUY' ? 'floor' : 'ceil',
          )
        : undefined
    const riskOrder: RiskGateOrder = { symbol, side, type: this.#orderType, size, price, reducing }
    const verdict: RiskGateVerdict = this.#risk
      ? this.#risk.check(riskOrder, {
          equity: equity ?? engine.positions.equity(),
          position,
          positions: engine.positions,
          openOrders,
          snapshot,
          product,
          products: this.#products,
          tradingState: state,
          now: this.#clock.now(),
        })
      : { action: 'accept' }
    if (verdict.action === 'reject') {
      trace.risk = { action: 'reject', code: verdict.code, reason: verdict.reason }
      return this.#finish(trace, 'risk_rejected')
    }
    if (verdict.action === 'clamp') {
      size = quantize(verdict.size, product.base_increment, 'floor')
      trace.risk = { action: 'clamp', reason: verdict.reason, size: formatDecimal(size) }
      if (!size.gt(0)) return this.#finish(trace, 'risk_rejected')
    } else {
      trace.risk = { action: 'accept' }
    }

    const intent: OrderIntent = {
      symbol,
      side,
      type: this.#orderType,
      size,
      price,
      reduceOnly: reducing,
      decisionId,
      strategy: this.strategy.name,
    }
    trace.clientOrderId = clientOrderId
    trace.outcome = 'placed'
    // Write-ahead: the trace is stored before the order exists.
    await engine.record({ type: 'decision', at: this.#clock.now(), trace })
    try {
      await engine.place(intent)
    } catch (error) {
      const failed: DecisionTrace = {
        ...trace,
        outcome: isLiveTradeError(error) && error.code === 'TRADING_STATE_BLOCKED' ? 'blocked' : 'error',
        error: error instanceof Error ? error.message : String(error),
      }
      await engine.record({ type: 'decision', at: this.#clock.now(), trace: failed })
      return failed
    }
    return trace
  }

  #size(
    symbol: string,
    snapshot: MarketSnapshot,
    confidence: number,
    product: ProductSpec,
    equity: Decimal,
  ): PositionSizeSummary {
    const s = this.#sizing
    // The trace needs the quantity, the notional and the reasons: the summary is the same sizing
    // without the divisions that only report fractions and factors.
    return summarizePositionSize(
      {
        symbol,
        currentPrice: snapshot.mark,
        portfolioValue: nonNegative(equity),
        strategyName: this.strategy.name,
        winRate: s.winRate,
        avgWin: s.avgWin,
        avgLoss: s.avgLoss,
        confidence: Math.min(1, Math.max(0, confidence)),
        marketRegime: s.marketRegime ?? DEFAULT_REGIME,
        baseIncrement: product.base_increment,
        baseMinSize: product.base_min_size,
        // Plain fields rather than conditional spreads (a spread costs more than the field it adds);
        // the sizer treats undefined as absent.
        maxQuantity: product.base_max_size.gt(0) ? product.base_max_size : undefined,
        maxNotional: s.maxNotional,
      },
      s.config,
    )
  }

  async #finish(
    trace: DecisionTrace,
    outcome: DecisionTrace['outcome'],
    error?: string,
  ): Promise<DecisionTrace> {
    trace.outcome = outcome
    if (error !== undefined) trace.error = error
    await this.engine.record({ type: 'decision', at: this.#clock.now(), trace })
    return trace
  }
}

/** A finite number as the sizer reads it (`new Decimal(n)`, its shortest decimal form); else as is. */
function ratio(value: number | DecimalInput): number | DecimalInput {
  return typeof value === 'number' && Number.isFinite(value) ? new Decimal(value) : value
}

function nonNegative(value: Decimal): Decimal {
  return value.isNegative() ? value.mul(0) : value
}

/** A promise (of any realm or library) rather than a plain value. */
function isThenable<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null | undefined)?.then === 'function'
}
