import type { Logger } from 'pino'
import { BotError } from '../BotError.js'
import { RestHealth } from '../engine/RestHealth.js'
import type { ApplicationContainer } from './ApplicationContainer.js'
import type { BotServices } from './BotServices.js'
import type { Coordinator, CoordinatorContext, CoordinatorHealth } from './Coordinator.js'

/**
 * Runtime: opens the store, starts the embedded sim (dev), builds the venue client and broker, the
 * risk manager and the execution engine; then replays the store into the engine and reconciles with
 * the venue — all before the first order. Shuts down last: stops the engine, closes the sim, flushes
 * and closes the store.
 */
export class RuntimeCoordinator implements Coordinator {
  readonly name = 'runtime'
  #container: ApplicationContainer
  #services: BotServices
  #log: Logger | undefined

  constructor(container: ApplicationContainer, services: BotServices) {
    this.#container = container
    this.#services = services
  }

  async initialize({ log }: CoordinatorContext): Promise<void> {
    this.#log = log
    const c = this.#container
    const s = this.#services
    const store = c.createStore()
    s.store = store
    log.info({ file: store.file, events: store.size, schema: store.schemaVersion }, 'state store open')
    if (c.config.broker === 'sim') {
      const sim = await c.startSim()
      s.sim = sim
      s.now = () => sim.control.now()
      // --dev-fast: simulated history before the first cycle, so strategies have candles.
      if (c.devFast) sim.control.advance(c.config.sim.warmup)
      log.info({ restUrl: sim.restUrl, products: c.config.symbols.length }, 'embedded coinbase-sim started')
    }
    const client = c.createClient(s.sim)
    s.client = client
    const venue = c.venueClock
    if (venue !== undefined) {
      // JWTs are signed with the venue's clock (local + offset from `/time`), re-measured every
      // cycle: a local clock off by ±30 s still signs tokens the venue accepts.
      s.syncClock = async () => {
        const before = venue.offsetMs
        const offset = await venue.sync(async () => (await client.getServerTime()).epochMillis)
        if (Math.abs(offset - before) > 1_000) log.warn({ offsetMs: offset }, 'venue clock offset changed')
      }
      // Decisions, events and candle windows use the venue's clock (Coinbase's `/time`, or a
      // standalone sim running faster than real time); the embedded sim's own clock is exact.
      if (s.sim === undefined) s.now = () => venue.now()
      await s.syncClock()
      log.info({ offsetMs: venue.offsetMs }, 'venue clock offset')
    }
    const broker = c.createBroker(client)
    s.broker = broker
    const risk = c.createRiskManager(store, s.now)
    s.risk = risk
    // Every HTTP attempt feeds risk's API error rate (5xx, no answer, 401/403 count as failures);
    // a 401 means the venue refused the key: halt at once and alert, never retry into a ban.
    c.rest.on((outcome) => {
      risk.monitor.recordApiResult(!RestHealth.isFailure(outcome))
      if (outcome.status === 401 && c.rest.unauthorized === 1)
        this.#authRejected(`${outcome.method} ${outcome.path}`)
    })
    const engine = await c.createEngine(broker, store, s.now)
    s.engine = engine
    // Replay the store (orders, fills, positions, trading state) …
    await engine.start()
    // … then catch up with the venue before any order.
    const report = await c.createReconciler(engine, s.now).reconcile()
    s.reconciliation = report
    log.info({ ok: report.ok, diffs: report.diffs.length }, 'reconciled with the venue')
    if (!report.ok) log.warn({ err: report.error }, 'reconciliation failed: trading is REDUCE_ONLY')
    if (c.config.reduceOnly && engine.tradingState.state === 'ACTIVE') {
      await engine.setTradingState('REDUCE_ONLY', 'started with --reduce-only')
    }
    // Risk decides the global trading state; the engine enforces it on every order.
    risk.on('stateChange', (t) => {
      s.stats.recordGuardEvent({
        at: t.at,
        kind: 'state',
        detail: `${t.scope}: ${t.from} → ${t.to} (${t.reason})`,
      })
      c.metrics.setTradingState(risk.tradingState)
      // Trading-state changes are alerts too: to the log sink and, when configured, the webhook.
      for (const sink of c.alertSinks()) {
        void sink
          .send({
            kind: t.to === 'ACTIVE' ? 'recover' : 'breach',
            guard: 'trading_state',
            severity: t.to === 'HALTED' ? 'critical' : t.to === 'REDUCE_ONLY' ? 'warning' : 'info',
            status: t.to === 'ACTIVE' ? 'healthy' : 'breached',
            previous: t.from === 'ACTIVE' ? 'healthy' : 'breached',
            message: `trading state ${t.scope}: ${t.from} → ${t.to} (${t.reason})`,
            value: t.to,
            threshold: 'ACTIVE',
            at: t.at,
            context: { scope: t.scope, source: t.source },
          })
          .catch((e: unknown) => log.error({ err: e, sink: sink.name }, 'alert delivery failed'))
      }
      if (t.scope === 'global')
        void engine
          .setTradingState(t.to, t.reason)
          .catch((e: unknown) => log.error({ err: e }, 'cannot record trading state'))
    })
    risk.on('warning', (w) => {
      s.stats.recordGuardEvent({ at: s.now(), kind: 'warning', detail: `${w.guard}: ${w.message}` })
      c.metrics.guardEvents.inc({ guard: w.guard, kind: 'warning' })
    })
    risk.on('action', (a) => {
      s.stats.recordGuardEvent({ at: a.at, kind: 'action', detail: `${a.type} ${a.scope} (${a.reason})` })
      for (const order of engine.openOrders(a.scope === 'global' ? undefined : a.scope)) {
        void engine
          .cancel(order.clientOrderId)
          .catch((e: unknown) => log.error({ err: e }, 'risk cancel failed'))
      }
    })
    risk.on('error', (e) => log.error({ err: e }, 'risk monitor error'))
    c.metrics.setTradingState(engine.tradingState.state)
  }

