import {
  Decimal,
  type DecimalInput,
  quantize,
  ValidationError,
  type ValidationIssue,
} from '@gpt-trader/validation'
import type { SizingWarning, ZeroSizeReason } from './codes.js'
import { kellyFraction } from './kellyFraction.js'
import type { MarketRegime } from './marketRegime.js'
import { type RatioInput, readDecimal, readRatio } from './ratio.js'
import {
  type ResolvedSizingConfig,
  resolveSizingConfig,
  type SizingConfig,
  type SizingMethod,
} from './sizingConfig.js'
import { percentile, rollingVolatility } from './volatility.js'

/** What to size. Field names follow the original `PositionSizeRequest`. */
export interface PositionSizeRequest {
  symbol: string
  /** Price of one unit of the base asset, in quote currency. */
  currentPrice: DecimalInput
  /** Portfolio value in quote currency (≥ 0; zero gives a zero size). */
  portfolioValue: DecimalInput
  strategyName: string
  /** Probability of a winning trade, in (0, 1). */
  winRate: RatioInput
  /** Average winning return as a fraction (> 0), e.g. 0.08. */
  avgWin: RatioInput
  /** Average losing return as a fraction (< 0), e.g. −0.04. */
  avgLoss: RatioInput
  /** Signal confidence in [0, 1]. */
  confidence: RatioInput
  /** A key of the configured regime multipliers. */
  marketRegime: MarketRegime | (string & {})
  /** Current annualised volatility of the asset (e.g. 0.6 for 60 %). */
  volatility?: number | undefined
  /** Recent readings of the same volatility measure, for the spike check. */
  volatilityHistory?: readonly number[] | undefined
  /**
   * Recent prices, oldest first. When `volatility` / `volatilityHistory` are absent they are derived
   * from these (rolling windows of `volatilityWindow` returns).
   */
  recentPrices?: readonly (number | DecimalInput)[] | undefined
  /** Current drawdown from the equity peak as a fraction in [0, 1]. */
  drawdown?: RatioInput | undefined
  /** The product's base increment; the quantity is rounded down to a multiple of it. */
  baseIncrement?: DecimalInput | undefined
  /** The product's minimum base size; a smaller quantity becomes zero. */
  baseMinSize?: DecimalInput | undefined
  /** Cap on the notional (quote currency), e.g. a per-symbol limit. */
  maxNotional?: DecimalInput | undefined
  /** Cap on the quantity (base currency), e.g. the product's base_max_size. */
  maxQuantity?: DecimalInput | undefined
}

/** Name of a sizing step. */
export type SizingStep =
  | 'expected_value'
  | 'confidence_threshold'
  | 'portfolio'
  | 'kelly'
  | 'volatility_target'
  | 'fractional_kelly'
  | 'confidence'
  | 'regime'
  | 'drawdown'
  | 'high_volatility'
  | 'max_fraction'
  | 'min_fraction'
  | 'max_notional'
  | 'max_quantity'
  | 'quantize'
  | 'min_size'

/**
 * One step of the sizing, in fractions of the portfolio. The first step starts from 1 (the whole
 * portfolio), so each `after` is `before × factor` and the product of all factors is the final fraction
 * (up to the 64-digit precision of divisions used for caps).
 */
export interface SizingAdjustment {
  step: SizingStep
  factor: Decimal
  before: Decimal
  after: Decimal
  reason: string
}

/** The sized position and how it was reached. */
export interface PositionSizeResult {
  symbol: string
  strategyName: string
  method: SizingMethod
  /** Base quantity, rounded down to `baseIncrement` when given. Zero means "do not trade". */
  quantity: Decimal
  /** quantity × currentPrice. */
  notional: Decimal
  /** notional / portfolioValue (0 when the portfolio is empty). */
  fraction: Decimal
  /** Fraction decided before the notional / quantity caps and quantization. */
  targetFraction: Decimal
  /** p·avgWin + (1 − p)·avgLoss. */
  expectedValue: Decimal
  /** Kelly pieces (present when the Kelly step ran). */
  kelly?: { payoffRatio: Decimal; fullKelly: Decimal; fractionalKelly: Decimal }
  /** Volatility used (given or derived), if any. */
  volatility?: number
  /** Set when `quantity` is zero. */
  zeroReason?: ZeroSizeReason
  adjustments: readonly SizingAdjustment[]
  warnings: readonly SizingWarning[]
}

