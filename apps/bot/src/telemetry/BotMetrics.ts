import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client'

const STATES = ['ACTIVE', 'REDUCE_ONLY', 'HALTED'] as const

/**
 * The bot's Prometheus metrics in their own registry (never the global one): cycle latency,
 * signals, orders, fills, rejections by reason, guard states, trading state, equity, PnL, WebSocket
 * reconnects, gaps and malformed frames, stale symbols, REST errors by code (HTTP status or `network`), plus Node's default process metrics (event-loop lag,
 * RSS, heap). Labels never carry secrets: only sides, reasons, codes, guard names and states.
 *
 * @example
 * const metrics = new BotMetrics()
 * metrics.cycleSeconds.observe(0.012)
 * await metrics.registry.metrics() // Prometheus text format
 */
export class BotMetrics {
  readonly registry = new Registry()
  readonly cycleSeconds: Histogram<string>
  readonly cycles: Counter<string>
  readonly signals: Counter<'side'>
  readonly orders: Counter<'side' | 'outcome'>
  readonly fills: Counter<'side'>
  readonly rejections: Counter<'reason'>
  readonly guardState: Gauge<'guard'>
  readonly guardEvents: Counter<'guard' | 'kind'>
  readonly tradingState: Gauge<'state'>
  readonly equity: Gauge<string>
  readonly pnl: Gauge<'kind'>
  readonly wsReconnects: Counter<string>
  readonly wsGaps: Counter<string>
  readonly wsMalformed: Counter<string>
  readonly staleSymbols: Gauge<string>
  readonly symbolStale: Gauge<'symbol'>
  readonly restErrors: Counter<'code'>

  constructor(options: { defaultMetrics?: boolean } = {}) {
    const registers = [this.registry]
    this.cycleSeconds = new Histogram({
      name: 'gpt_trader_cycle_duration_seconds',
      help: 'Wall time of one trading cycle',
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    })
    this.cycles = new Counter({ name: 'gpt_trader_cycles_total', help: 'Trading cycles run', registers })
    this.signals = new Counter({
      name: 'gpt_trader_signals_total',
      help: 'Strategy signals other than HOLD',
      labelNames: ['side'],
      registers,
    })
    this.orders = new Counter({
      name: 'gpt_trader_orders_total',
      help: 'Orders placed (outcome: placed, dry_run, error)',
      labelNames: ['side', 'outcome'],
      registers,
    })
    this.fills = new Counter({
      name: 'gpt_trader_fills_total',
      help: 'Fills counted',
      labelNames: ['side'],
      registers,
    })
    this.rejections = new Counter({
      name: 'gpt_trader_rejections_total',
      help: 'Decisions that did not become orders, by reason (risk code, filtered, blocked, zero_size, …)',
      labelNames: ['reason'],
      registers,
    })
    this.guardState = new Gauge({
      name: 'gpt_trader_guard_state',
      help: 'Guard state: 0 ok, 1 warning, 2 breached',
      labelNames: ['guard'],
      registers,
    })
    this.guardEvents = new Counter({
      name: 'gpt_trader_guard_events_total',
      help: 'Guard warnings and breaches',
      labelNames: ['guard', 'kind'],
      registers,
    })
    this.tradingState = new Gauge({
      name: 'gpt_trader_trading_state',
      help: '1 for the current trading state (ACTIVE, REDUCE_ONLY, HALTED), 0 for the others',
      labelNames: ['state'],
      registers,
    })
    this.equity = new Gauge({ name: 'gpt_trader_equity', help: 'Equity in quote currency', registers })
    this.pnl = new Gauge({
      name: 'gpt_trader_pnl',
      help: 'Profit and loss in quote currency (kind: realized, unrealized, fees)',
      labelNames: ['kind'],
      registers,
    })
    this.wsReconnects = new Counter({
      name: 'gpt_trader_ws_reconnects_total',
      help: 'WebSocket reconnects',
      registers,
    })
    this.wsGaps = new Counter({
      name: 'gpt_trader_ws_sequence_gaps_total',
      help: 'WebSocket sequence gaps detected',
      registers,
    })
    this.wsMalformed = new Counter({
      name: 'gpt_trader_ws_malformed_frames_total',
      help: 'WebSocket frames that could not be parsed (ignored)',
      registers,
    })
    this.staleSymbols = new Gauge({
      name: 'gpt_trader_stale_symbols',
      help: 'Symbols whose market data is stale or whose book is resyncing (no new exposure on them)',
      registers,
    })
    this.symbolStale = new Gauge({
      name: 'gpt_trader_symbol_stale',
      help: '1 while the symbol is stale (book resyncing or no update within marketData.staleAfter)',
      labelNames: ['symbol'],
      registers,
    })
    this.restErrors = new Counter({
      name: 'gpt_trader_rest_errors_total',
      help: 'REST errors by code (the HTTP status, or network for no answer)',
      labelNames: ['code'],
      registers,
    })
    this.setTradingState('ACTIVE')
    // nodejs_eventloop_lag_seconds, process_resident_memory_bytes, heap and GC metrics.
    if (options.defaultMetrics !== false) collectDefaultMetrics({ register: this.registry, prefix: '' })
  }

  /** Sets the trading-state gauge (one-hot). */
  setTradingState(state: string): void {
    for (const s of STATES) this.tradingState.set({ state: s }, s === state ? 1 : 0)
  }

  /** Prometheus text exposition. */
  text(): Promise<string> {
    return this.registry.metrics()
  }
}