  async start(): Promise<void> {}

  /** The venue refused the API key: HALTED, a critical alert, and the strategy stops calling the venue. */
  #authRejected(request: string): void {
    const c = this.#container
    const s = this.#services
    const log = this.#log
    const reason = `the venue refused the API key (HTTP 401 on ${request}): check the key, its permissions and the clock; trading halted until restart`
    log?.error({ request }, 'API key refused by the venue (401): trading halted')
    s.stats.recordGuardEvent({ at: s.now(), kind: 'state', detail: `auth: ${reason}` })
    c.metrics.guardEvents.inc({ guard: 'auth', kind: 'breach' })
    c.metrics.guardState.set({ guard: 'auth' }, 2)
    c.metrics.setTradingState('HALTED')
    void s.engine
      ?.setTradingState('HALTED', reason)
      .catch((e: unknown) => log?.error({ err: e }, 'cannot record trading state'))
    for (const sink of c.alertSinks()) {
      void sink
        .send({
          kind: 'breach',
          guard: 'auth',
          severity: 'critical',
          status: 'breached',
          previous: 'healthy',
          message: reason,
          value: '401',
          threshold: 'accepted',
          at: s.now(),
          context: { request },
        })
        .catch((e: unknown) => log?.error({ err: e, sink: sink.name }, 'alert delivery failed'))
    }
  }

  async shutdown(): Promise<void> {
    const s = this.#services
    try {
      await s.engine?.stop()
    } finally {
      try {
        await s.sim?.close()
      } finally {
        s.store?.close()
        this.#log?.info('state store flushed and closed')
      }
    }
  }

  health(): CoordinatorHealth {
    const s = this.#services
    if (s.store === undefined || s.engine === undefined) return { ok: false, detail: 'starting' }
    if (s.reconciliation === undefined) return { ok: false, detail: 'not reconciled yet' }
    return s.reconciliation.ok ? { ok: true } : { ok: false, detail: 'reconciliation failed' }
  }

  /** @internal the sim, for the dev-fast driver. */
  requireSim() {
    const sim = this.#services.sim
    if (sim === undefined)
      throw new BotError('--dev-fast needs the embedded sim (broker: sim)', { code: 'USAGE' })
    return sim
  }
}
