/** Source of the current time in milliseconds. Inject a manual clock in tests. */
export interface Clock {
  now(): number
}

/** Opaque handle returned by a {@link Scheduler}. */
export type TimerHandle = unknown

/** Runs a callback every `ms` milliseconds. Inject a manual scheduler (or use fake timers) in tests. */
export interface Scheduler {
  setInterval(callback: () => void, ms: number): TimerHandle
  clearInterval(handle: TimerHandle): void
}

/** `Date.now()`. */
export const systemClock: Clock = { now: () => Date.now() }

/** The global `setInterval` / `clearInterval`, looked up at call time so fake timers apply. */
export const systemScheduler: Scheduler = {
  setInterval: (callback, ms) => {
    const handle = setInterval(callback, ms)
    // A guard loop must never keep a process alive on its own.
    ;(handle as { unref?: () => void }).unref?.()
    return handle
  },
  clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
}
