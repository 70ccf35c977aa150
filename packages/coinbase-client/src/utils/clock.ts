/**
 * Source of the current time in milliseconds since the Unix epoch. Injected everywhere time matters
 * (JWT `nbf`, rate limiting, retry delays) so tests can control it.
 */
export interface Clock {
  now(): number
}

/** Pauses for `ms` milliseconds; rejects with the signal's reason when aborted. Injected for tests. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>

/** The wall clock (`Date.now()`). */
export const systemClock: Clock = { now: () => Date.now() }

/** A `setTimeout`-based {@link Sleep} that honours an AbortSignal. */
export const defaultSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason)
      return
    }
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal?.reason)
    }
    const timer = setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort)
        resolve()
      },
      Math.max(0, ms),
    )
    signal?.addEventListener('abort', onAbort, { once: true })
  })
