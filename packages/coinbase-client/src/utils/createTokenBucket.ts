import { type Clock, defaultSleep, type Sleep, systemClock } from './clock.js'

/** Options for {@link createTokenBucket}. */
export interface TokenBucketOptions {
  /** Sustained rate: tokens added per second. */
  perSecond: number
  /** Bucket size (how many requests may go at once after a quiet spell). Defaults to `perSecond`. */
  burst?: number
  clock?: Clock
  sleep?: Sleep
}

/** A FIFO token bucket: `take()` resolves when a token is available, in call order. */
export interface TokenBucket {
  /** Waits for one token. Rejects with the signal's reason if aborted while waiting. */
  take(signal?: AbortSignal): Promise<void>
  /** Takes a token if one is available now. */
  tryTake(): boolean
  /** Tokens available now (fractional). */
  available(): number
}

/**
 * Client-side rate limiter. Coinbase allows 30 private requests/s per user and 10 public requests/s per
 * IP; staying under that avoids 429s rather than recovering from them.
 *
 * @example
 * const bucket = createTokenBucket({ perSecond: 10 })
 * await bucket.take()
 */
export function createTokenBucket(options: TokenBucketOptions): TokenBucket {
  const rate = options.perSecond
  if (!(rate > 0) || !Number.isFinite(rate)) throw new RangeError('perSecond must be a positive number')
  const capacity = Math.max(1, options.burst ?? rate)
  const clock = options.clock ?? systemClock
  const sleep = options.sleep ?? defaultSleep
  let tokens = capacity
  let last = clock.now()
  let queue: Promise<void> = Promise.resolve()

  const refill = () => {
    const now = clock.now()
    const elapsed = now - last
    if (elapsed > 0) {
      tokens = Math.min(capacity, tokens + (elapsed * rate) / 1000)
      last = now
    }
  }

  const acquire = async (signal?: AbortSignal): Promise<void> => {
    for (;;) {
      if (signal?.aborted) throw signal.reason
      refill()
      if (tokens >= 1) {
        tokens -= 1
        return
      }
      await sleep(Math.ceil(((1 - tokens) * 1000) / rate), signal)
    }
  }

  return {
    take(signal) {
      const turn = queue.then(() => acquire(signal))
      // The next caller waits for this one's turn, whether it succeeded or was aborted.
      queue = turn.catch(() => undefined)
      return turn
    },
    tryTake() {
      refill()
      if (tokens >= 1) {
        tokens -= 1
        return true
      }
      return false
    },
    available() {
      refill()
      return tokens
    },
  }
}
