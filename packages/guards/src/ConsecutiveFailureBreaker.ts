import { BaseError, ValidationError } from '@gpt-trader/validation'
import { EventEmitter } from 'eventemitter3'
import { type Clock, systemClock } from './clock.js'

/** `closed`: calls pass. `open`: calls refused until the cooldown ends. `half_open`: trial calls pass. */
export type BreakerState = 'closed' | 'open' | 'half_open'

/** Options of {@link ConsecutiveFailureBreaker}. */
export interface ConsecutiveFailureBreakerOptions {
  /** Breaker name (for errors and events). */
  name: string
  /** Consecutive failures that open the breaker. */
  failureThreshold: number
  /** How long the breaker stays open before allowing trial calls. */
  cooldownMs: number
  /** Consecutive successes in half-open needed to close. Default 1. */
  successesToClose?: number | undefined
  clock?: Clock | undefined
}

/** Events of {@link ConsecutiveFailureBreaker}. */
export interface BreakerEvents {
  stateChange: (event: { name: string; from: BreakerState; to: BreakerState; at: number }) => void
}

/** Thrown by `ConsecutiveFailureBreaker.execute()` while the breaker is open. */
export class CircuitOpenError extends BaseError {
  override name = 'CircuitOpenError'
  readonly breaker: string
  /** Epoch ms at which trial calls will be allowed. */
  readonly retryAt: number
  constructor(breaker: string, retryAt: number) {
    super(`circuit "${breaker}" is open`, {
      code: 'CIRCUIT_OPEN',
      details: `retry after ${new Date(retryAt).toISOString()}`,
    })
    this.breaker = breaker
    this.retryAt = retryAt
  }
}

/** True for a {@link CircuitOpenError} from any installed copy of this package. */
export function isCircuitOpenError(error: unknown): error is CircuitOpenError {
  return error instanceof CircuitOpenError || (error instanceof Error && error.name === 'CircuitOpenError')
}

/**
 * Consecutive-failure circuit breaker. Opens after `failureThreshold` failures in a row, refuses calls
 * for `cooldownMs`, then lets trial calls through (half-open): `successesToClose` successes close it,
 * any failure re-opens it for another cooldown. Time comes from the injected clock.
 *
 * @example
 * const breaker = new ConsecutiveFailureBreaker({ name: 'orders', failureThreshold: 5, cooldownMs: 30_000 })
 * const order = await breaker.execute(() => client.createOrder(params))
 */
export class ConsecutiveFailureBreaker extends EventEmitter<BreakerEvents> {
  readonly name: string
  readonly #threshold: number
  readonly #cooldownMs: number
  readonly #successesToClose: number
  readonly #clock: Clock
  #state: BreakerState = 'closed'
  #failures = 0
  #successes = 0
  #openedAt = 0

  constructor(options: ConsecutiveFailureBreakerOptions) {
    super()
    this.name = options.name
    this.#threshold = options.failureThreshold
    this.#cooldownMs = options.cooldownMs
    this.#successesToClose = options.successesToClose ?? 1
    this.#clock = options.clock ?? systemClock
    const bad: string[] = []
    if (!(Number.isInteger(this.#threshold) && this.#threshold >= 1)) bad.push('failureThreshold')
    if (!(Number.isFinite(this.#cooldownMs) && this.#cooldownMs >= 0)) bad.push('cooldownMs')
    if (!(Number.isInteger(this.#successesToClose) && this.#successesToClose >= 1))
      bad.push('successesToClose')
    if (bad.length > 0)
      throw new ValidationError(
        bad.map((field) => ({
          path: [field],
          code: 'INVALID_GUARD',
          message: 'must be a positive integer (cooldownMs: ≥ 0)',
        })),
        { subject: `breaker "${options.name}"` },
      )
  }

  /** Current state; moves open → half_open when the cooldown has passed. */
  get state(): BreakerState {
    if (this.#state === 'open' && this.#clock.now() - this.#openedAt >= this.#cooldownMs)
      this.#set('half_open')
    return this.#state
  }

  /** Consecutive failures counted so far in the closed state. */
  get consecutiveFailures(): number {
    return this.#failures
  }

  /** True if a call may go through now. */
  allow(): boolean {
    return this.state !== 'open'
  }

  /** Records a successful call. */
  recordSuccess(): void {
    const state = this.state
    this.#failures = 0
    if (state === 'half_open' && ++this.#successes >= this.#successesToClose) this.#set('closed')
  }

  /** Records a failed call. */
  recordFailure(): void {
    const state = this.state
    if (state === 'half_open') {
      this.#open()
      return
    }
    if (state === 'closed' && ++this.#failures >= this.#threshold) this.#open()
  }

  /** Runs `fn` if allowed, recording its outcome; throws {@link CircuitOpenError} when open. */
  async execute<T>(fn: () => T | PromiseLike<T>): Promise<T> {
    if (!this.allow()) throw new CircuitOpenError(this.name, this.#openedAt + this.#cooldownMs)
    try {
      const result = await fn()
      this.recordSuccess()
      return result
    } catch (error) {
      this.recordFailure()
      throw error
    }
  }

  /** Back to closed with all counts cleared. */
  reset(): void {
    this.#failures = 0
    this.#successes = 0
    if (this.#state !== 'closed') this.#set('closed')
  }

  #open(): void {
    this.#openedAt = this.#clock.now()
    this.#failures = 0
    this.#set('open')
  }

  #set(to: BreakerState): void {
    const from = this.#state
    this.#state = to
    this.#successes = 0
    this.emit('stateChange', { name: this.name, from, to, at: this.#clock.now() })
  }
}
