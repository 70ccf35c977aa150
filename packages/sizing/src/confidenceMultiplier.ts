import { Decimal } from '@gpt-trader/validation'
import type { ConfidenceCurve } from './sizingConfig.js'

/** Options of {@link confidenceMultiplier}; the defaults are those of the sizer. */
export interface ConfidenceMultiplierOptions {
  /** Confidence at which the multiplier is 1 (below it the sizer returns zero). Default 0.6. */
  threshold?: Decimal
  /** Multiplier at confidence 1. Default 2. */
  max?: Decimal
  /** Default `'linear'`. */
  curve?: ConfidenceCurve
  /** Steepness k for the exponential and sigmoid curves (defaults 3 and 10). */
  steepness?: Decimal
}

const ONE = new Decimal(1)
const HALF = new Decimal('0.5')

/**
 * Multiplier rising from 1 at `threshold` to `max` at confidence 1 (clamped outside), along a linear,
 * exponential ((e^{kt} − 1) / (e^k − 1)) or sigmoid (logistic rescaled to hit both ends) curve, where
 * t = (confidence − threshold) / (1 − threshold). Every curve is non-decreasing in confidence and hits
 * exactly 1 and `max` at the ends.
 *
 * @example
 * confidenceMultiplier(new Decimal('0.8')).toString() // '1.5'
 */
export function confidenceMultiplier(
  confidence: Decimal,
  options: ConfidenceMultiplierOptions = {},
): Decimal {
  return confidenceCurveFn(options)(confidence)
}

/**
 * Prepares the curve once (the exponential and sigmoid end points cost 64-digit `exp` calls).
 * @internal
 */
export function confidenceCurveFn(
  options: ConfidenceMultiplierOptions = {},
): (confidence: Decimal) => Decimal {
  const threshold = options.threshold ?? new Decimal('0.6')
  const max = options.max ?? new Decimal(2)
  const span = max.minus(ONE)
  const width = ONE.minus(threshold)
  // When 1 / width is a short exact decimal (the default 0.4 gives 2.5), dividing by the width is
  // multiplying by it: the same exact quotient, rounded the same way to the precision, without the
  // 64-digit long division on every call. Exact means inverse × width is 1 with an unrounded product.
  const inverse = ONE.div(width)
  const exactInverse =
    inverse.isFinite() && inverse.sd() + width.sd() <= 64 && inverse.times(width).eq(ONE)
      ? inverse
      : undefined
  const curve = options.curve ?? 'linear'
  let shape: (t: Decimal) => Decimal
  if (curve === 'linear') {
    shape = (t) => t
  } else if (curve === 'exponential') {
    const k = options.steepness ?? new Decimal(3)
    const denominator = k.exp().minus(ONE)
    shape = (t) => k.mul(t).exp().minus(ONE).div(denominator)
  } else {
    const k = options.steepness ?? new Decimal(10)
    const sigmoid = (x: Decimal) => ONE.div(ONE.plus(x.neg().exp()))
    const low = sigmoid(k.mul(HALF).neg())
    const range = sigmoid(k.mul(HALF)).minus(low)
    shape = (t) =>
      sigmoid(k.mul(t.minus(HALF)))
        .minus(low)
        .div(range)
  }
  // One-entry memo: the same confidence instance (inputs are cached in ratio.ts) gives the same result,
  // and the exponential / sigmoid shapes cost 64-digit `exp` calls.
  let lastConfidence: Decimal | undefined
  let lastMultiplier = ONE
  const multiplier = (confidence: Decimal): Decimal => {
    const offset = confidence.minus(threshold)
    let t = exactInverse === undefined ? offset.div(width) : offset.times(exactInverse)
    if (t.isNegative()) t = new Decimal(0)
    if (t.gt(ONE)) t = ONE
    // The end points are exact by construction; skip the transcendental call there.
    if (t.isZero()) return ONE
    if (t.eq(ONE)) return max
    return ONE.plus(span.mul(shape(t)))
  }
  return (confidence) => {
    if (confidence !== lastConfidence) {
      lastMultiplier = multiplier(confidence)
      lastConfidence = confidence
    }
    return lastMultiplier
  }
}
