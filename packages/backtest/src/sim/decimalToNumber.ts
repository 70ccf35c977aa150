import type { Decimal } from '@gpt-trader/validation'

/** Exact powers of ten as doubles (10^0 … 10^22 are all exactly representable). */
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i)

/**
 * `value.toNumber()` — the double nearest to the decimal — without printing the decimal and parsing
 * the text back, for the equity curve's numeric shadows (reporting only: never an order field).
 *
 * A decimal of at most 15 significant digits is `m × 10^k` with an integer m < 2^53 and, for the
 * values a run sees, |k| ≤ 22: m and 10^|k| are then exact doubles, and one IEEE multiplication or
 * division rounds the exact value to the nearest double — the same double `Number(text)` gives.
 * Anything else goes through decimal.js. @internal
 */
export function decimalToNumber(value: Decimal): number {
  const words: readonly number[] | null = value.d
  // NaN and ±Infinity have no digits; long coefficients may not fit a double's integer range.
  if (words === null || words.length > 3) return value.toNumber()
  // decimal.js keeps the coefficient in base-10^7 words, the first without leading zeros.
  let m = words[0]!
  let digits =
    m >= 1_000_000 ? 7 : m >= 100_000 ? 6 : m >= 10_000 ? 5 : m >= 1000 ? 4 : m >= 100 ? 3 : m >= 10 ? 2 : 1
  for (let i = 1; i < words.length; i++) {
    m = m * 10_000_000 + words[i]!
    digits += 7
  }
  const k = value.e + 1 - digits
  if (m > Number.MAX_SAFE_INTEGER || k > 22 || k < -22) return value.toNumber()
  const magnitude = k >= 0 ? m * POW10[k]! : m / POW10[-k]!
  return value.s < 0 ? -magnitude : magnitude
}
