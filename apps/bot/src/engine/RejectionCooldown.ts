/** Venue rejection reasons that retrying cannot fix until something changes (funds, permissions). */
const STICKY = /INSUFFICIENT_FUND|PERMISSION|ACCOUNT|UNSUPPORTED|INVALID_PRODUCT/i

/**
 * After the venue rejects a symbol's order for a reason that the next cycle would hit again
 * (insufficient funds, missing permission, …), no new exposure on that symbol for `cooldownMs` of
 * venue time — so a refused order is recorded once, not re-sent every cycle. Reduce-only orders
 * are never held back (they release funds).
 *
 * @example
 * const cooldown = new RejectionCooldown(300_000)
 * cooldown.record('BTC-USD', 'INSUFFICIENT_FUND', now)
 * cooldown.blocked('BTC-USD', now + 1_000) // 'venue rejected … (INSUFFICIENT_FUND); retry after …'
 */
export class RejectionCooldown {
  readonly #cooldownMs: number
  readonly #until = new Map<string, { until: number; reason: string }>()

  constructor(cooldownMs: number) {
    this.#cooldownMs = cooldownMs
  }

  /** True for reasons worth a cooldown. */
  static isSticky(reason: string): boolean {
    return STICKY.test(reason)
  }

  /** Records a venue rejection; starts a cooldown when the reason is sticky. Returns whether it did. */
  record(symbol: string, reason: string, now: number): boolean {
    if (!RejectionCooldown.isSticky(reason)) return false
    this.#until.set(symbol, { until: now + this.#cooldownMs, reason })
    return true
  }

  /** Why new exposure on `symbol` is held back at `now`, or undefined. */
  blocked(symbol: string, now: number): string | undefined {
    const entry = this.#until.get(symbol)
    if (entry === undefined) return undefined
    if (now >= entry.until) {
      this.#until.delete(symbol)
      return undefined
    }
    return `venue rejected the last ${symbol} order (${entry.reason}); no new exposure until ${new Date(entry.until).toISOString()}`
  }
}
