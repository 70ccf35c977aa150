import {
  type AlertSink,
  type Clock,
  type GuardEvent,
  GuardManager,
  type GuardState,
  RollingWindowRate,
  StalenessDetector,
  VolatilitySpikeDetector,
} from '@gpt-trader/guards'
import { Decimal, type DecimalInput, formatDecimal, toDecimal } from '@gpt-trader/validation'
import { EventEmitter } from 'eventemitter3'
import type { RiskConfig } from './riskConfig.js'
import type { StateManager } from './StateManager.js'
import { utcDay } from './tradingWindow.js'

const ZERO = new Decimal(0)
const BPS = 10_000

/** Something the bot must do now (the monitor decides, the engine acts). */
export interface RiskAction {
  readonly type: 'cancel_open_orders'
  /** `'global'` or a product id. */
  readonly scope: string
  readonly reason: string
  readonly source: string
  readonly at: number
}

/** A warning that needs no state change (e.g. volatility above the warn level). */
export interface RiskWarning {
  readonly guard: string
  readonly symbol?: string
  readonly message: string
  readonly at: number
}

/** Events of {@link RuntimeMonitor}. */
export interface RuntimeMonitorEvents {
  action: (action: RiskAction) => void
  warning: (warning: RiskWarning) => void
  /** A new UTC day began: the daily PnL restarted from the current equity. */
  dayRollover: (event: { day: string; startEquity: string | undefined; at: number }) => void
  /** The state store failed while applying an action (the in-memory state is still applied). */
  error: (error: unknown) => void
}

/** Options of {@link RuntimeMonitor}. */
export interface RuntimeMonitorOptions {
  config: RiskConfig
  state: StateManager
  clock?: Clock | undefined
  /** Alert sinks for guard warnings / breaches / recoveries. */
  alerts?: readonly AlertSink[] | undefined
}

/** Top of book and depth for the liquidity monitor. */
export interface BookHealth {
  readonly bestBid: DecimalInput
  readonly bestAsk: DecimalInput
  /** Quote notional available on the thinner side of the book near the mid. */
  readonly depth: DecimalInput
}

interface SymbolMonitor {
  marks: StalenessDetector
  volatility: VolatilitySpikeDetector
  spreadBps: number | undefined
  depth: Decimal | undefined
  liquidationBuffer: Decimal | undefined
}

const META = {
  day: 'monitor.day',
  dayStart: 'monitor.dayStartEquity',
  peak: 'monitor.peakEquity',
  cooldown: 'monitor.cooldownUntil.',
} as const

/**
 * Watches the running account and moves the trading state. Built on @gpt-trader/guards: every rule is a
 * guard in one {@link GuardManager} (so their states, counters and alerts come for free).
 *
 * | guard | breach → |
 * |---|---|
 * | `daily_loss` (loss since the UTC day began, ≥ limit) | global REDUCE_ONLY + `cancel_open_orders`; released on the next UTC day |
 * | `drawdown` (from the equity peak, ≥ limit) | global REDUCE_ONLY (operator reset) |
 * | `error_rate` (API failures, > threshold) | HALTED, or a REDUCE_ONLY cooldown |
 * | `consecutive_losses` (≥ max) | a REDUCE_ONLY cooldown, or HALTED |
 * | `volatility.<symbol>` (warn / reduce-only / halt levels) | warning / symbol REDUCE_ONLY for ≥ cooldown / symbol HALTED |
 * | `stale_mark.<symbol>` (mark older than the limit) | symbol paused (REDUCE_ONLY) until a fresh mark |
 * | `spread.<symbol>`, `depth.<symbol>` | symbol paused until the book recovers |
 * | `liquidation_buffer.<symbol>` (derivatives) | symbol REDUCE_ONLY until the buffer recovers |
 *
 * Feed it with `recordEquity`, `recordTrade`, `recordApiResult`, `recordMark`, `recordBook` and
 * `recordLiquidation`, and call `evaluate()` on every cycle (or on a timer).
 *
 * @example
 * const monitor = new RuntimeMonitor({ config, state })
 * monitor.on('action', (a) => engine.cancelAll(a.scope))
 * monitor.recordEquity('10000')
 * monitor.evaluate()
 */
export class RuntimeMonitor extends EventEmitter<RuntimeMonitorEvents> {
  readonly guards: GuardManager
  readonly #config: RiskConfig
  readonly #state: StateManager
  readonly #clock: Clock
  readonly #errors: RollingWindowRate
  readonly #symbols = new Map<string, SymbolMonitor>()
  #equity: Decimal | undefined
  #consecutiveLosses = 0

