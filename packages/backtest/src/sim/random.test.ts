import { describe, expect, it } from 'vitest'
import { seededRandom } from './random.js'

describe('seededRandom', () => {
  it('is mulberry32: fixed sequence per seed, uniform in [0, 1)', () => {
    expect(seededRandom(42)()).toBe(0.6011037519201636)
    const a = seededRandom(9)
    const b = seededRandom(9)
    let sum = 0
    for (let i = 0; i < 10_000; i++) {
      const x = a()
      expect(x).toBe(b())
      expect(x >= 0 && x < 1).toBe(true)
      sum += x
    }
    expect(sum / 10_000).toBeCloseTo(0.5, 1)
  })
})
