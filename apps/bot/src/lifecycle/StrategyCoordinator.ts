import { type CycleReport, type Strategy, TradingLoop } from '@gpt-trader/live-trade'
import type { Logger } from 'pino'
import { BotError } from '../BotError.js'
import type { ClientMarketData } from '../engine/ClientMarketData.js'
import { WsMarketData } from '../engine/WsMarketData.js'
import type { ApplicationContainer } from './ApplicationContainer.js'
import type { BotServices } from './BotServices.js'
import type { Coordinator, CoordinatorContext, CoordinatorHealth } from './Coordinator.js'

/**
 * Strategy: builds live-trade's `TradingLoop` (market data → strategy → filters → sizing → risk →
 * execution) and runs one cycle per `interval` until shutdown or `maxCycles`. After each cycle it
 * feeds the risk monitor (equity, then `evaluate`) and calls `onCycle` (telemetry). In `--dev-fast`
 * the run driver calls {@link step} itself after advancing the sim's clock.
 */
export class StrategyCoordinator implements Coordinator {
  readonly name = 'strategy'
  #container: ApplicationContainer
  #services: BotServices
  #log: Logger | undefined
  #loop: TradingLoop | undefined
  #market: ClientMarketData | WsMarketData | undefined
  #strategy: Strategy | undefined
  #signal: AbortSignal | undefined
  #running: Promise<void> | undefined
  #current: Promise<unknown> = Promise.resolve()
  #timer: NodeJS.Timeout | undefined
  #wake: (() => void) | undefined
  #lastError: string | undefined
  /** Called after every cycle (telemetry writes metrics.json). */
  onCycle: ((report: CycleReport) => void) | undefined

  /** `strategy` replaces the profile's (the chaos suite scripts its signals). */
  constructor(container: ApplicationContainer, services: BotServices, options: { strategy?: Strategy } = {}) {
    this.#container = container
    this.#services = services
    this.#strategy = options.strategy
  }

  get market(): ClientMarketData | WsMarketData | undefined {
    return this.#market
  }

  /**
   * `--dev-fast`: waits (at most `timeoutMs` of real time) until the WebSocket delivered everything
   * the sim sent up to `targetMs`, so each cycle sees the same data whatever the machine's load.
   * True at once for REST market data.
   */
  async settleMarket(targetMs: number, timeoutMs = 1_500): Promise<boolean> {
    const market = this.#market
    if (!(market instanceof WsMarketData)) return true
    // While the connection is down, wait only briefly: the REST book stands in.
    return market.settle(targetMs, market.ws.market.isOpen ? timeoutMs : Math.min(timeoutMs, 200))
  }

