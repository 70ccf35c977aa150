/** A seeded pseudo-random source (mulberry32); not for cryptography. */
export interface SimRandom {
  /** Uniform in [0, 1). */
  next(): number
  /** Standard normal (Box-Muller). */
  normal(): number
  /** Integer in [0, n). */
  int(n: number): number
  /** A UUID v4-shaped string drawn from this source. */
  uuid(): string
}

/** Creates a seeded random source; the same seed always gives the same sequence. */
export function createRandom(seed: number): SimRandom {
  let state = seed >>> 0
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const hex = (n: number): string => {
    let s = ''
    for (let i = 0; i < n; i++) s += Math.floor(next() * 16).toString(16)
    return s
  }
  return {
    next,
    normal() {
      const u = Math.max(next(), 1e-12)
      const v = next()
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
    },
    int: (n) => Math.floor(next() * n),
    uuid() {
      const variant = '89ab'[Math.floor(next() * 4)] ?? '8'
      return `${hex(8)}-${hex(4)}-4${hex(3)}-${variant}${hex(3)}-${hex(12)}`
    },
  }
}
