import { Decimal, formatDecimal } from '@gpt-trader/validation'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { numberToDecimal } from './ratio.js'

describe('numberToDecimal', () => {
  it('equals new Decimal(n) for any finite number, cached or not', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { maxLength: 30 }),
        (values) => {
          // Twice through: the second pass meets the ring's cached instances.
          for (const v of [...values, ...values]) {
            const d = numberToDecimal(v)
            expect(d.eq(new Decimal(v))).toBe(true)
            expect(formatDecimal(d)).toBe(formatDecimal(new Decimal(v)))
            expect(d.isNegative()).toBe(new Decimal(v).isNegative())
          }
        },
      ),
      { numRuns: 300 },
    )
  })

  it('hands out one instance for a value that repeats, and lets a one-off go after 8 others', () => {
    const stat = numberToDecimal(0.55)
    expect(numberToDecimal(0.55)).toBe(stat)
    const oneOff = numberToDecimal(0.123456)
    for (let i = 1; i <= 8; i++) numberToDecimal(i / 1000)
    const again = numberToDecimal(0.123456)
    expect(again).not.toBe(oneOff)
    expect(again.eq(oneOff)).toBe(true)
    expect(numberToDecimal(0)).not.toBe(numberToDecimal(0))
    expect(numberToDecimal(-0).isZero()).toBe(true)
  })
})
