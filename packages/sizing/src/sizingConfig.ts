import { Decimal, ValidationError, type ValidationIssue } from '@gpt-trader/validation'
import { confidenceCurveFn } from './confidenceMultiplier.js'
import { defaultRegimeMultipliers } from './marketRegime.js'
import { type RatioInput, readRatio } from './ratio.js'

/** Shape of the confidence multiplier between the threshold (×1) and full confidence (×max). */
export type ConfidenceCurve = 'linear' | 'exponential' | 'sigmoid'

/** How the base fraction is found before the modifiers run. */
export type SizingMethod = 'kelly' | 'volatility_target'

/** Tunables of the sizer. Every field is optional; {@link defaultSizingConfig} lists the defaults. */
export interface SizingConfig {
  /** Base method. Default `'kelly'`. */
  method?: SizingMethod | undefined
  /** Multiplier on the full Kelly fraction. Default 0.25 (quarter Kelly). */
  kellyFraction?: RatioInput | undefined
  /** Cap on the payoff ratio b = |avgWin / avgLoss|. Default 100. */
  maxPayoffRatio?: RatioInput | undefined
  /** Largest fraction of the portfolio one position may take. Default 0.10. */
  maxPositionFraction?: RatioInput | undefined
  /** Smallest non-zero fraction; a positive size below it is raised to it. Default 0.01. */
  minPositionFraction?: RatioInput | undefined
  /** Below this confidence the size is zero. Default 0.6. */
  confidenceThreshold?: RatioInput | undefined
  /** Multiplier at confidence 1. Default 2. */
  maxConfidenceMultiplier?: RatioInput | undefined
  /** Default `'linear'`. */
  confidenceCurve?: ConfidenceCurve | undefined
  /** Steepness k of the exponential / sigmoid curves. Defaults 3 (exponential) and 10 (sigmoid). */
  confidenceSteepness?: RatioInput | undefined
  /** Multiplier per regime. Replaces the defaults entirely when given. */
  regimeMultipliers?: Readonly<Record<string, RatioInput>> | undefined
  /** Drawdown above which the size scales down. Default 0.10. */
  drawdownThreshold?: RatioInput | undefined
  /** Factor = max(drawdownMinFactor, 1 − (dd − threshold) × slope). Default slope 2. */
  drawdownSlope?: RatioInput | undefined
  /** Default 0.1. */
  drawdownMinFactor?: RatioInput | undefined
  /** Spike when current volatility > this multiple of its recent percentile. Default 1.5. */
  highVolatilityMultiple?: RatioInput | undefined
  /** Percentile (0..1) of the volatility history compared against. Default 0.75. */
  highVolatilityPercentile?: RatioInput | undefined
  /** Multiplier applied on a spike. Default 0.5. */
  highVolatilityFactor?: RatioInput | undefined
  /** Fewest history readings needed for the spike check. Default 5. */
  minVolatilityHistory?: number | undefined
  /** Returns per window when volatility is derived from `recentPrices`. Default 20. */
  volatilityWindow?: number | undefined
  /** Periods per year used to annualise volatility from `recentPrices`. Default 365 (daily, 24/7). */
  periodsPerYear?: number | undefined
  /** Target annualised position volatility for the volatility-target method. Default 0.15. */
  targetVolatility?: RatioInput | undefined
}

/** The defaults of the original Python sizer, as decimal strings. */
export const defaultSizingConfig = Object.freeze({
  method: 'kelly',
  kellyFraction: '0.25',
  maxPayoffRatio: '100',
  maxPositionFraction: '0.10',
  minPositionFraction: '0.01',
  confidenceThreshold: '0.6',
  maxConfidenceMultiplier: '2',
  confidenceCurve: 'linear',
  regimeMultipliers: defaultRegimeMultipliers,
  drawdownThreshold: '0.10',
  drawdownSlope: '2',
  drawdownMinFactor: '0.1',
  highVolatilityMultiple: '1.5',
  highVolatilityPercentile: '0.75',
  highVolatilityFactor: '0.5',
  minVolatilityHistory: 5,
  volatilityWindow: 20,
  periodsPerYear: 365,
  targetVolatility: '0.15',
} as const satisfies SizingConfig)

/** @internal A config with every value resolved to a Decimal. */
export interface ResolvedSizingConfig {
  method: SizingMethod
  kellyFraction: Decimal
  maxPayoffRatio: Decimal
  maxPositionFraction: Decimal
  minPositionFraction: Decimal
  confidenceThreshold: Decimal
  maxConfidenceMultiplier: Decimal
  confidenceCurve: ConfidenceCurve
  confidenceSteepness: Decimal
  confidenceMultiplier: (confidence: Decimal) => Decimal
  regimeMultipliers: ReadonlyMap<string, Decimal>
  drawdownThreshold: Decimal
  drawdownSlope: Decimal
  drawdownMinFactor: Decimal
  highVolatilityMultiple: Decimal
  highVolatilityPercentile: number
  highVolatilityFactor: Decimal
  minVolatilityHistory: number
  volatilityWindow: number
  periodsPerYear: number
  targetVolatility: Decimal
}

const ZERO = new Decimal(0)
const ONE = new Decimal(1)

/**
 * Resolves and checks a config, throwing one `ValidationError` (subject `sizing config`) listing every
 * bad field.
 * @internal
 */
