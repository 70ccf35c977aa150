import { Decimal } from '@gpt-trader/validation'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { add, compact, product } from './decimalMath.js'

const decimal = fc.oneof(
  fc
    .tuple(
      fc.oneof(fc.bigInt({ min: -(10n ** 70n), max: 10n ** 70n }), fc.bigInt({ min: -999n, max: 999n })),
      fc.integer({ min: -20, max: 20 }),
    )
    .map(([digits, exponent]) => new Decimal(`${digits}e${exponent}`)),
  // Both zeros, often: sums of fees start from zero and often stay there.
  fc
    .constantFrom('0', '-0', '0.000')
    .map((z) => new Decimal(z)),
)

describe('decimalMath', () => {
  it('property: add is plus and product is times, value and sign of zero, with operands repeated', () => {
    fc.assert(
      fc.property(
        fc.array(decimal, { minLength: 1, maxLength: 4 }),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 12 }),
        (pool, picks) => {
          for (const [i, j] of picks) {
            const a = pool[i % pool.length]!
            const b = pool[j % pool.length]!
            const sum = add(a, b)
            expect(sum.eq(a.plus(b)) && sum.toFixed() === a.plus(b).toFixed()).toBe(true)
            expect(Object.is(sum.isNeg(), a.plus(b).isNeg())).toBe(true)
            const p = product(a, b)
            expect(p.toFixed()).toBe(a.times(b).toFixed())
            expect(p.isNeg()).toBe(a.times(b).isNeg())
          }
        },
      ),
      { numRuns: 300 },
    )
    // Zero plus zero keeps decimal.js's sign rules.
    expect(add(new Decimal(0), new Decimal('-0')).isNeg()).toBe(
      new Decimal(0).plus(new Decimal('-0')).isNeg(),
    )
  })

  it('property: compact is the same value, sign and class with a digit array of exactly its length', () => {
    const Other = Decimal.clone({ precision: 20 })
    fc.assert(
      fc.property(decimal, fc.boolean(), (d, other) => {
        const value = other ? new Other(d) : d.times(3).plus(d)
        const c = compact(value)
        expect(c).not.toBe(value)
        expect(c.constructor).toBe(value.constructor)
        expect(c.toFixed()).toBe(value.toFixed())
        expect(Object.is(c.isNeg(), value.isNeg())).toBe(true)
        expect(c.d).toEqual(value.d)
      }),
      { numRuns: 300 },
    )
  })
})
