import type { AlertSink, Clock, GuardStatus } from '@gpt-trader/guards'
import { calculatePositionSize, type PositionSizeRequest, type PositionSizeResult } from '@gpt-trader/sizing'
import { Decimal, formatDecimal, type TradingState } from '@gpt-trader/validation'
import { EventEmitter } from 'eventemitter3'
import { ExposureBook } from './ExposureBook.js'
import type { PreTradeContext, PreTradeOrder } from './PreTradeContext.js'
import { PreTradeValidator } from './PreTradeValidator.js'
import type { RiskVerdict } from './RiskVerdict.js'
import { type RiskAction, type RiskWarning, RuntimeMonitor } from './RuntimeMonitor.js'
import { type RiskConfig, type RiskPresetName, resolveRiskConfig } from './riskConfig.js'
import { type ScopeState, StateManager, type StateTransition } from './StateManager.js'
import type { StateStore } from './StateStore.js'

/** Options of {@link LiveRiskManager}. */
export interface LiveRiskManagerOptions {
  /** Config overrides (parsed by `resolveRiskConfig`), or an already resolved config. */
  config?: unknown
  /** Preset the overrides apply to. Default `'default'`. */
  preset?: RiskPresetName | undefined
  /** Where the trading state is persisted. Default in memory. */
  store?: StateStore | undefined
  clock?: Clock | undefined
  alerts?: readonly AlertSink[] | undefined
}

/** Telemetry view of the risk state (decimal strings for money). */
export interface RiskSnapshot {
  readonly at: number
  readonly tradingState: TradingState
  /** Scopes with holds (`'global'` and product ids), with reason, source and time. */
  readonly states: Readonly<Record<string, ScopeState>>
  readonly equity: string | undefined
  readonly peakEquity: string | undefined
  readonly dailyPnl: string
  readonly dailyLoss: string
  readonly dailyLossLimit: string
  /** Fraction below the equity peak. */
  readonly drawdown: string
  readonly consecutiveLosses: number
  /** Worst-case exposure (positions + open orders) of the last context seen, in quote currency. */
  readonly exposure:
    | { readonly total: string; readonly bySymbol: Readonly<Record<string, string>> }
    | undefined
  readonly guards: readonly {
    readonly name: string
    readonly status: GuardStatus
    readonly value: string | undefined
  }[]
}

/** Events of {@link LiveRiskManager}: the monitor's actions and warnings, and state changes. */
export interface LiveRiskManagerEvents {
  action: (action: RiskAction) => void
  warning: (warning: RiskWarning) => void
  stateChange: (transition: StateTransition) => void
  error: (error: unknown) => void
}

/**
 * The facade the engine talks to: pre-trade checks with the current trading state filled in, the
 * runtime monitor, the state manager, position sizing capped by the per-symbol limits, and a snapshot
 * for telemetry.
 *
 * @example
 * const risk = new LiveRiskManager({ preset: 'spot_top10', store })
 * risk.on('action', (a) => engine.cancelOpenOrders(a.scope))
 * const verdict = risk.preTrade(order, context)
 * risk.monitor.recordEquity(equity); risk.evaluate()
 */
export class LiveRiskManager extends EventEmitter<LiveRiskManagerEvents> {
  readonly config: RiskConfig
  readonly state: StateManager
  readonly monitor: RuntimeMonitor
  readonly validator: PreTradeValidator
  readonly #clock: Clock
  readonly #exposure = new ExposureBook()
  #lastContext: PreTradeContext | undefined