export function resolveSizingConfig(config: SizingConfig = {}): ResolvedSizingConfig {
  const issues: ValidationIssue[] = []
  const ratio = <K extends keyof typeof defaultSizingConfig>(
    key: K,
    check: (d: Decimal) => boolean,
    rule: string,
    fallback?: RatioInput,
  ): Decimal => {
    const given = config[key as keyof SizingConfig]
    const value = readRatio(given ?? fallback ?? defaultSizingConfig[key], key, issues)
    if (value === null) return ONE
    if (!check(value))
      issues.push({ path: [key], code: 'OUT_OF_RANGE', message: `must be ${rule}, got ${value.toFixed()}` })
    return value
  }
  const integer = (
    key: 'minVolatilityHistory' | 'volatilityWindow' | 'periodsPerYear',
    min: number,
  ): number => {
    const value = config[key] ?? defaultSizingConfig[key]
    if (!Number.isInteger(value) || value < min)
      issues.push({ path: [key], code: 'OUT_OF_RANGE', message: `must be an integer ≥ ${min}, got ${value}` })
    return value
  }
  const method = config.method ?? defaultSizingConfig.method
  if (method !== 'kelly' && method !== 'volatility_target')
    issues.push({ path: ['method'], code: 'OUT_OF_RANGE', message: `must be 'kelly' or 'volatility_target'` })
  const curve = config.confidenceCurve ?? defaultSizingConfig.confidenceCurve
  if (curve !== 'linear' && curve !== 'exponential' && curve !== 'sigmoid')
    issues.push({
      path: ['confidenceCurve'],
      code: 'OUT_OF_RANGE',
      message: `must be 'linear', 'exponential' or 'sigmoid'`,
    })
  const positive = (d: Decimal) => d.gt(ZERO)
  const unit = (d: Decimal) => d.gt(ZERO) && d.lte(ONE)
  const maxPositionFraction = ratio('maxPositionFraction', unit, 'in (0, 1]')
  const minPositionFraction = ratio(
    'minPositionFraction',
    (d) => d.gte(ZERO) && d.lte(maxPositionFraction),
    'in [0, maxPositionFraction]',
  )
  const percentile = ratio('highVolatilityPercentile', (d) => d.gte(ZERO) && d.lte(ONE), 'in [0, 1]')
  const regimes = new Map<string, Decimal>()
  for (const [name, multiplier] of Object.entries(
    config.regimeMultipliers ?? defaultSizingConfig.regimeMultipliers,
  )) {
    const value = readRatio(multiplier, `regimeMultipliers.${name}`, issues)
    if (value === null) continue
    if (value.lt(ZERO))
      issues.push({ path: ['regimeMultipliers', name], code: 'OUT_OF_RANGE', message: 'must be ≥ 0' })
    regimes.set(name, value)
  }
  const resolved: Omit<ResolvedSizingConfig, 'confidenceMultiplier'> = {
    method,
    kellyFraction: ratio('kellyFraction', unit, 'in (0, 1]'),
    maxPayoffRatio: ratio('maxPayoffRatio', positive, 'greater than 0'),
    maxPositionFraction,
    minPositionFraction,
    confidenceThreshold: ratio('confidenceThreshold', (d) => d.gte(ZERO) && d.lt(ONE), 'in [0, 1)'),
    maxConfidenceMultiplier: ratio('maxConfidenceMultiplier', (d) => d.gte(ONE), 'at least 1'),
    confidenceCurve: curve,
    confidenceSteepness: readSteepness(config.confidenceSteepness, curve, issues),
    regimeMultipliers: regimes,
    drawdownThreshold: ratio('drawdownThreshold', (d) => d.gte(ZERO) && d.lt(ONE), 'in [0, 1)'),
    drawdownSlope: ratio('drawdownSlope', (d) => d.gte(ZERO), 'at least 0'),
    drawdownMinFactor: ratio('drawdownMinFactor', unit, 'in (0, 1]'),
    highVolatilityMultiple: ratio('highVolatilityMultiple', positive, 'greater than 0'),
    highVolatilityPercentile: percentile.toNumber(),
    highVolatilityFactor: ratio('highVolatilityFactor', (d) => d.gte(ZERO) && d.lte(ONE), 'in [0, 1]'),
    minVolatilityHistory: integer('minVolatilityHistory', 1),
    volatilityWindow: integer('volatilityWindow', 2),
    periodsPerYear: integer('periodsPerYear', 1),
    targetVolatility: ratio('targetVolatility', positive, 'greater than 0'),
  }
  if (issues.length > 0) throw new ValidationError(issues, { subject: 'sizing config' })
  return {
    ...resolved,
    confidenceMultiplier: confidenceCurveFn({
      threshold: resolved.confidenceThreshold,
      max: resolved.maxConfidenceMultiplier,
      curve: resolved.confidenceCurve,
      steepness: resolved.confidenceSteepness,
    }),
  }
}

function readSteepness(
  given: RatioInput | undefined,
  curve: ConfidenceCurve,
  issues: ValidationIssue[],
): Decimal {
  const value = readRatio(given ?? (curve === 'sigmoid' ? 10 : 3), 'confidenceSteepness', issues)
  if (value === null) return ONE
  if (!value.gt(ZERO))
    issues.push({ path: ['confidenceSteepness'], code: 'OUT_OF_RANGE', message: 'must be greater than 0' })
  return value
}
