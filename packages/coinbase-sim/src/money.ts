import { Decimal as DecimalJs } from 'decimal.js'

/** decimal.js clone used for every amount in the sim (never JS numbers for money). */
export const D = DecimalJs.clone({
  precision: 64,
  rounding: DecimalJs.ROUND_HALF_UP,
  toExpNeg: -40,
  toExpPos: 40,
})
/** A decimal value of the sim's decimal.js clone. */
export type Dec = DecimalJs

export const ZERO: Dec = new D(0)

const DECIMAL_RE = /^-?(?:\d+)(?:\.\d+)?$/

/** Parses a strict decimal string (`"0.001"`, never `1e-3` or a number); null when invalid. */
export function parseDecimal(value: unknown): Dec | null {
  if (typeof value !== 'string' || !DECIMAL_RE.test(value) || value.length > 60) return null
  return new D(value)
}

/** Plain decimal string without exponent and without trailing zeros (`"0.392"`, `"10"`). */
export function fmt(value: Dec): string {
  return value.toFixed()
}

/** Fixed scale string, e.g. `fmtScale(x, 16)` → `"0.0000000000000000"`. */
export function fmtScale(value: Dec, scale: number): string {
  return value.toFixed(scale)
}

/** Number of decimal places of an increment like `"0.00000001"` (8). */
export function scaleOf(increment: Dec): number {
  return increment.decimalPlaces()
}

const POW10 = /^(?:1|0\.0*1)$/
const pow10Cache = new WeakMap<Dec, number | null>()

/** Scale k when `increment` is 10^-k (every Coinbase spot increment is), else null. */
function pow10Scale(increment: Dec): number | null {
  let v = pow10Cache.get(increment)
  if (v === undefined) {
    v = POW10.test(increment.toFixed()) ? increment.decimalPlaces() : null
    pow10Cache.set(increment, v)
  }
  return v
}

/** True when `value` is an exact multiple of `increment`. */
export function onGrid(value: Dec, increment: Dec): boolean {
  const k = pow10Scale(increment)
  // Fast path without a 64-digit division for power-of-ten increments.
  if (k !== null) return value.decimalPlaces() <= k
  return value.mod(increment).isZero()
}

/** Rounds down to a multiple of `increment`. */
export function floorTo(value: Dec, increment: Dec): Dec {
  const k = pow10Scale(increment)
  if (k !== null) return value.toDecimalPlaces(k, D.ROUND_DOWN)
  return value.div(increment).floor().mul(increment)
}

/** Rounds to the nearest multiple of `increment`. */
export function roundTo(value: Dec, increment: Dec): Dec {
  return value.div(increment).round().mul(increment)
}