  constructor(options: LiveRiskManagerOptions = {}) {
    super()
    this.config = isResolved(options.config)
      ? options.config
      : resolveRiskConfig(options.config ?? {}, { preset: options.preset ?? 'default' })
    this.#clock = options.clock ?? { now: () => Date.now() }
    this.state = new StateManager({ store: options.store, clock: this.#clock })
    this.monitor = new RuntimeMonitor({
      config: this.config,
      state: this.state,
      clock: this.#clock,
      alerts: options.alerts,
    })
    this.validator = new PreTradeValidator(this.config, { clock: this.#clock })
    this.state.on('change', (t) => this.emit('stateChange', t))
    this.monitor.on('action', (a) => this.emit('action', a))
    this.monitor.on('warning', (w) => this.emit('warning', w))
    this.monitor.on('error', (e) => this.emit('error', e))
  }

  /** The global trading state. */
  get tradingState(): TradingState {
    return this.state.state
  }

  /**
   * Checks an order with the manager's trading states (global and per symbol) in place of any the
   * context carries.
   */
  preTrade(order: PreTradeOrder, context: PreTradeContext): RiskVerdict {
    this.#lastContext = context
    return this.validator.check(order, {
      ...context,
      tradingState: this.state.state,
      symbolStates: this.state.symbolStates,
    })
  }

  /**
   * Sizes a position with @gpt-trader/sizing, capped by the symbol's notional cap and equity share.
   */
  sizePosition(request: PositionSizeRequest): PositionSizeResult {
    const cap = this.config.perSymbolCaps[request.symbol]
    const share = new Decimal(request.portfolioValue).times(this.config.maxSymbolExposurePct)
    let limit = cap === undefined || share.lt(cap) ? share : cap
    if (request.maxNotional !== undefined && new Decimal(request.maxNotional).lt(limit))
      limit = new Decimal(request.maxNotional)
    return calculatePositionSize({ ...request, maxNotional: limit })
  }

  /** Runs the runtime monitor (see {@link RuntimeMonitor.evaluate}). */
  evaluate(): void {
    this.monitor.evaluate()
  }

  /** Operator: HALT everything (or one symbol). */
  halt(reason: string, operator: string, symbol?: string): void {
    this.state.halt(reason, operator, symbol)
  }

  /** Operator: clear every hold on a scope, HALTED included (see {@link StateManager.reset}). */
  reset(options: { operator: string; reason: string; symbol?: string; all?: boolean }): void {
    this.state.reset(options)
  }

  /** Telemetry snapshot; exposure comes from `context` or the last context passed to `preTrade`. */
  snapshot(context: PreTradeContext | undefined = this.#lastContext): RiskSnapshot {
    const monitor = this.monitor
    let exposure: RiskSnapshot['exposure']
    if (context !== undefined) {
      const book = this.#exposure.refresh(context)
      const bySymbol: Record<string, string> = {}
      for (const [symbol, e] of book.entries()) bySymbol[symbol] = formatDecimal(e.worst)
      exposure = { total: formatDecimal(book.total), bySymbol }
    }
    return {
      at: this.#clock.now(),
      tradingState: this.state.state,
      states: this.state.scopes(),
      equity: monitor.equity === undefined ? undefined : formatDecimal(monitor.equity),
      peakEquity: monitor.peakEquity === undefined ? undefined : formatDecimal(monitor.peakEquity),
      dailyPnl: formatDecimal(monitor.dailyPnl),
      dailyLoss: formatDecimal(monitor.dailyLoss),
      dailyLossLimit: formatDecimal(this.config.dailyLossLimit),
      drawdown: formatDecimal(monitor.drawdown),
      consecutiveLosses: monitor.consecutiveLosses,
      exposure,
      guards: monitor.guards.states().map((g) => ({
        name: g.name,
        status: g.status,
        value: g.value === undefined ? undefined : String(g.value),
      })),
    }
  }
}

function isResolved(config: unknown): config is RiskConfig {
  return (
    typeof config === 'object' &&
    config !== null &&
    (config as { dailyLossLimit?: unknown }).dailyLossLimit instanceof Decimal &&
    typeof (config as { tradingWindow?: unknown }).tradingWindow !== 'undefined' &&
    typeof (config as { volatility?: unknown }).volatility === 'object'
  )
}
