// Volatility statistics run on JS numbers: they are read-only estimates that only pick a multiplier,
// never an order field, and stdev / percentiles of floats are the domain standard. The multiplier
// they choose is a Decimal constant from the config.

/**
 * Sample standard deviation (n − 1) of simple returns p[i] / p[i−1] − 1, multiplied by
 * √periodsPerYear. Needs at least 3 prices; returns NaN otherwise.
 *
 * @example
 * realizedVolatility([100, 101, 99, 102], 365)
 */
export function realizedVolatility(prices: readonly number[], periodsPerYear: number): number {
  const n = prices.length - 1
  if (n < 2) return Number.NaN
  let mean = 0
  for (let i = 1; i <= n; i++) mean += prices[i]! / prices[i - 1]! - 1
  mean /= n
  let sq = 0
  for (let i = 1; i <= n; i++) {
    const d = prices[i]! / prices[i - 1]! - 1 - mean
    sq += d * d
  }
  return Math.sqrt(sq / (n - 1)) * Math.sqrt(periodsPerYear)
}

/**
 * Annualised realized volatility over each window of `window` returns, oldest first (the last entry is
 * the current volatility).
 */
export function rollingVolatility(
  prices: readonly number[],
  window: number,
  periodsPerYear: number,
): number[] {
  const out: number[] = []
  for (let end = window; end < prices.length; end++) {
    out.push(realizedVolatility(prices.slice(end - window, end + 1), periodsPerYear))
  }
  return out
}

/** Percentile q in [0, 1] with linear interpolation between closest ranks (numpy's default). NaN if empty. */
export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const pos = (sorted.length - 1) * q
  const lo = Math.floor(pos)
  const hi = Math.ceil(pos)
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo)
}