const ZERO = new Decimal(0)
const ONE = new Decimal(1)

/**
 * Builds a sizer with a fixed config (resolved and checked once), for hot loops.
 *
 * @example
 * const size = createPositionSizer({ kellyFraction: '0.5', confidenceCurve: 'sigmoid' })
 * const result = size(request)
 */
export function createPositionSizer(
  config: SizingConfig = {},
): (request: PositionSizeRequest) => PositionSizeResult {
  const resolved = resolveSizingConfig(config)
  return (request) => sizeWith(request, resolved)
}

let defaultSizer: ResolvedSizingConfig | undefined

/**
 * Explainable position sizing: Kelly (or volatility target) → fractional Kelly → confidence →
 * regime → drawdown → volatility spike → max / min fraction → notional and quantity caps → quantize
 * down → minimum size. Every step is listed in `adjustments`.
 *
 * A trade with no edge (negative expected value, non-positive Kelly) or low confidence gets size 0
 * with `zeroReason`; it never throws for that. Invalid input throws a `ValidationError` listing every
 * bad field.
 *
 * @example
 * const result = calculatePositionSize({
 *   symbol: 'BTC-USD', currentPrice: '50000', portfolioValue: '10000', strategyName: 'momentum',
 *   winRate: 0.65, avgWin: 0.08, avgLoss: -0.04, confidence: 0.75, marketRegime: 'bull_quiet',
 *   baseIncrement: '0.00000001',
 * })
 * result.quantity.toString() // '0.02'
 */
export function calculatePositionSize(
  request: PositionSizeRequest,
  config?: SizingConfig,
): PositionSizeResult {
  if (config !== undefined) return sizeWith(request, resolveSizingConfig(config))
  defaultSizer ??= resolveSizingConfig()
  return sizeWith(request, defaultSizer)
}

interface Inputs {
  price: Decimal
  portfolio: Decimal
  winRate: Decimal
  avgWin: Decimal
  avgLoss: Decimal
  confidence: Decimal
  regime: Decimal
  drawdown: Decimal | null
  baseIncrement: Decimal | null
  baseMinSize: Decimal | null
  maxNotional: Decimal | null
  maxQuantity: Decimal | null
  volatility: number | undefined
  volatilityHistory: readonly number[] | undefined
}

