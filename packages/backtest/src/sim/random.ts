/**
 * mulberry32: a small seeded PRNG (uniform in [0, 1)). The same seed gives the same sequence on
 * every platform, which is what makes runs with random slippage or latency reproducible.
 *
 * @example
 * const next = seededRandom(42); next() // 0.6011037519201636
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}
