import { Decimal } from '@gpt-trader/validation'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { confidenceMultiplier } from './confidenceMultiplier.js'

const d = (s: string) => new Decimal(s)

describe('confidenceMultiplier', () => {
  it('is linear from 1 at 0.6 to 2 at 1.0 and clamps outside', () => {
    expect(
      ['0.5', '0.6', '0.7', '0.8', '1', '1.2'].map((c) => confidenceMultiplier(d(c)).toString()),
    ).toEqual(['1', '1', '1.25', '1.5', '2', '2'])
  })

  it('exponential stays below linear in the middle, sigmoid is 1.5 at the midpoint', () => {
    const exp = confidenceMultiplier(d('0.8'), { curve: 'exponential' })
    expect(exp.gt(1) && exp.lt('1.5')).toBe(true)
    expect(confidenceMultiplier(d('0.8'), { curve: 'sigmoid' }).toDecimalPlaces(30).toString()).toBe('1.5')
    expect(confidenceMultiplier(d('1'), { curve: 'exponential', max: d('3') }).toString()).toBe('3')
  })

  it('property: the same multiplier as dividing by the width, for exact and inexact inverses', () => {
    // The reference: the linear curve written with the division, as before the fast path.
    const reference = (confidence: Decimal, threshold: Decimal, max: Decimal) => {
      const width = new Decimal(1).minus(threshold)
      let t = confidence.minus(threshold).div(width)
      if (t.isNegative()) t = new Decimal(0)
      if (t.gt(1)) t = new Decimal(1)
      if (t.isZero()) return new Decimal(1)
      if (t.eq(1)) return max
      return new Decimal(1).plus(max.minus(1).mul(t))
    }
    const unit = fc
      .tuple(fc.bigInt({ min: 0n, max: 10n ** 80n }), fc.integer({ min: 1, max: 82 }))
      .map(([digits, places]) => new Decimal(digits.toString()).div(new Decimal(10).pow(places)))
    const threshold = fc.oneof(
      fc.constantFrom('0.6', '0.5', '0.75', '0.8', '0.9', '0.3', '0.99', '0.36').map((s) => new Decimal(s)),
      unit.filter((x) => x.lt(1)),
    )
    const max = fc.constantFrom('2', '1.5', '3', '10').map((s) => new Decimal(s))
    fc.assert(
      fc.property(fc.array(unit, { minLength: 1, maxLength: 5 }), threshold, max, (confidences, th, mx) => {
        for (const c of confidences) {
          const got = confidenceMultiplier(c, { threshold: th, max: mx })
          const want = reference(c, th, mx)
          expect(got.toFixed()).toBe(want.toFixed())
        }
      }),
      { numRuns: 400 },
    )
  })
})
