import type { Logger } from 'pino'
import type { ApplicationContainer } from './ApplicationContainer.js'
import type { BotServices } from './BotServices.js'
import type { Coordinator, CoordinatorContext, CoordinatorHealth } from './Coordinator.js'

/**
 * Execution: counts fills and venue rejections from the engine into metrics and run stats. On
 * shutdown it stops new orders first, cancels the bot's open orders when the profile says so
 * (`shutdown.cancelOpenOrders`) and waits for the engine to settle.
 */
export class ExecutionCoordinator implements Coordinator {
  readonly name = 'execution'
  #container: ApplicationContainer
  #services: BotServices
  #log: Logger | undefined
  #errors = 0

  constructor(container: ApplicationContainer, services: BotServices) {
    this.#container = container
    this.#services = services
  }

  async initialize({ log }: CoordinatorContext): Promise<void> {
    this.#log = log
    const engine = this.#services.engine
    if (engine === undefined) return
    const metrics = this.#container.metrics
    engine.on('fill', (fill) => {
      this.#services.stats.fills++
      metrics.fills.inc({ side: fill.side })
      log.debug(
        { symbol: fill.symbol, side: fill.side, price: fill.price.toFixed(), size: fill.size.toFixed() },
        'fill',
      )
    })
    engine.on('order', (order) => {
      if (order.status === 'REJECTED') {
        this.#services.stats.recordVenueRejection()
        // Insufficient funds and the like would be refused again next cycle: cool the symbol down.
        if (this.#container.cooldown.record(order.symbol, order.statusReason ?? '', this.#services.now()))
          log.warn(
            { symbol: order.symbol, reason: order.statusReason },
            'no new exposure on this symbol for a while',
          )
        metrics.rejections.inc({ reason: 'venue_rejected' })
        log.warn(
          { clientOrderId: order.clientOrderId, reason: order.statusReason },
          'order rejected by the venue',
        )
      }
    })
    engine.on('error', (error) => {
      this.#errors++
      const raw: unknown = (error as unknown as { code?: unknown }).code
      const code = typeof raw === 'string' ? raw : 'unknown'
      metrics.restErrors.inc({ code })
      log.error({ err: error }, 'engine error')
    })
  }

  async start(): Promise<void> {}

  async shutdown(): Promise<void> {
    const s = this.#services
    s.accepting = false
    const engine = s.engine
    if (engine === undefined) return
    if (this.#container.config.shutdown.cancelOpenOrders) {
      const open = engine.openOrders()
      for (const order of open) {
        try {
          await engine.cancel(order.clientOrderId)
        } catch (error) {
          this.#log?.error({ err: error, clientOrderId: order.clientOrderId }, 'cancel on shutdown failed')
        }
      }
      if (open.length > 0) this.#log?.info({ cancelled: open.length }, 'open orders cancelled on shutdown')
    }
    await engine.idle()
  }

  health(): CoordinatorHealth {
    return this.#errors === 0 ? { ok: true } : { ok: true, detail: `${this.#errors} engine errors` }
  }
}
