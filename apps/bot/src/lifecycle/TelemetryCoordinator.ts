import type { Logger } from 'pino'
import type { HealthReport } from '../telemetry/TelemetryServer.js'
import { TelemetryServer } from '../telemetry/TelemetryServer.js'
import { writeJsonAtomic } from '../telemetry/writeJsonAtomic.js'
import type { ApplicationContainer } from './ApplicationContainer.js'
import type { BotServices } from './BotServices.js'
import type { Coordinator, CoordinatorContext, CoordinatorHealth } from './Coordinator.js'

/**
 * Telemetry: the HTTP server (`/metrics`, `/health`, `/status`) on the configured loopback port and
 * `<state>/<profile>/metrics.json`, written after every cycle (atomic rename) and once more on
 * shutdown.
 */
export class TelemetryCoordinator implements Coordinator {
  readonly name = 'telemetry'
  #container: ApplicationContainer
  #services: BotServices
  #health: () => HealthReport
  #log: Logger | undefined
  #server: TelemetryServer | undefined

  constructor(container: ApplicationContainer, services: BotServices, health: () => HealthReport) {
    this.#container = container
    this.#services = services
    this.#health = health
  }

  /** URL of the HTTP server, once started. */
  get url(): string | undefined {
    return this.#server?.url
  }

  async initialize({ log }: CoordinatorContext): Promise<void> {
    this.#log = log
    const http = this.#container.config.telemetry.http
    if (!http.enabled) return
    this.#server = await TelemetryServer.start({
      metrics: this.#container.metrics,
      host: http.host,
      port: http.port,
      ...(http.token === undefined ? {} : { token: http.token }),
      health: this.#health,
      status: () => this.status(),
    })
    log.info({ url: this.#server.url }, 'telemetry endpoints: /metrics /health /status')
  }

  async start(): Promise<void> {}

  /** What `/status` shows. */
  status(): unknown {
    const s = this.#services
    const engine = s.engine
    const summary = s.stats.summary(engine, s.now())
    return {
      profile: this.#container.config.profile,
      broker: this.#container.config.broker,
      tradingState: summary.tradingState,
      tradingStateReason: summary.tradingStateReason,
      equity: summary.equity,
      pnl: summary.pnl,
      positions: (engine?.positions.snapshot().positions ?? [])
        .filter((p) => !p.quantity.isZero())
        .map((p) => ({ symbol: p.symbol, quantity: p.quantity.toFixed(), mark: p.mark.toFixed() })),
      openOrders: (engine?.openOrders() ?? []).map((o) => ({
        clientOrderId: o.clientOrderId,
        symbol: o.symbol,
        side: o.side,
        size: o.size.toFixed(),
        price: o.price?.toFixed(),
        status: o.status,
      })),
      guards: s.risk?.snapshot().guards ?? [],
      cycles: summary.cycles,
    }
  }

  /** Writes metrics.json now. */
  writeMetricsFile(): void {
    if (!this.#container.config.telemetry.metricsFile) return
    const s = this.#services
    try {
      writeJsonAtomic(this.#container.metricsFile, s.stats.summary(s.engine, s.now()))
    } catch (error) {
      this.#log?.error({ err: error }, 'cannot write metrics.json')
    }
  }

  async shutdown(): Promise<void> {
    this.writeMetricsFile()
    await this.#server?.close()
  }

  health(): CoordinatorHealth {
    return { ok: true }
  }
}