  async initialize({ log, signal }: CoordinatorContext): Promise<void> {
    this.#log = log
    this.#signal = signal
    const c = this.#container
    const s = this.#services
    if (!s.engine || !s.client || !s.risk || !s.broker) {
      throw new BotError('the runtime did not provide an engine', { code: 'LIFECYCLE_FAILED' })
    }
    const market = c.createMarketData(s.client, s.risk, s.now, s.sim)
    this.#market = market
    if (market instanceof WsMarketData) {
      market.ws.on('error', (error) => log.debug({ err: error }, 'market WebSocket'))
      market.ws.on('reconnect', (info) => log.warn(info, 'market WebSocket reconnecting'))
      market.ws.on('gap', (info) => log.warn(info, 'market WebSocket sequence gap: resyncing books'))
      await market.start()
      log.info(
        { symbols: c.config.symbols.length },
        'market data over the WebSocket (level2, ticker, heartbeats)',
      )
    }
    const products = await Promise.all(c.config.symbols.map((symbol) => s.broker!.getProduct(symbol)))
    this.#loop = new TradingLoop({
      engine: s.engine,
      strategy: this.#strategy ?? c.createStrategy(),
      symbols: c.config.symbols,
      market,
      products,
      sizing: {
        winRate: c.config.sizing.winRate,
        avgWin: c.config.sizing.avgWin,
        avgLoss: c.config.sizing.avgLoss,
        ...(c.config.sizing.maxNotional === undefined ? {} : { maxNotional: c.config.sizing.maxNotional }),
      },
      risk: c.createRiskGate(s.risk, market),
      orderType: c.config.orders.type,
      clock: { now: s.now },
    })
    log.info({ strategy: c.config.strategy.name, symbols: c.config.symbols.length }, 'trading loop ready')
  }

  /** Starts the interval loop (not in `--dev-fast`, where the driver steps). */
  async start(): Promise<void> {
    if (this.#container.devFast) return
    this.#running = this.#runLoop()
  }

  /** Resolves when the interval loop ends (maxCycles reached or shutdown). */
  get done(): Promise<void> {
    return this.#running ?? Promise.resolve()
  }

  /** Runs one cycle now. */
  async step(): Promise<CycleReport | undefined> {
    const loop = this.#loop
    if (loop === undefined || this.#signal?.aborted || !this.#services.accepting) return undefined
    // The venue refused the key: no more calls until a restart (a retry storm gets keys banned).
    if (this.#container.rest.unauthorized > 0) {
      this.#lastError = 'the venue refused the API key (401): trading halted'
      return undefined
    }
    const run = this.#cycle(loop)
    this.#current = run.catch(() => undefined)
    return run
  }

  async #cycle(loop: TradingLoop): Promise<CycleReport> {
    const c = this.#container
    const s = this.#services
    const started = performance.now()
    try {
      await s.syncClock?.()
    } catch (error) {
      // The last measured offset stays; the cycle goes on (its own calls retry and are counted).
      this.#log?.warn({ err: error }, 'venue clock sync failed; keeping the last offset')
    }
    const report = await loop.runCycle()
    const ms = performance.now() - started
    if (this.#market instanceof WsMarketData) this.#market.refreshMetrics()
    c.metrics.cycleSeconds.observe(ms / 1000)
    c.metrics.cycles.inc()
    for (const trace of report.traces) {
      if (trace.signal.side !== 'HOLD') c.metrics.signals.inc({ side: trace.signal.side })
      if (trace.outcome === 'placed') c.metrics.orders.inc({ side: trace.signal.side, outcome: 'placed' })
    }
    for (const reason of s.stats.recordCycle(report.traces, ms)) c.metrics.rejections.inc({ reason })
    const engine = s.engine
    const risk = s.risk
    if (engine && risk) {
      const snap = engine.positions.snapshot()
      risk.monitor.recordEquity(snap.equity)
      for (const g of risk.monitor.evaluate()) {
        c.metrics.guardState.set(
          { guard: g.name },
          g.status === 'breached' ? 2 : g.status === 'warning' ? 1 : 0,
        )
      }
      c.metrics.equity.set(snap.equity.toNumber())
      c.metrics.pnl.set({ kind: 'realized' }, snap.realizedPnlNet.toNumber())
      c.metrics.pnl.set({ kind: 'unrealized' }, snap.unrealizedPnl.toNumber())
      c.metrics.pnl.set({ kind: 'fees' }, snap.fees.toNumber())
      c.metrics.setTradingState(engine.tradingState.state)
    }
    this.onCycle?.(report)
    return report
  }

  async #runLoop(): Promise<void> {
    const c = this.#container
    const max = c.config.maxCycles
    while (!this.#signal?.aborted && (max === null || this.#services.stats.cycles < max)) {
      try {
        await this.step()
        if (this.#container.rest.unauthorized === 0) this.#lastError = undefined
      } catch (error) {
        this.#lastError = error instanceof Error ? error.message : String(error)
        this.#log?.error({ err: error }, 'trading cycle failed')
      }
      if (max !== null && this.#services.stats.cycles >= max) break
      await new Promise<void>((resolve) => {
        this.#wake = resolve
        this.#timer = setTimeout(resolve, c.config.interval)
      })
    }
  }

  async shutdown(): Promise<void> {
    clearTimeout(this.#timer)
    this.#wake?.()
    await this.#current
    await this.#running
    if (this.#market instanceof WsMarketData) this.#market.close()
  }

  health(): CoordinatorHealth {
    if (this.#loop === undefined) return { ok: false, detail: 'not initialised' }
    return this.#lastError === undefined ? { ok: true } : { ok: false, detail: this.#lastError }
  }
}