function readInputs(request: PositionSizeRequest, config: ResolvedSizingConfig): Inputs {
  const issues: ValidationIssue[] = []
  const range = (value: Decimal | null, field: string, ok: (d: Decimal) => boolean, rule: string) => {
    if (value !== null && !ok(value))
      issues.push({ path: [field], code: 'OUT_OF_RANGE', message: `must be ${rule}, got ${value.toFixed()}` })
    return value
  }
  const optional = (value: DecimalInput | undefined, field: string) =>
    value === undefined
      ? null
      : range(readDecimal(value, field, issues), field, (d) => d.gt(ZERO), 'greater than 0')
  if (typeof request.symbol !== 'string' || request.symbol === '')
    issues.push({ path: ['symbol'], code: 'INVALID_TYPE', message: 'must be a non-empty string' })
  if (typeof request.strategyName !== 'string')
    issues.push({ path: ['strategyName'], code: 'INVALID_TYPE', message: 'must be a string' })
  const price = range(
    readDecimal(request.currentPrice, 'currentPrice', issues),
    'currentPrice',
    (d) => d.gt(ZERO),
    'greater than 0',
  )
  const portfolio = range(
    readDecimal(request.portfolioValue, 'portfolioValue', issues),
    'portfolioValue',
    (d) => !d.isNegative(),
    'at least 0',
  )
  const winRate = range(
    readRatio(request.winRate, 'winRate', issues),
    'winRate',
    (d) => d.gt(ZERO) && d.lt(ONE),
    'in (0, 1)',
  )
  const avgWin = range(
    readRatio(request.avgWin, 'avgWin', issues),
    'avgWin',
    (d) => d.gt(ZERO),
    'greater than 0',
  )
  const avgLoss = range(
    readRatio(request.avgLoss, 'avgLoss', issues),
    'avgLoss',
    (d) => d.lt(ZERO),
    'less than 0',
  )
  const confidence = range(
    readRatio(request.confidence, 'confidence', issues),
    'confidence',
    (d) => d.gte(ZERO) && d.lte(ONE),
    'in [0, 1]',
  )
  const drawdown =
    request.drawdown === undefined
      ? null
      : range(
          readRatio(request.drawdown, 'drawdown', issues),
          'drawdown',
          (d) => d.gte(ZERO) && d.lte(ONE),
          'in [0, 1]',
        )
  const regime = config.regimeMultipliers.get(request.marketRegime)
  if (regime === undefined)
    issues.push({
      path: ['marketRegime'],
      code: 'UNKNOWN_REGIME',
      message: `unknown regime ${JSON.stringify(request.marketRegime)} (known: ${[...config.regimeMultipliers.keys()].join(', ')})`,
    })
  const baseIncrement = optional(request.baseIncrement, 'baseIncrement')
  const baseMinSize = optional(request.baseMinSize, 'baseMinSize')
  const maxNotional = optional(request.maxNotional, 'maxNotional')
  const maxQuantity = optional(request.maxQuantity, 'maxQuantity')
  let volatility = request.volatility
  let volatilityHistory = request.volatilityHistory
  if (volatility !== undefined && !(Number.isFinite(volatility) && volatility >= 0))
    issues.push({
      path: ['volatility'],
      code: 'OUT_OF_RANGE',
      message: `must be a finite number ≥ 0, got ${volatility}`,
    })
  volatilityHistory?.forEach((v, i) => {
    if (!(Number.isFinite(v) && v >= 0))
      issues.push({
        path: ['volatilityHistory', i],
        code: 'OUT_OF_RANGE',
        message: `must be a finite number ≥ 0, got ${v}`,
      })
  })
  if (request.recentPrices !== undefined && (volatility === undefined || volatilityHistory === undefined)) {
    // Prices become numbers only to feed the volatility statistics, never an order field.
    const prices: number[] = []
    request.recentPrices.forEach((p, i) => {
      const d =
        typeof p === 'number'
          ? readRatio(p, `recentPrices.${i}`, issues)
          : readDecimal(p, `recentPrices.${i}`, issues)
      if (d === null) return
      if (!d.gt(ZERO))
        issues.push({ path: ['recentPrices', i], code: 'OUT_OF_RANGE', message: 'must be greater than 0' })
      prices.push(d.toNumber())
    })
    const rolling = rollingVolatility(prices, config.volatilityWindow, config.periodsPerYear)
    if (rolling.length > 0) {
      volatility ??= rolling[rolling.length - 1]
      volatilityHistory ??= rolling.slice(0, -1)
    }
  }
  if (config.method === 'volatility_target' && !(volatility !== undefined && volatility > 0))
    issues.push({
      path: ['volatility'],
      code: 'VOLATILITY_REQUIRED',
      message: `the volatility_target method needs a volatility > 0 (or at least ${config.volatilityWindow + 1} recentPrices)`,
    })
  if (issues.length > 0) throw new ValidationError(issues, { subject: 'position size request' })
  return {
    price: price!,
    portfolio: portfolio!,
    winRate: winRate!,
    avgWin: avgWin!,
    avgLoss: avgLoss!,
    confidence: confidence!,
    regime: regime!,
    drawdown,
    baseIncrement,
    baseMinSize,
    maxNotional,
    maxQuantity,
    volatility,
    volatilityHistory,
  }
}

