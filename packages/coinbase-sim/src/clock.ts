/** The sim's source of time, in epoch milliseconds. */
export interface SimClock {
  now(): number
}

/** A clock that only moves when told to. */
export interface ManualClock extends SimClock {
  /** Moves the clock forward by `ms` (negative values are ignored). */
  advance(ms: number): void
  /** Sets the clock; never moves it backwards. */
  set(ms: number): void
}

/** 2026-01-01T00:00:00Z, the default start of the sim's manual clock. */
export const DEFAULT_SIM_START_MS = Date.UTC(2026, 0, 1)

/**
 * A manual clock starting at `startMs` (default 2026-01-01T00:00:00Z).
 *
 * @example
 * ```ts
 * const clock = createManualClock()
 * clock.advance(1000)
 * ```
 */
export function createManualClock(startMs: number = DEFAULT_SIM_START_MS): ManualClock {
  let now = startMs
  return {
    now: () => now,
    advance(ms) {
      if (ms > 0) now += ms
    },
    set(ms) {
      if (ms > now) now = ms
    },
  }
}

/** RFC 3339 with microseconds, as Coinbase prints REST timestamps (`2026-04-07T00:28:59.662782Z`). */
export function rfc3339Micros(ms: number): string {
  const iso = new Date(ms).toISOString()
  return `${iso.slice(0, 23)}000Z`
}

/** RFC 3339 with nanoseconds, as in WS envelopes (`2026-09-30T02:39:53.670986313Z`). */
export function rfc3339Nanos(ms: number): string {
  const iso = new Date(ms).toISOString()
  return `${iso.slice(0, 23)}000000Z`
}

/** RFC 3339 with seconds only (`2026-09-30T02:37:29Z`). */
export function rfc3339Seconds(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`
}
