import type { Clock } from './clock.js'

/** Retry policy for network errors (429, 5xx, timeouts, connection failures). */
export interface RetryOptions {
  /** Retries after the first attempt. Default 3. */
  retries?: number
  /** First delay before jitter. Default 250 ms. */
  baseDelayMs?: number
  /** Cap on one delay. Default 8,000 ms. */
  maxDelayMs?: number
  /** Longest `Retry-After` the client will wait; longer ones fail with the 429. Default 60,000 ms. */
  maxRetryAfterMs?: number
}

/** Defaults for {@link RetryOptions}. */
export const defaultRetryOptions: Required<RetryOptions> = {
  retries: 3,
  baseDelayMs: 250,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
}

/**
 * Exponential backoff with "equal jitter": half the exponential delay, plus a random share of the
 * other half. `attempt` is 0 for the first retry. `random` returns [0, 1).
 */
export function backoffDelay(
  attempt: number,
  options: RetryOptions = {},
  random: () => number = Math.random,
): number {
  const base = options.baseDelayMs ?? defaultRetryOptions.baseDelayMs
  const max = options.maxDelayMs ?? defaultRetryOptions.maxDelayMs
  const exp = Math.min(max, base * 2 ** Math.max(0, attempt))
  return Math.round(exp / 2 + random() * (exp / 2))
}

/**
 * Parses a `Retry-After` header: delta seconds or an HTTP date. Returns milliseconds from `clock.now()`,
 * or `undefined` when absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, clock: Clock): number | undefined {
  if (value === null || value === undefined) return undefined
  const text = value.trim()
  if (text === '') return undefined
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000)
  const at = Date.parse(text)
  if (Number.isNaN(at)) return undefined
  return Math.max(0, at - clock.now())
}
