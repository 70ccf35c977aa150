import type { Logger } from 'pino'
import { BotError } from '../BotError.js'
import type { Coordinator, CoordinatorHealth } from './Coordinator.js'

/** Lifecycle phase of a {@link CoordinatorRegistry}. */
export type RegistryPhase = 'created' | 'initialized' | 'started' | 'stopping' | 'stopped'

/**
 * Drives coordinators in registration order (runtime → execution → strategy → telemetry):
 * `initializeAll`, then `startAll`; `shutdownAll` runs in reverse order, gives each coordinator its
 * share of a hard deadline, and keeps going past failures so the store is always flushed. If a
 * coordinator fails to initialise or start, the ones already initialised are shut down.
 *
 * @example
 * const registry = new CoordinatorRegistry(log, [runtime, execution, strategy, telemetry])
 * await registry.initializeAll()
 * await registry.startAll()
 * await registry.shutdownAll(5_000)
 */
export class CoordinatorRegistry {
  readonly coordinators: readonly Coordinator[]
  #log: Logger
  #abort = new AbortController()
  #phase: RegistryPhase = 'created'
  #initialized: Coordinator[] = []
  #shutdown: Promise<void> | undefined

  constructor(log: Logger, coordinators: readonly Coordinator[]) {
    this.#log = log
    this.coordinators = [...coordinators]
  }

  get phase(): RegistryPhase {
    return this.#phase
  }

  /** Fires when shutdown begins. */
  get signal(): AbortSignal {
    return this.#abort.signal
  }

  async initializeAll(): Promise<void> {
    for (const c of this.coordinators) {
      try {
        await c.initialize({ log: this.#log.child({ coordinator: c.name }), signal: this.#abort.signal })
        this.#initialized.push(c)
      } catch (error) {
        await this.shutdownAll(5_000)
        throw wrap(`coordinator ${c.name} failed to initialise`, error)
      }
    }
    this.#phase = 'initialized'
  }

  async startAll(): Promise<void> {
    for (const c of this.coordinators) {
      try {
        await c.start()
      } catch (error) {
        await this.shutdownAll(5_000)
        throw wrap(`coordinator ${c.name} failed to start`, error)
      }
    }
    this.#phase = 'started'
  }

  /** Shuts down in reverse order within `deadlineMs`. Calling it again returns the same promise. */
  shutdownAll(deadlineMs: number): Promise<void> {
    this.#shutdown ??= this.#runShutdown(deadlineMs)
    return this.#shutdown
  }

  async #runShutdown(deadlineMs: number): Promise<void> {
    this.#phase = 'stopping'
    this.#abort.abort()
    const end = Date.now() + deadlineMs
    for (const c of [...this.#initialized].reverse()) {
      const left = Math.max(1, end - Date.now())
      let timer: NodeJS.Timeout | undefined
      try {
        await Promise.race([
          c.shutdown(),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error(`timed out after ${left} ms`)), left)
          }),
        ])
      } catch (error) {
        this.#log.error({ err: error, coordinator: c.name }, 'shutdown failed; continuing')
      } finally {
        clearTimeout(timer)
      }
    }
    this.#phase = 'stopped'
  }

  /** Health of every coordinator by name. */
  health(): Record<string, CoordinatorHealth> {
    return Object.fromEntries(this.coordinators.map((c) => [c.name, safeHealth(c)]))
  }
}

function safeHealth(c: Coordinator): CoordinatorHealth {
  try {
    return c.health()
  } catch (error) {
    return { ok: false, detail: error instanceof Error ? error.message : String(error) }
  }
}

function wrap(message: string, error: unknown): BotError {
  if (error instanceof BotError) return error
  return new BotError(message, { code: 'LIFECYCLE_FAILED', cause: error })
}