  constructor(options: RuntimeMonitorOptions) {
    super()
    const config = options.config
    this.#config = config
    this.#state = options.state
    this.#clock = options.clock ?? { now: () => Date.now() }
    this.#errors = new RollingWindowRate({
      events: config.errorRate.window,
      threshold: config.errorRate.threshold,
      minCount: config.errorRate.minCount,
      clock: this.#clock,
    })
    this.guards = new GuardManager({ clock: this.#clock, alerts: options.alerts })
    this.guards
      .add({
        name: 'daily_loss',
        label: 'daily loss',
        units: 'USD',
        decimals: 2,
        read: () => this.dailyLoss,
        comparator: 'gte',
        threshold: config.dailyLossLimit,
        warningRatio: 0.8,
      })
      .add({
        name: 'drawdown',
        label: 'drawdown from the equity peak',
        read: () => this.drawdown,
        comparator: 'gte',
        threshold: config.maxDrawdownPct,
        decimals: 4,
      })
      .add({
        name: 'error_rate',
        label: 'API error rate',
        // A rate over fewer than minCount calls means nothing yet.
        read: () => (this.#errors.count() >= config.errorRate.minCount ? this.#errors.rate() : 0),
        comparator: 'gt',
        threshold: config.errorRate.threshold,
      })
      .add({
        name: 'consecutive_losses',
        label: 'consecutive losing trades',
        read: () => this.#consecutiveLosses,
        comparator: 'gte',
        threshold: config.consecutiveLosses.max,
      })
    this.guards.on('breach', (event) => this.#onBreach(event))
    this.guards.on('recover', (event) => this.#onRecover(event))
    this.guards.on('warning', (event) => this.#onWarning(event))
  }

  /** Loss since the UTC day began, in quote currency (0 when flat or in profit). */
  get dailyLoss(): Decimal {
    const pnl = this.dailyPnl
    return pnl.isNegative() ? pnl.neg() : ZERO
  }

  /** Equity change since the UTC day began (signed). */
  get dailyPnl(): Decimal {
    const start = this.#state.meta(META.dayStart)
    if (this.#equity === undefined || start === undefined) return ZERO
    return this.#equity.minus(start)
  }

  /** Fraction below the equity peak (0 at the peak). */
  get drawdown(): Decimal {
    const peak = this.#state.meta(META.peak)
    if (this.#equity === undefined || peak === undefined) return ZERO
    const p = new Decimal(peak)
    if (!p.isPositive() || p.isZero() || this.#equity.gte(p)) return ZERO
    return p.minus(this.#equity).div(p)
  }

  /** The last equity recorded. */
  get equity(): Decimal | undefined {
    return this.#equity
  }

  /** The highest equity seen (persisted). */
  get peakEquity(): Decimal | undefined {
    const peak = this.#state.meta(META.peak)
    return peak === undefined ? undefined : new Decimal(peak)
  }

  /** Losing trades in a row so far. */
  get consecutiveLosses(): number {
    return this.#consecutiveLosses
  }

  /** Records the account equity (quote currency). The first value of a UTC day is that day's start. */
  recordEquity(equity: DecimalInput): void {
    const value = toDecimal(equity, 'equity')
    this.#equity = value
    this.#rollDay()
    const peak = this.#state.meta(META.peak)
    if (peak === undefined || value.gt(peak)) this.#state.setMeta(META.peak, value.toFixed())
  }

  /** Records the realized PnL of a closed trade: a loss extends the losing streak, anything else ends it. */
  recordTrade(pnl: DecimalInput): void {
    const value = toDecimal(pnl, 'pnl')
    this.#consecutiveLosses = value.isNegative() && !value.isZero() ? this.#consecutiveLosses + 1 : 0
  }

  /** Records the outcome of an exchange API call for the error-rate breaker. */
  recordApiResult(ok: boolean): void {
    this.#errors.record(ok)
  }

  /** Records a mark price of `symbol` observed at `at` (epoch ms; default now). */
  recordMark(symbol: string, price: DecimalInput, at: number = this.#clock.now()): void {
    const entry = this.#symbol(symbol)
    entry.marks.touch(at)
    // Volatility is a read-only estimate on numbers; it never becomes an order field.
    entry.volatility.update(toDecimal(price, 'price').toNumber())
  }

  /** Records the book health of `symbol` for the liquidity monitor. */
  recordBook(symbol: string, book: BookHealth): void {
    const entry = this.#symbol(symbol)
    const bid = toDecimal(book.bestBid, 'bestBid')
    const ask = toDecimal(book.bestAsk, 'bestAsk')
    const mid = bid.plus(ask).div(2)
    // Spread in bps is a read-only number for the guard; the depth stays a Decimal.
    entry.spreadBps =
      mid.isPositive() && !mid.isZero()
        ? ask.minus(bid).div(mid).times(BPS).toNumber()
        : Number.POSITIVE_INFINITY
    entry.depth = toDecimal(book.depth, 'depth')
  }

  /** Records a derivatives position's mark and liquidation price for the liquidation-buffer monitor. */
  recordLiquidation(symbol: string, position: { mark: DecimalInput; liquidationPrice: DecimalInput }): void {
    const entry = this.#symbol(symbol)
    const mark = toDecimal(position.mark, 'mark')
    const liquidation = toDecimal(position.liquidationPrice, 'liquidationPrice')
    entry.liquidationBuffer = mark.isZero() ? ZERO : mark.minus(liquidation).abs().div(mark)
  }

  /** Annualised volatility of `symbol` over the window (NaN until the window is full). */
  volatility(symbol: string): number {
    return this.#symbols.get(symbol)?.volatility.volatility() ?? Number.NaN
  }

  /**
   * Runs every guard, applies the resulting state changes and actions, ends cooldowns that are over,
   * and returns the guard states.
   */
  evaluate(): readonly GuardState[] {
    this.#rollDay()
    const states = this.guards.evaluateSync()
    this.#endCooldowns()
    return states
  }

  #symbol(symbol: string): SymbolMonitor {
    let entry = this.#symbols.get(symbol)
    if (entry !== undefined) return entry
    const config = this.#config
    entry = {
      marks: new StalenessDetector({ maxAgeMs: config.markStalenessMs, clock: this.#clock }),
      volatility: new VolatilitySpikeDetector({
        window: config.volatility.window,
        periodsPerYear: config.volatility.periodsPerYear,
        threshold: config.volatility.warn,
      }),
      spreadBps: undefined,
      depth: undefined,
      liquidationBuffer: undefined,
    }
    const e = entry
    this.#symbols.set(symbol, e)
    const context = { symbol }
    const volatility = () => {
      const v = e.volatility.volatility()
      return Number.isNaN(v) ? 0 : v
    }
    this.guards
      .add({
        name: `volatility.${symbol}`,
        label: `${symbol} volatility`,
        read: volatility,
        comparator: 'gte',
        threshold: config.volatility.reduceOnly,
        warningLevel: config.volatility.warn,
        decimals: 4,
        context,
      })
      .add({
        name: `volatility_halt.${symbol}`,
        label: `${symbol} volatility`,
        read: volatility,
        comparator: 'gte',
        threshold: config.volatility.halt,
        decimals: 4,
        context,
      })
      .add({
        name: `stale_mark.${symbol}`,
        label: `${symbol} mark age`,
        units: 'ms',
        read: () => {
          const age = e.marks.age()
          return Number.isFinite(age) ? age : 0
        },
        comparator: 'gt',
        threshold: config.markStalenessMs,
        context,
      })
      .add({
        name: `spread.${symbol}`,
        label: `${symbol} spread`,
        units: 'bps',
        read: () => e.spreadBps ?? 0,
        comparator: 'gt',
        threshold: config.liquidity.maxSpreadBps,
        decimals: 2,
        context,
      })
      .add({
        name: `depth.${symbol}`,
        label: `${symbol} book depth`,
        units: 'USD',
        read: () => e.depth ?? config.liquidity.minDepth,
        comparator: 'lt',
        threshold: config.liquidity.minDepth,
        decimals: 2,
        context,
      })
      .add({
        name: `liquidation_buffer.${symbol}`,
        label: `${symbol} liquidation buffer`,
        read: () => e.liquidationBuffer ?? 1,
        comparator: 'lt',
        threshold: config.liquidationBufferPct,
        decimals: 4,
        context,
      })
    return e
  }

  #rollDay(): void {
    const now = this.#clock.now()
    const today = utcDay(now)
    const known = this.#state.meta(META.day)
    if (known === today) {
      if (this.#state.meta(META.dayStart) === undefined && this.#equity !== undefined)
        this.#state.setMeta(META.dayStart, this.#equity.toFixed())
      return
    }
    this.#safely(() => {
      this.#state.setMeta(META.day, today)
      this.#state.setMeta(META.dayStart, this.#equity?.toFixed())
      if (known !== undefined) {
        // The daily-loss latch lasts one UTC day.
        this.#state.release({ source: 'daily_loss', reason: `new UTC day ${today}` })
      }
    })
    if (known !== undefined)
      this.emit('dayRollover', { day: today, startEquity: this.#equity?.toFixed(), at: now })
  }

  #onBreach(event: GuardEvent): void {
    const { guard, message } = event
    const now = event.at
    const dot = guard.indexOf('.')
    const kind = dot < 0 ? guard : guard.slice(0, dot)
    const symbol = dot < 0 ? undefined : guard.slice(dot + 1)
    const config = this.#config
    this.#safely(() => {
      switch (kind) {
        case 'daily_loss':
          this.#state.hold('REDUCE_ONLY', { source: 'daily_loss', reason: message })
          this.emit('action', {
            type: 'cancel_open_orders',
            scope: 'global',
            reason: message,
            source: 'daily_loss',
            at: now,
          })
          break
        case 'drawdown':
          this.#state.hold('REDUCE_ONLY', { source: 'drawdown', reason: message })
          break
        case 'error_rate':
          this.#breaker('error_rate', config.errorRate.action, config.errorRate.cooldownMs, message, now)
          break
        case 'consecutive_losses':
          this.#breaker(
            'consecutive_losses',
            config.consecutiveLosses.action,
            config.consecutiveLosses.cooldownMs,
            message,
            now,
          )
          break
        case 'volatility':
          this.#state.hold('REDUCE_ONLY', { source: 'volatility', reason: message, symbol })
          this.#state.setMeta(
            `${META.cooldown}${symbol}.volatility`,
            String(now + config.volatility.cooldownMs),
          )
          break
        case 'volatility_halt':
          this.#state.hold('HALTED', { source: 'volatility', reason: message, symbol })
          break
        case 'stale_mark':
        case 'spread':
        case 'depth':
        case 'liquidation_buffer':
          this.#state.hold('REDUCE_ONLY', { source: kind, reason: message, symbol })
          break
      }
    })
  }

  #breaker(
    source: string,
    action: 'halt' | 'cooldown',
    cooldownMs: number,
    message: string,
    now: number,
  ): void {
    if (action === 'halt') {
      this.#state.hold('HALTED', { source, reason: message })
      return
    }
    this.#state.hold('REDUCE_ONLY', {
      source,
      reason: `${message} (cooldown ${formatDecimal(new Decimal(cooldownMs / 60_000))} min)`,
    })
    this.#state.setMeta(`${META.cooldown}global.${source}`, String(now + cooldownMs))
  }

  #onRecover(event: GuardEvent): void {
    const dot = event.guard.indexOf('.')
    if (dot < 0) return
    const kind = event.guard.slice(0, dot)
    const symbol = event.guard.slice(dot + 1)
    // Feed-quality pauses lift as soon as the feed is good again; volatility waits for its cooldown.
    if (kind === 'stale_mark' || kind === 'spread' || kind === 'depth' || kind === 'liquidation_buffer') {
      this.#safely(() => this.#state.release({ source: kind, reason: event.message, symbol }))
    }
  }

  #onWarning(event: GuardEvent): void {
    const dot = event.guard.indexOf('.')
    this.emit('warning', {
      guard: event.guard,
      ...(dot < 0 ? {} : { symbol: event.guard.slice(dot + 1) }),
      message: event.message,
      at: event.at,
    })
  }

  #endCooldowns(): void {
    const now = this.#clock.now()
    const json = this.#state.toJSON().meta
    for (const [key, value] of Object.entries(json)) {
      if (!key.startsWith(META.cooldown) || Number(value) > now) continue
      const rest = key.slice(META.cooldown.length)
      const dot = rest.lastIndexOf('.')
      const scope = rest.slice(0, dot)
      const source = rest.slice(dot + 1)
      const symbol = scope === 'global' ? undefined : scope
      if (source === 'volatility' && symbol !== undefined) {
        // Still above the reduce-only level: the pause continues (a new cooldown starts on the next breach).
        if (this.guards.get(`volatility.${symbol}`)?.status === 'breached') continue
      }
      this.#safely(() => {
        this.#state.setMeta(key, undefined)
        if (source === 'consecutive_losses') this.#consecutiveLosses = 0
        if (source === 'error_rate') this.#errors.reset()
        this.#state.release({ source, reason: 'cooldown over', symbol })
      })
    }
  }

  #safely(run: () => void): void {
    try {
      run()
    } catch (error) {
      this.emit('error', error)
    }
  }
}
