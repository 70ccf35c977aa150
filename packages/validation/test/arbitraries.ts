import fc from 'fast-check'
import { Decimal, formatDecimal } from '../src/index.js'

/** Decimal strings as Coinbase sends them: up to 15 integer digits and 16 fraction digits. */
export const unsignedDecimalString = fc
  .tuple(fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.stringMatching(/^\d{0,16}$/))
  .map(([int, frac]) => (frac === '' ? int.toString() : `${int}.${frac}`))

export const signedDecimalString = fc
  .tuple(fc.boolean(), unsignedDecimalString)
  .map(([negative, text]) => (negative && !new Decimal(text).isZero() ? `-${text}` : text))

/** Product-like increments: 1, 2, 25 or 5 times a power of ten, from 1e-10 to 1e3 (`'0.0025'`, `'5'`, `'0.00000001'`). */
export const increment = fc
  .tuple(fc.constantFrom(1, 2, 5, 25), fc.integer({ min: -10, max: 3 }))
  .map(([mantissa, exponent]) => formatDecimal(new Decimal(mantissa).times(new Decimal(10).pow(exponent))))
