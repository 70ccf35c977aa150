import type { Decimal } from '@gpt-trader/validation'

/**
 * `sum.plus(x)`, returning an operand itself when the other is zero: decimal.js gives exactly that
 * value then (a non-zero operand of at most 64 significant digits comes back unrounded, with its sign;
 * zero plus zero is −0 only when both are). Most orders fill once and most positions open with one
 * fill, so their sums start from zero — and without fees every fee sum is zero plus zero: no new
 * Decimal is made (and kept with the order) for any of them. @internal
 */
export function add(sum: Decimal, x: Decimal): Decimal {
  if (sum.isZero()) {
    if (!x.isZero()) return x.sd() <= 64 ? x : sum.plus(x)
    return sum.isNegative() ? x : sum
  }
  return x.isZero() && sum.sd() <= 64 ? sum : sum.plus(x)
}

let lastPrice: Decimal | undefined
let lastSize: Decimal | undefined
let lastProduct: Decimal | undefined

/**
 * `price.times(size)`, remembering the last product: one fill's notional is worked out by the venue's
 * fill model, the engine's projection and the position tracker, from the same two instances in a row.
 * Decimals are immutable, so the same operands always give the same product. @internal
 */
export function product(price: Decimal, size: Decimal): Decimal {
  if (price === lastPrice && size === lastSize) return lastProduct!
  const result = compact(price.times(size))
  lastPrice = price
  lastSize = size
  lastProduct = result
  return result
}

/**
 * The same value with a digit array of exactly its length. decimal.js grows the digit arrays of its
 * results element by element, so V8 gives them room for 17 words; a notional is kept with its order
 * and fill for the whole run, and the young-generation GC copies (twice) whatever it keeps: a copy
 * made now (the constructor slices the digits) is smaller to keep. The class is kept too. @internal
 */
export function compact(value: Decimal): Decimal {
  const Ctor = value.constructor as new (v: Decimal) => Decimal
  return new Ctor(value)
}
