import { ValidationError } from '@gpt-trader/validation'

/** Options of {@link VolatilitySpikeDetector}. */
export interface VolatilitySpikeDetectorOptions {
  /** Number of returns in the rolling window (≥ 2). */
  window: number
  /** Sampling periods per year for annualising (e.g. 365 × 24 × 60 for 1-minute prices). */
  periodsPerYear: number
  /** A spike is an annualised volatility above this (e.g. 1.5 for 150 %). */
  threshold: number
}

/**
 * Rolling standard deviation of simple returns, annualised by √periodsPerYear, with a spike flag.
 * Feed it prices with `update(price)`.
 *
 * Runs on JS numbers on purpose: volatility is a read-only estimate that only decides whether to
 * alert, never an order field.
 *
 * @example
 * const spikes = new VolatilitySpikeDetector({ window: 30, periodsPerYear: 525_600, threshold: 1.5 })
 * for (const trade of trades) spikes.update(Number(trade.price))
 * spikes.isSpike()
 */
export class VolatilitySpikeDetector {
  readonly #window: number
  readonly #scale: number
  readonly #threshold: number
  readonly #returns: Float64Array
  #next = 0
  #size = 0
  #last = Number.NaN

  constructor(options: VolatilitySpikeDetectorOptions) {
    const issues = []
    if (!(Number.isInteger(options.window) && options.window >= 2))
      issues.push({ path: ['window'], code: 'INVALID_GUARD', message: 'must be an integer ≥ 2' })
    if (!(Number.isFinite(options.periodsPerYear) && options.periodsPerYear > 0))
      issues.push({ path: ['periodsPerYear'], code: 'INVALID_GUARD', message: 'must be > 0' })
    if (!(Number.isFinite(options.threshold) && options.threshold > 0))
      issues.push({ path: ['threshold'], code: 'INVALID_GUARD', message: 'must be > 0' })
    if (issues.length > 0) throw new ValidationError(issues, { subject: 'VolatilitySpikeDetector' })
    this.#window = options.window
    this.#scale = Math.sqrt(options.periodsPerYear)
    this.#threshold = options.threshold
    this.#returns = new Float64Array(options.window)
  }

  /** Adds a price (must be finite and > 0; others are ignored and return false). Returns whether it was used. */
  update(price: number): boolean {
    if (!(Number.isFinite(price) && price > 0)) return false
    if (!Number.isNaN(this.#last)) {
      this.#returns[this.#next] = price / this.#last - 1
      this.#next = (this.#next + 1) % this.#window
      if (this.#size < this.#window) this.#size++
    }
    this.#last = price
    return true
  }

  /** Returns in the window. */
  get count(): number {
    return this.#size
  }

  /** Annualised volatility over the window; NaN until the window is full. */
  volatility(): number {
    const n = this.#size
    if (n < this.#window) return Number.NaN
    let mean = 0
    for (let i = 0; i < n; i++) mean += this.#returns[i]!
    mean /= n
    let sq = 0
    for (let i = 0; i < n; i++) {
      const d = this.#returns[i]! - mean
      sq += d * d
    }
    return Math.sqrt(sq / (n - 1)) * this.#scale
  }

  /** True when the window is full and the annualised volatility is above the threshold. */
  isSpike(): boolean {
    return this.volatility() > this.#threshold
  }

  /** Forgets every price. */
  reset(): void {
    this.#next = 0
    this.#size = 0
    this.#last = Number.NaN
  }
}
