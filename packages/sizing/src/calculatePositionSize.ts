import { Decimal, type DecimalInput, ValidationError, type ValidationIssue } from '@gpt-trader/validation'
import type { SizingWarning, ZeroSizeReason } from './codes.js'
import { floorToIncrement } from './floorToIncrement.js'
import { type KellyFraction, kellyFraction } from './kellyFraction.js'
import type { MarketRegime } from './marketRegime.js'
import { numberToDecimal, type RatioInput, readDecimal, readRatio } from './ratio.js'
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

/** One step of {@link summarizePositionSize}: its name and reason. */
export interface SizingNote {
  step: SizingStep
  reason: string
}

/**
 * What {@link summarizePositionSize} returns: the sized quantity and notional, why it is zero, and
 * the steps taken with their reasons (no fractions or factors).
 */
export interface PositionSizeSummary {
  /** Same as `calculatePositionSize(...).quantity`. */
  quantity: Decimal
  /** Same as `calculatePositionSize(...).notional`. */
  notional: Decimal
  zeroReason: ZeroSizeReason | undefined
  /** The steps and reasons of `calculatePositionSize(...).adjustments`, in the same order. */
  adjustments: readonly SizingNote[]
  warnings: readonly SizingWarning[]
}

/**
 * {@link calculatePositionSize} for callers that only need the quantity, the notional and the
 * reasons (an order path's decision trace): the same sizing and the same validation, without the
 * 64-digit divisions that only produce the reported fractions and factors.
 *
 * @example
 * const { quantity, adjustments } = summarizePositionSize(request)
 * adjustments.map((a) => `${a.step}: ${a.reason}`)
 */
export function summarizePositionSize(
  request: PositionSizeRequest,
  config?: SizingConfig,
): PositionSizeSummary {
  return summaryWith(request, resolvedOrDefault(config))
}

/** The resolved form of `config` (cached per object), or of the defaults when it is omitted. */
function resolvedOrDefault(config: SizingConfig | undefined): ResolvedSizingConfig {
  if (config !== undefined) return resolvedFor(config)
  defaultSizer ??= resolveSizingConfig()
  return defaultSizer
}

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
  return sizeWith(request, resolvedOrDefault(config))
}

const configKeys = Object.keys({
  method: true,
  kellyFraction: true,
  maxPayoffRatio: true,
  maxPositionFraction: true,
  minPositionFraction: true,
  confidenceThreshold: true,
  maxConfidenceMultiplier: true,
  confidenceCurve: true,
  confidenceSteepness: true,
  regimeMultipliers: true,
  drawdownThreshold: true,
  drawdownSlope: true,
  drawdownMinFactor: true,
  highVolatilityMultiple: true,
  highVolatilityPercentile: true,
  highVolatilityFactor: true,
  minVolatilityHistory: true,
  volatilityWindow: true,
  periodsPerYear: true,
  targetVolatility: true,
} satisfies Record<keyof SizingConfig, true>) as (keyof SizingConfig)[]

/** Every field of a config, and the regime entries flattened, as last resolved. */
let lastConfig:
  | { config: SizingConfig; fields: unknown[]; regimes: unknown[]; resolved: ResolvedSizingConfig }
  | undefined

function regimeEntries(config: SizingConfig): unknown[] {
  const out: unknown[] = []
  const regimes = config.regimeMultipliers
  if (regimes !== undefined) for (const key of Object.keys(regimes)) out.push(key, regimes[key])
  return out
}

/**
 * Callers that pass the same config object on every call (live-trade's loop does) get it resolved
 * once. The config may be mutated between calls, so the cached resolution is reused only while every
 * field (and every regime entry) is still the same value.
 */
