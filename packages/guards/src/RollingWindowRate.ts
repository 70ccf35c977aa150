import { ValidationError } from '@gpt-trader/validation'
import { type Clock, systemClock } from './clock.js'

/** Options of {@link RollingWindowRate}: a window of the last `events` outcomes and/or `ms` milliseconds. */
export interface RollingWindowRateOptions {
  /** Keep only the last N outcomes. */
  events?: number | undefined
  /** Keep only outcomes from the last T milliseconds (at most 10,000 of them when `events` is not set). */
  ms?: number | undefined
  /** `tripped()` when the failure rate is above this ratio (e.g. 0.5). */
  threshold: number
  /** Fewest outcomes in the window before `tripped()` can be true. Default 1. */
  minCount?: number | undefined
  clock?: Clock | undefined
}

/**
 * Failure rate over a rolling window of the last N events and/or the last T milliseconds, with a
 * minimum count so that one early failure does not trip it.
 *
 * @example
 * const errors = new RollingWindowRate({ events: 20, threshold: 0.5, minCount: 10 })
 * errors.record(false) // a failure
 * if (errors.tripped()) state.halt('error rate above 50 %')
 */
export class RollingWindowRate {
  readonly #maxEvents: number
  readonly #ms: number
  readonly #threshold: number
  readonly #minCount: number
  readonly #clock: Clock
  // Ring buffer of outcomes and their times.
  readonly #ok: Uint8Array
  readonly #at: Float64Array
  #start = 0
  #size = 0
  #failures = 0

  constructor(options: RollingWindowRateOptions) {
    const { events, ms, threshold } = options
    const issues = []
    if (events === undefined && ms === undefined)
      issues.push({ path: ['events'], code: 'INVALID_GUARD', message: 'give events, ms, or both' })
    if (events !== undefined && !(Number.isInteger(events) && events >= 1))
      issues.push({ path: ['events'], code: 'INVALID_GUARD', message: 'must be an integer ≥ 1' })
    if (ms !== undefined && !(Number.isFinite(ms) && ms > 0))
      issues.push({ path: ['ms'], code: 'INVALID_GUARD', message: 'must be > 0' })
    if (!(threshold >= 0 && threshold <= 1))
      issues.push({ path: ['threshold'], code: 'INVALID_GUARD', message: 'must be in [0, 1]' })
    if (issues.length > 0) throw new ValidationError(issues, { subject: 'RollingWindowRate' })
    // A time-only window still needs a bound; 10,000 outcomes per window is plenty for a trading loop.
    this.#maxEvents = events ?? 10_000
    this.#ms = ms ?? Number.POSITIVE_INFINITY
    this.#threshold = threshold
    this.#minCount = options.minCount ?? 1
    this.#clock = options.clock ?? systemClock
    this.#ok = new Uint8Array(this.#maxEvents)
    this.#at = new Float64Array(this.#maxEvents)
  }

  /** Records one outcome (`true` = success, `false` = failure). */
  record(ok: boolean): void {
    const now = this.#clock.now()
    this.#prune(now)
    if (this.#size === this.#maxEvents) this.#drop()
    const i = (this.#start + this.#size) % this.#maxEvents
    this.#ok[i] = ok ? 1 : 0
    this.#at[i] = now
    this.#size++
    if (!ok) this.#failures++
  }

  /** Outcomes currently in the window. */
  count(): number {
    this.#prune(this.#clock.now())
    return this.#size
  }

  /** Failures currently in the window. */
  failures(): number {
    this.#prune(this.#clock.now())
    return this.#failures
  }

  /** Failure ratio in the window (0 when empty). */
  rate(): number {
    this.#prune(this.#clock.now())
    return this.#size === 0 ? 0 : this.#failures / this.#size
  }

  /** True when at least `minCount` outcomes are in the window and the failure rate is above the threshold. */
  tripped(): boolean {
    const rate = this.rate()
    return this.#size >= this.#minCount && rate > this.#threshold
  }

  /** Empties the window. */
  reset(): void {
    this.#start = 0
    this.#size = 0
    this.#failures = 0
  }

  #prune(now: number): void {
    if (this.#ms === Number.POSITIVE_INFINITY) return
    while (this.#size > 0 && now - this.#at[this.#start]! >= this.#ms) this.#drop()
  }

  #drop(): void {
    if (this.#ok[this.#start] === 0) this.#failures--
    this.#start = (this.#start + 1) % this.#maxEvents
    this.#size--
  }
}
