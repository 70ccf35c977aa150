import { Decimal } from '@gpt-trader/validation'

/** The pieces of a Kelly computation, each exact. */
export interface KellyFraction {
  /** b = |avgWin / avgLoss|, capped at `maxPayoffRatio`. */
  payoffRatio: Decimal
  /** True when |avgWin / avgLoss| exceeded the cap. */
  payoffRatioCapped: boolean
  /** f = p − (1 − p) / b, floored at 0. */
  fraction: Decimal
}

/**
 * Full Kelly fraction f = p − (1 − p) / b with b = |avgWin / avgLoss| capped at `maxPayoffRatio`
 * (default 100), floored at 0. Inputs are already-validated Decimals; see `calculatePositionSize`
 * for the checked entry point.
 *
 * @example
 * kellyFraction(new Decimal('0.65'), new Decimal('0.08'), new Decimal('-0.04')).fraction.toString() // '0.475'
 */
export function kellyFraction(
  winRate: Decimal,
  avgWin: Decimal,
  avgLoss: Decimal,
  maxPayoffRatio: Decimal = new Decimal(100),
): KellyFraction {
  const raw = avgWin.div(avgLoss).abs()
  const payoffRatioCapped = raw.gt(maxPayoffRatio)
  const payoffRatio = payoffRatioCapped ? maxPayoffRatio : raw
  const f = winRate.minus(new Decimal(1).minus(winRate).div(payoffRatio))
  return { payoffRatio, payoffRatioCapped, fraction: f.isNegative() ? new Decimal(0) : f }
}
