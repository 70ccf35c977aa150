import { Decimal, type DecimalInput, toDecimal } from './decimal.js'
import { ValidationError } from './errors.js'

/**
 * How {@link quantize} picks a multiple of the increment: `floor` rounds toward −∞, `ceil` toward +∞,
 * `half-even` to the nearest multiple with ties to the even multiple (banker's rounding).
 */
export type QuantizeMode = 'floor' | 'ceil' | 'half-even'

/**
 * Number of decimal places of a value as written, ignoring trailing zeros: `'0.01'` → 2,
 * `'0.0025'` → 4, `'5'` → 0, `'1.50'` → 1.
 *
 * @example
 * decimalPlaces('0.00000001') // 8
 */
export function decimalPlaces(value: DecimalInput): number {
  return toDecimal(value, 'value').decimalPlaces()
}

/**
 * Rounds `value` to a multiple of `increment` in the given mode. The arithmetic is exact (scaled
 * integers, no precision limit), the result is an exact multiple of the increment and never has more
 * decimal places than the increment. Coinbase rejects off-grid sizes and prices rather than rounding
 * them, so every size and price is quantized before it is sent: sizes with `floor` (never exceed
 * what was sized), prices as the strategy decides.
 *
 * Throws a `ValidationError` when `value` is not a decimal (`INVALID_DECIMAL`) or `increment` is not
 * a positive decimal (`INVALID_INCREMENT`).
 *
 * @example
 * formatDecimal(quantize('0.123456789', '0.00000001', 'floor')) // '0.12345678'
 * formatDecimal(quantize('67000.015', '0.01', 'half-even')) // '67000.02'
 * formatDecimal(quantize('12.3', '5', 'ceil')) // '15'
 */
export function quantize(value: DecimalInput, increment: DecimalInput, mode: QuantizeMode): Decimal {
  const v = toDecimal(value, 'value')
  const inc = toIncrement(increment)
  if (isPowerOfTen(inc)) {
    // On a 10^−k grid, rounding to the grid is rounding to k decimal places, which decimal.js does
    // exactly (no precision limit). A zero comes out unsigned, as from the integer path below.
    const places = inc.decimalPlaces()
    if (v.decimalPlaces() <= places) return v.isZero() ? new Decimal(0) : v
    const rounding = ROUNDING.get(mode)
    if (rounding !== undefined) {
      const rounded = v.toDecimalPlaces(places, rounding)
      return rounded.isZero() ? new Decimal(0) : rounded
    }
  }
  const dp = Math.max(v.decimalPlaces(), inc.decimalPlaces())
  const scaledValue = toScaled(v, dp)
  const step = toScaled(inc, dp)
  let quotient = scaledValue / step
  const remainder = scaledValue % step
  if (remainder !== 0n) {
    // BigInt division truncates toward zero; `sign` is the direction away from zero.
    const sign = scaledValue < 0n ? -1n : 1n
    if (mode === 'floor') {
      if (sign < 0n) quotient -= 1n
    } else if (mode === 'ceil') {
      if (sign > 0n) quotient += 1n
    } else if (mode === 'half-even') {
      const twice = 2n * (remainder < 0n ? -remainder : remainder)
      if (twice > step || (twice === step && quotient % 2n !== 0n)) quotient += sign
    } else {
      throw new ValidationError([
        {
          path: ['mode'],
          code: 'INVALID_VALUE',
          message: `must be 'floor', 'ceil' or 'half-even', got ${JSON.stringify(String(mode))}`,
        },
      ])
    }
  }
  return fromScaled(quotient * step, dp)
}

/**
 * True if `value` is an exact multiple of `increment` (`'0.015'` is not a multiple of `'0.01'`;
 * `'26.7187'` is not a multiple of `'1'`). Exact, with no precision limit.
 *
 * @example
 * isMultipleOf('0.0075', '0.0025') // true
 */
export function isMultipleOf(value: DecimalInput, increment: DecimalInput): boolean {
  const v = toDecimal(value, 'value')
  const inc = toIncrement(increment)
  // A multiple of 10^−k is exactly a value with at most k decimal places.
  if (isPowerOfTen(inc)) return v.decimalPlaces() <= inc.decimalPlaces()
  const dp = Math.max(v.decimalPlaces(), inc.decimalPlaces())
  return toScaled(v, dp) % toScaled(inc, dp) === 0n
}

type Rounding = NonNullable<Parameters<Decimal['toDecimalPlaces']>[1]>
const TEN = new Decimal(10)
const ROUNDING: ReadonlyMap<unknown, Rounding> = new Map<unknown, Rounding>([
  ['floor', Decimal.ROUND_FLOOR],
  ['ceil', Decimal.ROUND_CEIL],
  ['half-even', Decimal.ROUND_HALF_EVEN],
])
/** Increments already classified (product specs hand over the same instances on every order). */
const powersOfTen = new WeakMap<Decimal, boolean>()

/** True when `increment` (> 0) is 10^−k for some k ≥ 0: `1`, `0.01`, `0.00000001`. */
function isPowerOfTen(increment: Decimal): boolean {
  let yes = powersOfTen.get(increment)
  if (yes === undefined) {
    yes = increment.eq(TEN.pow(-increment.decimalPlaces()))
    powersOfTen.set(increment, yes)
  }
  return yes
}

function toIncrement(increment: DecimalInput): Decimal {
  const inc = toDecimal(increment, 'increment')
  if (!inc.isPositive() || inc.isZero()) {
    throw new ValidationError([
      {
        path: ['increment'],
        code: 'INVALID_INCREMENT',
        message: `must be greater than 0, got ${inc.toFixed()}`,
      },
    ])
  }
  return inc
}

/** `value × 10^dp` as a BigInt; exact because `dp` is at least the value's own decimal places. */
function toScaled(value: Decimal, dp: number): bigint {
  return BigInt(value.toFixed(dp).replace('.', ''))
}

function fromScaled(scaled: bigint, dp: number): Decimal {
  if (dp === 0) return new Decimal(scaled.toString())
  const negative = scaled < 0n
  const digits = (negative ? -scaled : scaled).toString().padStart(dp + 1, '0')
  const text = `${digits.slice(0, -dp)}.${digits.slice(-dp)}`
  // `new Decimal(string)` keeps every digit: construction is not rounded to `precision`.
  return new Decimal(negative && scaled !== 0n ? `-${text}` : text)
}
