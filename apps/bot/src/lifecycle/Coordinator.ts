import type { Logger } from 'pino'

/** Result of {@link Coordinator.health}. */
export interface CoordinatorHealth {
  ok: boolean
  detail?: string | undefined
}

/** What every coordinator receives in `initialize`: the logger and a shared bag of services. */
export interface CoordinatorContext {
  log: Logger
  /** An abort signal that fires when shutdown begins (stop taking new work). */
  signal: AbortSignal
}

/**
 * One piece of the bot's lifecycle (the seed's coordinator pattern): `initialize` builds or checks
 * what it needs, `start` launches background work, `shutdown` stops it (idempotent), `health` says
 * whether it is fine. Driven by the `CoordinatorRegistry`.
 *
 * @example
 * const telemetry: Coordinator = { name: 'telemetry', async initialize() {}, async start() {}, async shutdown() {}, health: () => ({ ok: true }) }
 */
export interface Coordinator {
  readonly name: string
  initialize(context: CoordinatorContext): Promise<void>
  start(): Promise<void>
  shutdown(): Promise<void>
  health(): CoordinatorHealth
}