function sizeWith(request: PositionSizeRequest, config: ResolvedSizingConfig): PositionSizeResult {
  const input = readInputs(request, config)
  const adjustments: SizingAdjustment[] = []
  const warnings: SizingWarning[] = []
  let fraction = ONE
  const apply = (step: SizingStep, factor: Decimal, reason: string) => {
    const before = fraction
    fraction = before.mul(factor)
    adjustments.push({ step, factor, before, after: fraction, reason })
  }
  const setTo = (step: SizingStep, value: Decimal, reason: string) => {
    const before = fraction
    const factor = before.isZero() ? ZERO : value.div(before)
    fraction = value
    adjustments.push({ step, factor, before, after: value, reason })
  }
  const { winRate: p, avgWin, avgLoss } = input
  const expectedValue = p.mul(avgWin).plus(ONE.minus(p).mul(avgLoss))
  const result = (zeroReason?: ZeroSizeReason, kelly?: PositionSizeResult['kelly']): PositionSizeResult => ({
    symbol: request.symbol,
    strategyName: request.strategyName,
    method: config.method,
    quantity: ZERO,
    notional: ZERO,
    fraction: ZERO,
    targetFraction: fraction,
    expectedValue,
    ...(kelly === undefined ? {} : { kelly }),
    ...(input.volatility === undefined ? {} : { volatility: input.volatility }),
    ...(zeroReason === undefined ? {} : { zeroReason }),
    adjustments,
    warnings,
  })

  if (!expectedValue.gt(ZERO)) {
    apply('expected_value', ZERO, `expected value ${expectedValue.toFixed()} is not positive`)
    return result('NEGATIVE_EXPECTED_VALUE')
  }
  if (input.confidence.lt(config.confidenceThreshold)) {
    apply(
      'confidence_threshold',
      ZERO,
      `confidence ${input.confidence.toFixed()} is below the threshold ${config.confidenceThreshold.toFixed()}`,
    )
    return result('CONFIDENCE_BELOW_THRESHOLD')
  }
  if (input.portfolio.isZero()) {
    apply('portfolio', ZERO, 'portfolio value is zero')
    return result('NO_CAPITAL')
  }

  let kelly: PositionSizeResult['kelly']
  if (config.method === 'kelly') {
    const k = kellyFraction(p, avgWin, avgLoss, config.maxPayoffRatio)
    if (k.payoffRatioCapped)
      warnings.push({
        code: 'PAYOFF_RATIO_CAPPED',
        message: `payoff ratio |avgWin / avgLoss| capped at ${config.maxPayoffRatio.toFixed()}`,
      })
    apply(
      'kelly',
      k.fraction,
      `Kelly f = p − (1 − p) / b with p ${p.toFixed()}, b ${k.payoffRatio.toFixed()}`,
    )
    if (k.fraction.isZero()) return result('NO_EDGE')
    apply('fractional_kelly', config.kellyFraction, `fractional Kelly ×${config.kellyFraction.toFixed()}`)
    kelly = { payoffRatio: k.payoffRatio, fullKelly: k.fraction, fractionalKelly: fraction }
  } else {
    // Guarded in readInputs: the method needs a positive volatility.
    const vol = new Decimal(input.volatility!)
    apply(
      'volatility_target',
      config.targetVolatility.div(vol),
      `target volatility ${config.targetVolatility.toFixed()} / asset volatility ${vol.toFixed()}`,
    )
  }

  const cm = config.confidenceMultiplier(input.confidence)
  apply('confidence', cm, `confidence ${input.confidence.toFixed()} (${config.confidenceCurve} curve)`)
  apply('regime', input.regime, `market regime ${request.marketRegime}`)

  if (input.drawdown?.gt(config.drawdownThreshold)) {
    const raw = ONE.minus(input.drawdown.minus(config.drawdownThreshold).mul(config.drawdownSlope))
    const factor = Decimal.max(config.drawdownMinFactor, raw)
    apply(
      'drawdown',
      factor,
      `drawdown ${input.drawdown.toFixed()} above ${config.drawdownThreshold.toFixed()}`,
    )
    warnings.push({
      code: 'DRAWDOWN_SCALED',
      message: `drawdown ${input.drawdown.toFixed()} scaled the size by ${factor.toFixed()}`,
    })
  }

  if (input.volatility !== undefined && input.volatilityHistory !== undefined) {
    if (input.volatilityHistory.length < config.minVolatilityHistory) {
      warnings.push({
        code: 'VOLATILITY_HISTORY_SHORT',
        message: `volatility spike check skipped: ${input.volatilityHistory.length} readings, need ${config.minVolatilityHistory}`,
      })
    } else {
      const reference = percentile(input.volatilityHistory, config.highVolatilityPercentile)
      // The comparison itself is exact: both statistics enter as their shortest decimal form.
      if (new Decimal(input.volatility).gt(config.highVolatilityMultiple.mul(new Decimal(reference)))) {
        apply(
          'high_volatility',
          config.highVolatilityFactor,
          `volatility ${round(input.volatility)} > ${config.highVolatilityMultiple.toFixed()} × recent p${config.highVolatilityPercentile * 100} ${round(reference)}`,
        )
        warnings.push({
          code: 'HIGH_VOLATILITY',
          message: `volatility spike: size ×${config.highVolatilityFactor.toFixed()}`,
        })
      }
    }
  }

  if (fraction.gt(config.maxPositionFraction))
    setTo(
      'max_fraction',
      config.maxPositionFraction,
      `capped at max position fraction ${config.maxPositionFraction.toFixed()}`,
    )
  if (fraction.gt(ZERO) && fraction.lt(config.minPositionFraction))
    setTo(
      'min_fraction',
      config.minPositionFraction,
      `raised to min position fraction ${config.minPositionFraction.toFixed()}`,
    )
  const targetFraction = fraction

  let notional = fraction.mul(input.portfolio)
  if (input.maxNotional !== null && notional.gt(input.maxNotional)) {
    notional = input.maxNotional
    setTo('max_notional', notional.div(input.portfolio), `notional capped at ${input.maxNotional.toFixed()}`)
  }
  let quantity = notional.div(input.price)
  if (input.maxQuantity !== null && quantity.gt(input.maxQuantity)) {
    quantity = input.maxQuantity
    setTo(
      'max_quantity',
      quantity.mul(input.price).div(input.portfolio),
      `quantity capped at ${input.maxQuantity.toFixed()}`,
    )
  }
  if (input.baseIncrement === null) {
    warnings.push({
      code: 'QUANTITY_NOT_QUANTIZED',
      message: 'no baseIncrement given; quantity is not quantized',
    })
  } else {
    const q = quantize(quantity, input.baseIncrement, 'floor')
    if (!q.eq(quantity)) {
      quantity = q
      setTo(
        'quantize',
        q.mul(input.price).div(input.portfolio),
        `quantity rounded down to base increment ${input.baseIncrement.toFixed()}`,
      )
    }
  }
  const minSize = input.baseMinSize
  if (quantity.isZero() || (minSize !== null && quantity.lt(minSize))) {
    if (!fraction.isZero())
      setTo(
        'min_size',
        ZERO,
        `quantity ${quantity.toFixed()} is below the minimum size ${minSize?.toFixed() ?? '(> 0)'}`,
      )
    return { ...result('BELOW_MIN_SIZE', kelly), targetFraction }
  }
  notional = quantity.mul(input.price)
  return {
    ...result(undefined, kelly),
    quantity,
    notional,
    fraction: notional.div(input.portfolio),
    targetFraction,
  }
}

function round(n: number): string {
  return String(Math.round(n * 1e6) / 1e6)
}
