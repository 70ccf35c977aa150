import type { Clock, Sleep } from '../../src/utils/clock.js'

/** A manual clock plus a sleep that advances it instantly and records every pause. */
export function fakeTime(start = Date.UTC(2026, 0, 1)): { clock: Clock; sleep: Sleep; delays: number[] } {
  let now = start
  const delays: number[] = []
  return {
    clock: { now: () => now },
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw signal.reason
      delays.push(ms)
      now += ms
    },
    delays,
  }
}
