import { Decimal } from 'decimal.js'
import { z } from 'zod'
import { lazySchema, memo } from './lazySchema.js'

/**
 * Building blocks for the response schemas. Money becomes `Decimal` here, once, at the edge; it never
 * passes through a JS `number` unless Coinbase itself sent a JSON number (a few summary fields do), in
 * which case its shortest decimal representation is used.
 *
 * Nothing is built at import: {@link primitives} builds the set on first use (see lazySchema.ts).
 */

const DECIMAL_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/

function buildDecimal() {
  return z.union([z.string(), z.number()]).transform((value, ctx): Decimal => {
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) {
        ctx.addIssue({ code: 'custom', message: 'expected a finite number' })
        return z.NEVER
      }
      return new Decimal(String(value))
    }
    const text = value.trim()
    if (!DECIMAL_RE.test(text)) {
      ctx.addIssue({
        code: 'custom',
        message: `expected a decimal string, got ${JSON.stringify(value.slice(0, 40))}`,
      })
      return z.NEVER
    }
    const parsed = new Decimal(text)
    // An exponent past decimal.js's range (`1e999999999999999999`) overflows to ±Infinity: not money.
    if (!parsed.isFinite()) {
      ctx.addIssue({
        code: 'custom',
        message: `expected a finite decimal, got ${JSON.stringify(value.slice(0, 40))}`,
      })
      return z.NEVER
    }
    return parsed
  })
}

function buildTimestamp() {
  return z.string().transform((value, ctx): Date => {
    const date = new Date(value)
    if (value.length === 0 || Number.isNaN(date.getTime())) {
      ctx.addIssue({
        code: 'custom',
        message: `expected an RFC 3339 timestamp, got ${JSON.stringify(value.slice(0, 40))}`,
      })
      return z.NEVER
    }
    return date
  })
}

function buildUnixSeconds() {
  return z.union([z.string(), z.number()]).transform((value, ctx): Date => {
    const n = typeof value === 'number' ? value : Number(value)
    // Past ±8.64e12 s a Date is invalid (`new Date(1e308 * 1000)`), so check the Date, not only n.
    const date = new Date(n * 1000)
    if (
      !Number.isFinite(n) ||
      Number.isNaN(date.getTime()) ||
      (typeof value === 'string' && !/^\d+$/.test(value.trim()))
    ) {
      ctx.addIssue({
        code: 'custom',
        message: `expected unix seconds, got ${JSON.stringify(String(value).slice(0, 40))}`,
      })
      return z.NEVER
    }
    return date
  })
}

function buildInteger() {
  return z.union([z.string(), z.number()]).transform((value, ctx): number => {
    const n = typeof value === 'number' ? value : Number(value)
    if (!Number.isSafeInteger(n) || (typeof value === 'string' && value.trim() === '')) {
      ctx.addIssue({
        code: 'custom',
        message: `expected an integer, got ${JSON.stringify(String(value).slice(0, 40))}`,
      })
      return z.NEVER
    }
    return n
  })
}

/**
 * An enum field. Coinbase adds values without notice, so any string is accepted; the known values are
 * kept in the type for autocompletion.
 */
export function openEnum<const T extends readonly string[]>(_values: T) {
  return z.string().transform((v) => v as T[number] | (string & {}))
}

/**
 * @internal Every building block, built together on the first call and cached. The `opt*` entries are
 * shared `.optional()` forms: one instance serves every optional field of that kind, instead of one
 * schema object per field.
 */
export const primitives = memo('primitives', () => {
  const decimal = buildDecimal()
  const decimalOrNull = z.union([decimal, z.literal(''), z.null()]).transform((v) => (v === '' ? null : v))
  const timestamp = buildTimestamp()
  const timestampOrNull = z
    .union([z.literal(''), z.null(), timestamp])
    .transform((v) => (v === '' || v === null ? null : v))
  const amount = z.looseObject({ value: decimal, currency: z.string() })
  return {
    decimal,
    decimalOrNull,
    timestamp,
    timestampOrNull,
    unixSeconds: buildUnixSeconds(),
    integer: buildInteger(),
    booleanish: z
      .union([z.boolean(), z.enum(['true', 'false'])])
      .transform((v) => v === true || v === 'true'),
    amount,
    side: openEnum(['BUY', 'SELL'] as const),
    optDecimalOrNull: decimalOrNull.optional(),
    optTimestampOrNull: timestampOrNull.optional(),
    optString: z.string().optional(),
    optBoolean: z.boolean().optional(),
  }
})

/** A decimal string (or, where Coinbase is inconsistent, a JSON number) → `Decimal`. Empty is an error. */
export const decimal = lazySchema('decimal', () => primitives().decimal)

/** Like {@link decimal}, but `""` and `null` (Coinbase's "not applicable") become `null`. */
export const decimalOrNull = lazySchema('decimalOrNull', () => primitives().decimalOrNull)

/** An RFC 3339 timestamp → `Date` (millisecond precision; keep the raw string elsewhere if ns matter). */
export const timestamp = lazySchema('timestamp', () => primitives().timestamp)

/** Like {@link timestamp}, but `""` and `null` become `null`. */
export const timestampOrNull = lazySchema('timestampOrNull', () => primitives().timestampOrNull)

/** Unix seconds as a string or number (candle `start`) → `Date`. */
export const unixSeconds = lazySchema('unixSeconds', () => primitives().unixSeconds)

/** An integer count sent as a string or a number (`number_of_fills`, `num_products`). Not money. */
export const integer = lazySchema('integer', () => primitives().integer)

/** A boolean, also accepting `"true"` / `"false"` strings (the user channel sends `post_only` as a string). */
export const booleanish = lazySchema('booleanish', () => primitives().booleanish)

/** `{ value, currency }` money objects (balances, CFM summaries). */
export const amount = lazySchema('amount', () => primitives().amount)

/** Output type of {@link amount}. */
export type Amount = z.output<typeof amount>

/** Order side. */
export const side = lazySchema('side', () => primitives().side)
