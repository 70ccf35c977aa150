import { z } from 'zod'
import { Decimal, isDecimal } from './decimal.js'
import { showValue } from './showValue.js'

const TRUE = new Set(['1', 'true', 'yes', 'on'])
const FALSE = new Set(['0', 'false', 'no', 'off'])

/**
 * zod schema that coerces config/env style booleans: `'1'`, `'true'`, `'yes'`, `'on'` → `true`;
 * `'0'`, `'false'`, `'no'`, `'off'` → `false` (any case, surrounding spaces ignored); booleans and
 * the numbers 1 / 0 pass through. Anything else is an issue.
 *
 * @example
 * booleanish.parse('Yes') // true
 */
export const booleanish = z.union([z.boolean(), z.string(), z.number()]).transform((input, ctx) => {
  if (typeof input === 'boolean') return input
  const text = String(input).trim().toLowerCase()
  if (TRUE.has(text)) return true
  if (FALSE.has(text)) return false
  ctx.addIssue({
    code: 'custom',
    message: `expected a boolean (true/false, yes/no, on/off, 1/0), got ${showValue(input)}`,
  })
  return z.NEVER
})

/**
 * zod schema for a comma-separated list: `'BTC-USD, ETH-USD,'` → `['BTC-USD', 'ETH-USD']` (items
 * trimmed, empty items dropped). An array of strings passes through (trimmed the same way).
 *
 * @example
 * commaList.parse('a, b') // ['a', 'b']
 */
export const commaList = z
  .union([z.string(), z.array(z.string())])
  .transform((input) =>
    (typeof input === 'string' ? input.split(',') : input)
      .map((item) => item.trim())
      .filter((item) => item !== ''),
  )

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const
const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?$/

/**
 * zod schema for a duration, producing milliseconds (a `number`: durations never become order
 * fields): `'250ms'` → 250, `'30s'` → 30000, `'5m'` → 300000, `'2h'` → 7200000, `'1d'`; a bare
 * number or numeric string is already milliseconds. Fractions are allowed (`'1.5s'` → 1500) and
 * rounded to whole milliseconds; negative durations are rejected.
 *
 * @example
 * duration.parse('5m') // 300000
 */
export const duration = z.union([z.number(), z.string()]).transform((input, ctx) => {
  if (typeof input === 'number') {
    if (Number.isFinite(input) && input >= 0) return Math.round(input)
  } else {
    const match = DURATION.exec(input.trim().toLowerCase())
    if (match) {
      const unit = (match[2] ?? 'ms') as keyof typeof UNIT_MS
      const ms = Math.round(Number(match[1]) * UNIT_MS[unit])
      // A long digit run overflows to Infinity, which is not a usable timeout.
      if (Number.isFinite(ms)) return ms
    }
  }
  ctx.addIssue({
    code: 'custom',
    message: `expected a duration like "250ms", "30s", "5m", "2h" or "1d", got ${showValue(input)}`,
  })
  return z.NEVER
})

const SIGNED = /^-?\d+(\.\d+)?$/

/**
 * zod schema that coerces a number-like value to a {@link Decimal}: a `Decimal`, a decimal string
 * (`'12.5'`, `'-3'`; surrounding spaces ignored) or a finite `number` (converted through its
 * shortest string form, so YAML's `0.1` becomes exactly `0.1`). Rejects `'1e5'`, `'NaN'`, `''`.
 * For money arriving from Coinbase use the strict `decimal` schema instead.
 *
 * @example
 * decimalish.parse(' 0.25 ').toFixed() // '0.25'
 */
export const decimalish = z.unknown().transform((input, ctx) => {
  const parsed = toDecimalish(input)
  if (parsed !== undefined) return parsed
  ctx.addIssue({ code: 'custom', message: `expected a decimal number like "12.34", got ${showValue(input)}` })
  return z.NEVER
})

/**
 * zod schema for a percentage, producing a fraction as a {@link Decimal}: `'10%'` → 0.1,
 * `'0.5%'` → 0.005, `'-2%'` → -0.02. Without a `%` sign the value is taken as a fraction already
 * (`'0.1'` or `0.1` → 0.1).
 *
 * @example
 * percent.parse('10%').toFixed() // '0.1'
 */
export const percent = z.unknown().transform((input, ctx) => {
  if (typeof input === 'string' && input.trim().endsWith('%')) {
    const parsed = toDecimalish(input.trim().slice(0, -1))
    if (parsed !== undefined) return parsed.div(100)
  } else {
    const parsed = toDecimalish(input)
    if (parsed !== undefined) return parsed
  }
  ctx.addIssue({
    code: 'custom',
    message: `expected a percentage like "10%" or a fraction like "0.1", got ${showValue(input)}`,
  })
  return z.NEVER
})

function toDecimalish(input: unknown): Decimal | undefined {
  if (isDecimal(input)) return input.isFinite() ? new Decimal(input) : undefined
  if (typeof input === 'number') return Number.isFinite(input) ? new Decimal(String(input)) : undefined
  if (typeof input === 'string') {
    const text = input.trim()
    return SIGNED.test(text) ? new Decimal(text) : undefined
  }
  return undefined
}
