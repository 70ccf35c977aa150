import { Decimal } from '@gpt-trader/validation'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { cmp } from './compare.js'

const decimal = fc.oneof(
  fc
    .bigInt({ min: -(10n ** 30n), max: 10n ** 30n })
    .chain((n) =>
      fc
        .integer({ min: 0, max: 24 })
        .map((scale) => new Decimal(n.toString()).div(new Decimal(10).pow(scale))),
    ),
  fc
    .constantFrom('0', '-0', '1', '-1', '0.1', '10000000', '9999999', '10000000.0000001', '1e-20')
    .map((s) => new Decimal(s)),
)

describe('cmp', () => {
  it('agrees with comparedTo (10,000 generated pairs)', () => {
    fc.assert(
      fc.property(decimal, decimal, (a, b) => {
        expect(cmp(a, b)).toBe(a.comparedTo(b))
        expect(cmp(a, a)).toBe(0)
      }),
      { numRuns: 10_000 },
    )
  })
  it('handles infinities and NaN through decimal.js', () => {
    expect(cmp(new Decimal(Number.POSITIVE_INFINITY), new Decimal(1))).toBe(1)
    expect(Number.isNaN(cmp(new Decimal(Number.NaN), new Decimal(1)))).toBe(true)
  })
})