function resolvedFor(config: SizingConfig): ResolvedSizingConfig {
  const last = lastConfig
  if (last !== undefined && last.config === config) {
    let same = true
    for (let i = 0; i < configKeys.length; i++) {
      if (config[configKeys[i]!] !== last.fields[i]) {
        same = false
        break
      }
    }
    if (same) {
      const regimes = regimeEntries(config)
      const known = last.regimes
      if (regimes.length === known.length && regimes.every((v, i) => v === known[i])) return last.resolved
    }
  }
  const fields = configKeys.map((key) => config[key])
  const regimes = regimeEntries(config)
  const resolved = resolveSizingConfig(config)
  lastConfig = { config, fields, regimes, resolved }
  return resolved
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

function checkRange(
  value: Decimal | null,
  field: string,
  ok: (d: Decimal) => boolean,
  rule: string,
  issues: ValidationIssue[],
): Decimal | null {
  if (value !== null && !ok(value))
    issues.push({ path: [field], code: 'OUT_OF_RANGE', message: `must be ${rule}, got ${value.toFixed()}` })
  return value
}

const isPositive = (d: Decimal) => d.gt(ZERO)
const isNotNegative = (d: Decimal) => !d.isNegative()
const isOpenUnit = (d: Decimal) => d.gt(ZERO) && d.lt(ONE)
const isNegative = (d: Decimal) => d.lt(ZERO)
const isClosedUnit = (d: Decimal) => d.gte(ZERO) && d.lte(ONE)

/**
 * The check, remembering the instances that passed it: strategy statistics and product increments
 * arrive as the same Decimal instances on every call (ratio.ts caches conversions; Decimals are
 * immutable), so their range checks run once. Only for such repeated inputs: a fresh instance per call
 * would just fill the set.
 */
function remembered(check: (d: Decimal) => boolean): (d: Decimal) => boolean {
  const passed = new WeakSet<Decimal>()
  return (d) => {
    if (passed.has(d)) return true
    if (!check(d)) return false
    passed.add(d)
    return true
  }
}
const isPositiveStat = remembered(isPositive)
const isOpenUnitStat = remembered(isOpenUnit)
const isNegativeStat = remembered(isNegative)

function readOptional(
  value: DecimalInput | undefined,
  field: string,
  issues: ValidationIssue[],
): Decimal | null {
  return value === undefined
    ? null
    : checkRange(readDecimal(value, field, issues), field, isPositiveStat, 'greater than 0', issues)
}

function readInputs(request: PositionSizeRequest, config: ResolvedSizingConfig): Inputs {
  const issues: ValidationIssue[] = []
  if (typeof request.symbol !== 'string' || request.symbol === '')
    issues.push({ path: ['symbol'], code: 'INVALID_TYPE', message: 'must be a non-empty string' })
  if (typeof request.strategyName !== 'string')
    issues.push({ path: ['strategyName'], code: 'INVALID_TYPE', message: 'must be a string' })
  const price = checkRange(
    readDecimal(request.currentPrice, 'currentPrice', issues),
    'currentPrice',
    isPositive,
    'greater than 0',
    issues,
  )
  const portfolio = checkRange(
    readDecimal(request.portfolioValue, 'portfolioValue', issues),
    'portfolioValue',
    isNotNegative,
    'at least 0',
    issues,
  )
  const winRate = checkRange(
    readRatio(request.winRate, 'winRate', issues),
    'winRate',
    isOpenUnitStat,
    'in (0, 1)',
    issues,
  )
  const avgWin = checkRange(
    readRatio(request.avgWin, 'avgWin', issues),
    'avgWin',
    isPositiveStat,
    'greater than 0',
    issues,
  )
  const avgLoss = checkRange(
    readRatio(request.avgLoss, 'avgLoss', issues),
    'avgLoss',
    isNegativeStat,
    'less than 0',
    issues,
  )
  const confidence = checkRange(
    readRatio(request.confidence, 'confidence', issues),
    'confidence',
    isClosedUnit,
    'in [0, 1]',
    issues,
  )
  const drawdown =
    request.drawdown === undefined
      ? null
      : checkRange(
          readRatio(request.drawdown, 'drawdown', issues),
          'drawdown',
          isClosedUnit,
          'in [0, 1]',
          issues,
        )
  const regime = config.regimeMultipliers.get(request.marketRegime)
  if (regime === undefined)
    issues.push({
      path: ['marketRegime'],
      code: 'UNKNOWN_REGIME',
      message: `unknown regime ${JSON.stringify(request.marketRegime)} (known: ${[...config.regimeMultipliers.keys()].join(', ')})`,
    })
  const baseIncrement = readOptional(request.baseIncrement, 'baseIncrement', issues)
  const baseMinSize = readOptional(request.baseMinSize, 'baseMinSize', issues)
  const maxNotional = readOptional(request.maxNotional, 'maxNotional', issues)
  const maxQuantity = readOptional(request.maxQuantity, 'maxQuantity', issues)
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

/**
 * The running fraction and the steps taken so far (module-level rather than closures re-created on
 * every call). Reasons stay eager plain strings: an own lazy accessor per adjustment measured slower
 * than the `toFixed` calls it saves, and live-trade's decision trace reads every reason anyway.
 */
class Steps {
  fraction: Decimal = ONE
  readonly adjustments: SizingAdjustment[] = []
  /** Lean mode ({@link summarizePositionSize}): only each step's name and reason are kept. */
  readonly notes: SizingNote[] = []
  readonly lean: boolean

  constructor(lean: boolean) {
    this.lean = lean
  }

  apply(step: SizingStep, factor: Decimal, reason: string): void {
    const before = this.fraction
    const after = times(before, factor)
    this.fraction = after
    if (this.lean) this.notes.push({ step, reason })
    else this.adjustments.push(adjustment(step, factor, before, after, reason))
  }

  /**
   * Sets the fraction. In lean mode `value` may be a stand-in with the same sign and zero-ness (the
   * caps and the quantize step then skip their divisions): after these steps only `isZero()` of the
   * fraction is read, and no factor is reported.
   */
  setTo(step: SizingStep, value: Decimal, reason: string): void {
    const before = this.fraction
    this.fraction = value
    if (this.lean) {
      this.notes.push({ step, reason })
      return
    }
    const factor = before.isZero() ? ZERO : value.div(before)
    this.adjustments.push(adjustment(step, factor, before, value, reason))
  }
}

/**
 * `a.mul(b)`, returning the other operand itself when one is exactly 1 (the first step starts from 1,
 * the default regime multiplier is 1): decimal.js gives that value then, unrounded, as long as it has
 * at most 64 significant digits.
 */
function times(a: Decimal, b: Decimal): Decimal {
  if (a.eq(ONE) && b.sd() <= 64) return b
  if (b.eq(ONE) && a.sd() <= 64) return a
  return a.mul(b)
}

function adjustment(
  step: SizingStep,
  factor: Decimal,
  before: Decimal,
  after: Decimal,
  reason: string,
): SizingAdjustment {
  return { step, factor, before, after, reason }
}

/**
 * `d.toFixed()` for the Decimals that recur from call to call (config fields, the memoized Kelly and
 * expected-value results, cached strategy statistics and product increments): each is printed once.
 * Decimals are immutable, so the text of an instance never changes. Only for such repeated
 * instances: a fresh value per call would only add a map entry.
 */
const fixedTexts = new WeakMap<Decimal, string>()
function fixed(d: Decimal): string {
  let text = fixedTexts.get(d)
  if (text === undefined) {
    text = d.toFixed()
    fixedTexts.set(d, text)
  }
  return text
}

function warning(code: SizingWarning['code'], message: string): SizingWarning {
  return { code, message }
}

// One-entry memos of pure functions of immutable Decimals. With the input cache in ratio.ts, repeated
// strategy statistics arrive as the same instances, so consecutive orders skip the divisions.
let kellyMemo:
  | { p: Decimal; avgWin: Decimal; avgLoss: Decimal; cap: Decimal; result: KellyFraction }
  | undefined
let evMemo: { p: Decimal; avgWin: Decimal; avgLoss: Decimal; value: Decimal } | undefined

function memoKelly(p: Decimal, avgWin: Decimal, avgLoss: Decimal, cap: Decimal): KellyFraction {
  const m = kellyMemo
  if (m !== undefined && m.p === p && m.avgWin === avgWin && m.avgLoss === avgLoss && m.cap === cap)
    return m.result
  const result = kellyFraction(p, avgWin, avgLoss, cap)
  kellyMemo = { p, avgWin, avgLoss, cap, result }
  return result
}

function memoExpectedValue(p: Decimal, avgWin: Decimal, avgLoss: Decimal): Decimal {
  const m = evMemo
  if (m !== undefined && m.p === p && m.avgWin === avgWin && m.avgLoss === avgLoss) return m.value
  const value = p.mul(avgWin).plus(ONE.minus(p).mul(avgLoss))
  evMemo = { p, avgWin, avgLoss, value }
  return value
}

function sizeWith(request: PositionSizeRequest, config: ResolvedSizingConfig): PositionSizeResult {
  return size(request, config, new Steps(false)) as PositionSizeResult
}

function summaryWith(request: PositionSizeRequest, config: ResolvedSizingConfig): PositionSizeSummary {
  return size(request, config, new Steps(true)) as PositionSizeSummary
}

/** What one {@link size} call's every outcome shares (built once per call). */
interface SizingRun {
  request: PositionSizeRequest
  config: ResolvedSizingConfig
  input: Inputs
  steps: Steps
  warnings: SizingWarning[]
  expectedValue: Decimal
}

/** The result of {@link size}: a full result, or in lean mode a {@link PositionSizeSummary}. */
function finish(
  run: SizingRun,
  zeroReason: ZeroSizeReason | undefined,
  kelly: PositionSizeResult['kelly'],
  quantity: Decimal,
  notional: Decimal,
  fraction: Decimal,
  targetFraction: Decimal,
): PositionSizeResult | PositionSizeSummary {
  const { request, config, input, steps, warnings, expectedValue } = run
  if (steps.lean) return { quantity, notional, zeroReason, adjustments: steps.notes, warnings }
  // Property order matches the result this function has always returned.
  const out: PositionSizeResult = {
    symbol: request.symbol,
    strategyName: request.strategyName,
    method: config.method,
    quantity,
    notional,
    fraction,
    targetFraction,
    expectedValue,
  } as PositionSizeResult
  if (kelly !== undefined) out.kelly = kelly
  if (input.volatility !== undefined) out.volatility = input.volatility
  if (zeroReason !== undefined) out.zeroReason = zeroReason
  out.adjustments = steps.adjustments
  out.warnings = warnings
  return out
}

/** The sizing itself: a full result, or with lean `steps` a {@link PositionSizeSummary}. */
function size(
  request: PositionSizeRequest,
  config: ResolvedSizingConfig,
  steps: Steps,
): PositionSizeResult | PositionSizeSummary {
  const input = readInputs(request, config)
  const lean = steps.lean
  const warnings: SizingWarning[] = []
  const { winRate: p, avgWin, avgLoss } = input
  const expectedValue = memoExpectedValue(p, avgWin, avgLoss)
  const run: SizingRun = { request, config, input, steps, warnings, expectedValue }
  if (!expectedValue.gt(ZERO)) {
    steps.apply('expected_value', ZERO, `expected value ${fixed(expectedValue)} is not positive`)
    return finish(run, 'NEGATIVE_EXPECTED_VALUE', undefined, ZERO, ZERO, ZERO, steps.fraction)
  }
  const confidence = input.confidence
  if (confidence.lt(config.confidenceThreshold)) {
    steps.apply(
      'confidence_threshold',
      ZERO,
      `confidence ${confidence.toFixed()} is below the threshold ${fixed(config.confidenceThreshold)}`,
    )
    return finish(run, 'CONFIDENCE_BELOW_THRESHOLD', undefined, ZERO, ZERO, ZERO, steps.fraction)
  }
  if (input.portfolio.isZero()) {
    steps.apply('portfolio', ZERO, 'portfolio value is zero')
    return finish(run, 'NO_CAPITAL', undefined, ZERO, ZERO, ZERO, steps.fraction)
  }

  let kelly: PositionSizeResult['kelly']
  if (config.method === 'kelly') {
    const k = memoKelly(p, avgWin, avgLoss, config.maxPayoffRatio)
    if (k.payoffRatioCapped)
      warnings.push(
        warning(
          'PAYOFF_RATIO_CAPPED',
          `payoff ratio |avgWin / avgLoss| capped at ${fixed(config.maxPayoffRatio)}`,
        ),
      )
    const payoffRatio = k.payoffRatio
    steps.apply('kelly', k.fraction, `Kelly f = p − (1 − p) / b with p ${fixed(p)}, b ${fixed(payoffRatio)}`)
    if (k.fraction.isZero()) return finish(run, 'NO_EDGE', undefined, ZERO, ZERO, ZERO, steps.fraction)
    steps.apply('fractional_kelly', config.kellyFraction, `fractional Kelly ×${fixed(config.kellyFraction)}`)
    kelly = { payoffRatio, fullKelly: k.fraction, fractionalKelly: steps.fraction }
  } else {
    // Guarded in readInputs: the method needs a positive volatility.
    const vol = numberToDecimal(input.volatility!)
    steps.apply(
      'volatility_target',
      config.targetVolatility.div(vol),
      `target volatility ${config.targetVolatility.toFixed()} / asset volatility ${vol.toFixed()}`,
    )
  }

  const cm = config.confidenceMultiplier(confidence)
  const curve = config.confidenceCurve
  steps.apply('confidence', cm, `confidence ${confidence.toFixed()} (${curve} curve)`)
  // Read now: the caller may reuse and change the request object after this call.
  const regimeName = request.marketRegime
  steps.apply('regime', input.regime, `market regime ${regimeName}`)

  const drawdown = input.drawdown
  if (drawdown?.gt(config.drawdownThreshold)) {
    const raw = ONE.minus(drawdown.minus(config.drawdownThreshold).mul(config.drawdownSlope))
    const factor = Decimal.max(config.drawdownMinFactor, raw)
    steps.apply(
      'drawdown',
      factor,
      `drawdown ${drawdown.toFixed()} above ${config.drawdownThreshold.toFixed()}`,
    )
    warnings.push(
      warning('DRAWDOWN_SCALED', `drawdown ${drawdown.toFixed()} scaled the size by ${factor.toFixed()}`),
    )
  }

  const volatility = input.volatility
  const history = input.volatilityHistory
  if (volatility !== undefined && history !== undefined) {
    if (history.length < config.minVolatilityHistory) {
      const readings = history.length
      warnings.push(
        warning(
          'VOLATILITY_HISTORY_SHORT',
          `volatility spike check skipped: ${readings} readings, need ${config.minVolatilityHistory}`,
        ),
      )
    } else {
      const reference = percentile(history, config.highVolatilityPercentile)
      // The comparison itself is exact: both statistics enter as their shortest decimal form.
      if (numberToDecimal(volatility).gt(config.highVolatilityMultiple.mul(new Decimal(reference)))) {
        steps.apply(
          'high_volatility',
          config.highVolatilityFactor,
          `volatility ${round(volatility)} > ${config.highVolatilityMultiple.toFixed()} × recent p${config.highVolatilityPercentile * 100} ${round(reference)}`,
        )
        warnings.push(
          warning('HIGH_VOLATILITY', `volatility spike: size ×${config.highVolatilityFactor.toFixed()}`),
        )
      }
    }
  }

  if (steps.fraction.gt(config.maxPositionFraction))
    steps.setTo(
      'max_fraction',
      config.maxPositionFraction,
      `capped at max position fraction ${fixed(config.maxPositionFraction)}`,
    )
  if (steps.fraction.gt(ZERO) && steps.fraction.lt(config.minPositionFraction))
    steps.setTo(
      'min_fraction',
      config.minPositionFraction,
      `raised to min position fraction ${fixed(config.minPositionFraction)}`,
    )
  const targetFraction = steps.fraction

  const { portfolio, price, maxNotional, maxQuantity, baseIncrement } = input
  let notional = targetFraction.mul(portfolio)
  if (maxNotional !== null && notional.gt(maxNotional)) {
    notional = maxNotional
    steps.setTo(
      'max_notional',
      lean ? maxNotional : notional.div(portfolio),
      `notional capped at ${fixed(maxNotional)}`,
    )
  }
  // The quantize step's notional and fraction are the result's too (same operands): kept to reuse.
  let quantizedNotional: Decimal | undefined
  let quantizedFraction: Decimal | undefined
  let quantity = notional.div(price)
  if (maxQuantity !== null && quantity.gt(maxQuantity)) {
    quantity = maxQuantity
    steps.setTo(
      'max_quantity',
      lean ? maxQuantity : quantity.mul(price).div(portfolio),
      `quantity capped at ${fixed(maxQuantity)}`,
    )
  }
  if (baseIncrement === null) {
    warnings.push({
      code: 'QUANTITY_NOT_QUANTIZED',
      message: 'no baseIncrement given; quantity is not quantized',
    })
  } else {
    const q = floorToIncrement(quantity, baseIncrement)
    if (!q.eq(quantity)) {
      quantity = q
      quantizedNotional = q.mul(price)
      // Lean: q stands in for q × price / portfolio (price and portfolio are positive here).
      quantizedFraction = lean ? q : quantizedNotional.div(portfolio)
      steps.setTo(
        'quantize',
        quantizedFraction,
        `quantity rounded down to base increment ${fixed(baseIncrement)}`,
      )
    }
  }
  const minSize = input.baseMinSize
  if (quantity.isZero() || (minSize !== null && quantity.lt(minSize))) {
    if (!steps.fraction.isZero()) {
      const below = quantity
      steps.setTo(
        'min_size',
        ZERO,
        `quantity ${below.toFixed()} is below the minimum size ${minSize?.toFixed() ?? '(> 0)'}`,
      )
    }
    return finish(run, 'BELOW_MIN_SIZE', kelly, ZERO, ZERO, ZERO, targetFraction)
  }
  if (quantizedNotional !== undefined && quantizedFraction !== undefined)
    return finish(run, undefined, kelly, quantity, quantizedNotional, quantizedFraction, targetFraction)
  notional = quantity.mul(price)
  return finish(
    run,
    undefined,
    kelly,
    quantity,
    notional,
    lean ? ZERO : notional.div(portfolio),
    targetFraction,
  )
}

function round(n: number): string {
  return String(Math.round(n * 1e6) / 1e6)
}
