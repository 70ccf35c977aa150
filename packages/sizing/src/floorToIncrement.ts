import { Decimal, quantize } from '@gpt-trader/validation'

const TEN = new Decimal(10)
let powerOfTenMemo: { increment: Decimal; yes: boolean } | undefined

/** True when `increment` is 10^−k (k = its decimal places): `0.00000001`, `0.1`, `1`. */
function isPowerOfTen(increment: Decimal): boolean {
  const m = powerOfTenMemo
  if (m !== undefined && m.increment === increment) return m.yes
  const yes = increment.eq(TEN.pow(-increment.decimalPlaces()))
  powerOfTenMemo = { increment, yes }
  return yes
}

/**
 * `quantize(quantity, increment, 'floor')`, faster. For a quantity ≥ 0 and a power-of-ten increment
 * (every Coinbase spot base increment) flooring to the grid is truncation to the increment's decimal
 * places, which decimal.js does exactly without quantize's string / BigInt round trip. Anything else
 * goes through `quantize`. The property tests check both branches against `quantize`.
 * @internal
 */
export function floorToIncrement(quantity: Decimal, increment: Decimal): Decimal {
  if (quantity.isNegative() || !isPowerOfTen(increment)) return quantize(quantity, increment, 'floor')
  return quantity.toDecimalPlaces(increment.decimalPlaces(), Decimal.ROUND_DOWN)
}
