import { Decimal } from '@gpt-trader/validation'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decimalToNumber } from './decimalToNumber.js'

describe('decimalToNumber', () => {
  it('property: the same double as toNumber(), sign of zero included', () => {
    const decimal = fc
      .tuple(
        fc.oneof(
          fc.bigInt({ min: -(10n ** 25n), max: 10n ** 25n }),
          fc.bigInt({ min: -99999n, max: 99999n }),
        ),
        fc.integer({ min: -30, max: 30 }),
      )
      .map(([digits, exponent]) => new Decimal(`${digits}e${exponent}`))
    fc.assert(
      fc.property(decimal, (d) => {
        expect(Object.is(decimalToNumber(d), d.toNumber())).toBe(true)
      }),
      { numRuns: 3000 },
    )
  })

  it('edge values', () => {
    for (const text of [
      '0',
      '-0',
      '10000',
      '-0.00000001',
      '9007199254740991',
      '9007199254740993',
      '1e22',
      '1e-22',
      '1.5e-23',
      '123456789012345678901',
      'NaN',
      'Infinity',
      '-Infinity',
      '0.1',
      '19999.99999999',
    ]) {
      const d = new Decimal(text)
      expect(Object.is(decimalToNumber(d), d.toNumber())).toBe(true)
    }
    expect(decimalToNumber(new Decimal('12345.6789'))).toBe(12345.6789)
  })
})
