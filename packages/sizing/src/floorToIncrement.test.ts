import { Decimal, formatDecimal, quantize } from '@gpt-trader/validation'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { floorToIncrement } from './floorToIncrement.js'

const increments = ['1', '10', '5', '0.1', '0.01', '0.0025', '0.001', '0.00000001', '0.000001', '100']

/** A non-negative decimal with up to 70 significant digits (beyond the 64-digit precision). */
const quantity = fc
  .tuple(fc.bigInt({ min: 0n, max: 10n ** 70n }), fc.integer({ min: 0, max: 75 }), fc.boolean())
  .map(([digits, scale, negative]) => {
    const text = digits.toString().padStart(scale + 1, '0')
    const body = scale === 0 ? text : `${text.slice(0, -scale)}.${text.slice(-scale)}`
    return new Decimal(negative ? `-${body}` : body)
  })

describe('floorToIncrement', () => {
  it('equals quantize(…, floor) in value, decimal places and printed form', () => {
    fc.assert(
      fc.property(quantity, fc.constantFrom(...increments), (q, inc) => {
        const increment = new Decimal(inc)
        const fast = floorToIncrement(q, increment)
        const reference = quantize(q, increment, 'floor')
        expect(fast.eq(reference)).toBe(true)
        expect(fast.isNegative()).toBe(reference.isNegative())
        expect(fast.decimalPlaces()).toBe(reference.decimalPlaces())
        expect(formatDecimal(fast)).toBe(formatDecimal(reference))
        expect(JSON.stringify(fast)).toBe(JSON.stringify(reference))
      }),
      { numRuns: 2000 },
    )
  })

  it('truncates a power-of-ten grid and floors any other grid', () => {
    const increment = new Decimal('0.00000001')
    expect(floorToIncrement(new Decimal('0.123456789'), increment).toString()).toBe('0.12345678')
    expect(floorToIncrement(new Decimal('0.000000009'), increment).toString()).toBe('0')
    expect(floorToIncrement(new Decimal('12.3'), new Decimal('5')).toString()).toBe('10')
    expect(floorToIncrement(new Decimal('-0.15'), new Decimal('0.1')).toString()).toBe('-0.2')
  })
})
