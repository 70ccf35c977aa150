// Named import: decimal.js ships one .d.ts for CJS and ESM, so a default import breaks NodeNext consumers.
import { Decimal as DecimalJs } from 'decimal.js'
import { z } from 'zod'
import { ValidationError } from './errors.js'
import { showValue } from './showValue.js'

/**
 * The project's decimal type: decimal.js configured for money. 64 significant digits (Coinbase sends
 * up to 16 decimals on values up to ~1e15, and products of two such values must stay exact),
 * banker's rounding by default, and no exponent notation in `toString()` for any realistic value.
 *
 * Import `Decimal` from here rather than from decimal.js so every package shares one configuration.
 */
export const Decimal = DecimalJs.clone({
  precision: 64,
  rounding: DecimalJs.ROUND_HALF_EVEN,
  toExpNeg: -64,
  toExpPos: 64,
})
/** A decimal value (instance type of {@link Decimal}). */
export type Decimal = DecimalJs

/** Anything accepted where money goes in: a Decimal, or a plain decimal string such as `'0.001'`. */
export type DecimalInput = Decimal | string

const UNSIGNED = /^\d+(\.\d+)?$/
const SIGNED = /^-?\d+(\.\d+)?$/

/** True if `value` is a decimal.js instance (from any copy or clone of decimal.js). */
export function isDecimal(value: unknown): value is Decimal {
  return DecimalJs.isDecimal(value)
}

/**
 * zod schema for an unsigned decimal string as Coinbase sends it (`'0'`, `'0.00000001'`,
 * `'12345.6789'`), producing a {@link Decimal}. Rejects `''`, `'NaN'`, `'Infinity'`, `'1e5'`,
 * `'0x10'`, `'+1'`, `' 1'`, `'1.'`.
 */
export const decimal = z
  .string()
  .refine((s) => UNSIGNED.test(s), {
    error: 'expected a decimal string like "12.34" (digits, optional fraction, no sign)',
    params: { code: 'INVALID_DECIMAL' },
  })
  .transform((s) => new Decimal(s))

/** Like {@link decimal} but also accepts a leading minus (`'-1.5'`), e.g. for PnL. */
export const signedDecimal = z
  .string()
  .refine((s) => SIGNED.test(s), {
    error: 'expected a signed decimal string like "-12.34"',
    params: { code: 'INVALID_DECIMAL' },
  })
  .transform((s) => new Decimal(s))

/**
 * Converts money input to a {@link Decimal}, throwing a `ValidationError` that names `field` for
 * anything that is not a finite decimal (strings must match the signed decimal-string format).
 */
export function toDecimal(value: unknown, field = 'value'): Decimal {
  if (isDecimal(value)) {
    if (!value.isFinite()) throw invalid(field, 'must be a finite decimal')
    return value instanceof Decimal ? value : new Decimal(value)
  }
  if (typeof value === 'string') {
    if (!SIGNED.test(value))
      throw invalid(field, `must be a decimal string like "12.34", got ${showValue(value)}`)
    return new Decimal(value)
  }
  throw invalid(field, `must be a Decimal or a decimal string, got ${describe(value)}`)
}

/**
 * Prints a decimal without exponent notation (`1e-8` → `'0.00000001'`). With `decimals`, rounds to
 * that many places (half-even) and pads. Negative zero prints as `'0'`.
 */
export function formatDecimal(value: Decimal, decimals?: number): string {
  // The same instance printed twice in a row (an order's size: in its decision trace, then in its
  // intent, then in its fill) gives the same text: Decimals are immutable.
  if (value === lastFormatted && decimals === lastDecimals) return lastText
  const raw = decimals === undefined ? value.toFixed() : value.toFixed(decimals, DecimalJs.ROUND_HALF_EVEN)
  // A minus sign before nothing but zeros ('-0', '-0.00'): checked on the text, not by parsing it.
  const out = raw.charCodeAt(0) === 45 && NEGATIVE_ZERO.test(raw) ? raw.slice(1) : raw
  lastFormatted = value
  lastDecimals = decimals
  lastText = out
  return out
}

/** Nothing printed yet: a sentinel no argument can be. */
const NOTHING: unknown = {}
let lastFormatted: unknown = NOTHING
let lastDecimals: number | undefined
let lastText = ''

const NEGATIVE_ZERO = /^-0(?:\.0+)?$/

function invalid(field: string, message: string): ValidationError {
  return new ValidationError([{ path: field.split('.'), code: 'INVALID_DECIMAL', message }])
}

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (typeof value === 'number') return `the number ${value} (pass money as a decimal string)`
  return typeof value
}
