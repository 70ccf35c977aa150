import type { Decimal } from '@gpt-trader/validation'

/**
 * `sum.plus(x)`, returning `x` itself when the sum is still zero: decimal.js gives exactly that value
 * then (a non-zero `x` of at most 64 significant digits comes back unrounded, with its sign). Most
 * orders fill once and most positions open with one fill, so their sums start from zero. @internal
 */
export function add(sum: Decimal, x: Decimal): Decimal {
  return sum.isZero() && !x.isZero() && x.sd() <= 64 ? x : sum.plus(x)
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
  const result = price.times(size)
  lastPrice = price
  lastSize = size
  lastProduct = result
  return result
}
