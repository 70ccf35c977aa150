/**
 * Fixed one-second windows per bucket key, measured on the real monotonic clock (rate limits are
 * about how fast a client really calls, even when the sim's clock is manual).
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>()

  constructor(private readonly realNow: () => number = () => performance.now()) {}

  /** Counts one request for `key`; false when it exceeds `perSecond`. */
  take(key: string, perSecond: number): boolean {
    const now = this.realNow()
    const w = this.windows.get(key)
    if (!w || now - w.start >= 1000) {
      this.windows.set(key, { start: now, count: 1 })
      return true
    }
    w.count++
    return w.count <= perSecond
  }
}
