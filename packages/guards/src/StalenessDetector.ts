import { ValidationError } from '@gpt-trader/validation'
import { type Clock, systemClock } from './clock.js'

/** Options of {@link StalenessDetector}. */
export interface StalenessDetectorOptions {
  /** Data older than this is stale (e.g. 30_000 for the 30 s mark-price rule). */
  maxAgeMs: number
  clock?: Clock | undefined
}

/**
 * Tracks the time of the last update; stale when older than `maxAgeMs`, or when nothing has arrived
 * yet. Use `age()` as a guard metric (`comparator: 'gt', threshold: maxAgeMs`) or `isStale()` directly;
 * before the first update `age()` is `Infinity`, which a guard reports as corrupt data (critical): a feed
 * that never started is not healthy.
 *
 * @example
 * const marks = new StalenessDetector({ maxAgeMs: 30_000 })
 * ws.on('ticker', (t) => marks.touch(Date.parse(t.time)))
 * if (marks.isStale()) state.reduceOnly('mark prices stale')
 */
export class StalenessDetector {
  readonly maxAgeMs: number
  readonly #clock: Clock
  #last: number | undefined

  constructor(options: StalenessDetectorOptions) {
    if (!(Number.isFinite(options.maxAgeMs) && options.maxAgeMs > 0))
      throw new ValidationError([{ path: ['maxAgeMs'], code: 'INVALID_GUARD', message: 'must be > 0' }], {
        subject: 'StalenessDetector',
      })
    this.maxAgeMs = options.maxAgeMs
    this.#clock = options.clock ?? systemClock
  }

  /** Records an update at `at` (default: now). Older timestamps than the last one are ignored. */
  touch(at: number = this.#clock.now()): void {
    if (this.#last === undefined || at > this.#last) this.#last = at
  }

  /** Epoch ms of the last update, if any. */
  get lastUpdate(): number | undefined {
    return this.#last
  }

  /** Milliseconds since the last update; `Infinity` before the first one. */
  age(): number {
    return this.#last === undefined ? Number.POSITIVE_INFINITY : this.#clock.now() - this.#last
  }

  /** True when `age() > maxAgeMs`. */
  isStale(): boolean {
    return this.age() > this.maxAgeMs
  }
}
