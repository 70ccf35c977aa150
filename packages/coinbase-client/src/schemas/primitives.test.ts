import { Decimal } from 'decimal.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  booleanish,
  decimal,
  decimalOrNull,
  integer,
  timestamp,
  timestampOrNull,
  unixSeconds,
} from './primitives.js'

const decimalText = fc
  .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 40n }), fc.integer({ min: 0, max: 20 }))
  .map(([negative, units, scale]) => {
    const digits = units.toString().padStart(scale + 1, '0')
    const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`
    return negative ? `-${text}` : text
  })

describe('money primitives (property)', () => {
  it('a decimal string parses to exactly that value, never via a float', () => {
    fc.assert(
      fc.property(decimalText, (text) => {
        const d = decimal.parse(text)
        return d instanceof Decimal && d.eq(new Decimal(text)) && d.toFixed() === new Decimal(text).toFixed()
      }),
      { numRuns: 300 },
    )
  })

  it('Coinbase\'s "" and null become null; junk is refused', () => {
    expect(decimalOrNull.parse('')).toBeNull()
    expect(decimalOrNull.parse(null)).toBeNull()
    expect(decimal.safeParse('').success).toBe(false)
    expect(decimal.safeParse('12abc').success).toBe(false)
    expect(decimal.safeParse(Number.NaN).success).toBe(false)
    expect(decimal.parse(0.1).toFixed()).toBe('0.1')
  })

  it('times, counts and booleans', () => {
    expect(timestamp.parse('2026-09-30T02:39:53.76027728Z').toISOString()).toBe('2026-09-30T02:39:53.760Z')
    expect(timestamp.safeParse('yesterday').success).toBe(false)
    expect(timestampOrNull.parse('')).toBeNull()
    expect(unixSeconds.parse('1712192400').getTime()).toBe(1712192400000)
    expect(unixSeconds.safeParse('17x').success).toBe(false)
    expect(integer.parse('12')).toBe(12)
    expect(integer.safeParse('1.5').success).toBe(false)
    expect([booleanish.parse('true'), booleanish.parse(false)]).toEqual([true, false])
  })
})
