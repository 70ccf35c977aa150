// The sizer as it was before the speed work (issue #8), kept verbatim as the reference the property
// test compares against: the faster sizer must return the same result, field for field and in the
// same key order, including every reason and warning message.
import {
  Decimal,
  type DecimalInput,
  isValidationError,
  quantize,
  toDecimal,
  ValidationError,
  type ValidationIssue,
} from '@gpt-trader/validation'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  calculatePositionSize,
  createPositionSizer,
  type PositionSizeRequest,
  type PositionSizeResult,
  type SizingAdjustment,
  type SizingStep,
  summarizePositionSize,
} from './calculatePositionSize.js'
import type { SizingWarning, ZeroSizeReason } from './codes.js'
import { kellyFraction } from './kellyFraction.js'
import { type ResolvedSizingConfig, resolveSizingConfig, type SizingConfig } from './sizingConfig.js'
import { percentile, rollingVolatility } from './volatility.js'

const ZERO = new Decimal(0)
const ONE = new Decimal(1)

function readRatio(value: unknown, field: string, issues: ValidationIssue[]): Decimal | null {
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return new Decimal(value)
    issues.push({
      path: field.split('.'),
      code: 'INVALID_DECIMAL',
      message: `must be a finite number, got ${value}`,
    })
    return null
  }
  return readDecimal(value, field, issues)
}

function readDecimal(value: unknown, field: string, issues: ValidationIssue[]): Decimal | null {
  try {
    return toDecimal(value, field)
  } catch (error) {
    if (isValidationError(error)) {
      issues.push(...error.issues)
      return null
    }
    throw error
  }
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

export function legacySizeWith(
  request: PositionSizeRequest,
  config: ResolvedSizingConfig,
): PositionSizeResult {
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

// ---- The comparison. ----

function legacy(request: PositionSizeRequest, config: SizingConfig): string {
  return outcome(() => legacySizeWith(request, resolveSizingConfig(config)))
}

/** The whole result as JSON (Decimals print exactly; key order included), or the error. */
function outcome(run: () => PositionSizeResult): string {
  try {
    return JSON.stringify(run())
  } catch (error) {
    if (isValidationError(error)) return `throws ${error.message}`
    throw error
  }
}

const configs: SizingConfig[] = [
  {},
  { confidenceCurve: 'sigmoid' },
  { confidenceCurve: 'exponential', maxConfidenceMultiplier: '3' },
  { method: 'volatility_target' },
  { kellyFraction: '1', maxPositionFraction: '1', minPositionFraction: '0', confidenceThreshold: '0' },
  { maxPayoffRatio: 1.5, drawdownThreshold: 0.05, minVolatilityHistory: 3, highVolatilityFactor: 0 },
  { regimeMultipliers: { calm: '1.2', storm: 0 } },
]

const decimalText = (max: number, scale: number) =>
  fc.integer({ min: 1, max }).chain((n) => fc.constant(new Decimal(n).div(10 ** scale).toFixed()))
const ratio = (min: number, max: number) =>
  fc.oneof(
    fc.constantFrom(min + (max - min) / 4, (min + max) / 2, max - (max - min) / 8),
    fc.double({ min, max, noNaN: true }).filter((x) => x > min && x < max),
  )

const known = (config: SizingConfig) => Object.keys(config.regimeMultipliers ?? { bull_quiet: 1, crisis: 1 })

const requestFor = (regimes: string[]) =>
  fc.record(
    {
      symbol: fc.constant('BTC-USD'),
      strategyName: fc.constant('ma'),
      currentPrice: fc.oneof(decimalText(10_000_000, 2), fc.constantFrom('50000', '0.1', '3')),
      portfolioValue: fc.oneof(
        { weight: 9, arbitrary: decimalText(100_000_000, 2) },
        { weight: 1, arbitrary: fc.constantFrom('10000', '0') },
      ),
      winRate: ratio(0.45, 0.95),
      avgWin: ratio(0.005, 0.5),
      avgLoss: ratio(-0.1, -0.001),
      confidence: fc.oneof(fc.constantFrom(0.75, 0.6, 1, 0), fc.double({ min: 0.55, max: 1, noNaN: true })),
      marketRegime: fc.oneof(
        { weight: 19, arbitrary: fc.constantFrom(...regimes) },
        { weight: 1, arbitrary: fc.constant('unknown') },
      ),
      drawdown: fc.option(fc.constantFrom('0.12', '0.5', '0.01', 0.3), { nil: undefined }),
      volatility: fc.option(fc.constantFrom(0.6, 0.91, 0.2, 0), { nil: undefined }),
      volatilityHistory: fc.option(fc.array(fc.double({ min: 0, max: 2, noNaN: true }), { maxLength: 8 }), {
        nil: undefined,
      }),
      baseIncrement: fc.option(fc.constantFrom('0.00000001', '0.1', '1', '0.0025', '5', '0.001'), {
        nil: undefined,
        freq: 8,
      }),
      baseMinSize: fc.option(fc.constantFrom('0.00001', '0.1', '2'), { nil: undefined }),
      maxNotional: fc.option(fc.constantFrom('500', '1', '100000'), { nil: undefined }),
      maxQuantity: fc.option(fc.constantFrom('0.01', '3', '1000'), { nil: undefined }),
    },
    {
      requiredKeys: [
        'symbol',
        'strategyName',
        'currentPrice',
        'portfolioValue',
        'winRate',
        'avgWin',
        'avgLoss',
        'confidence',
        'marketRegime',
      ],
    },
  ) as fc.Arbitrary<PositionSizeRequest>

const configAndRequest = fc
  .constantFrom(...configs)
  .chain((config) => fc.tuple(fc.constant(config), requestFor(known(config))))
const request = requestFor(known({}))

describe('calculatePositionSize matches the pre-optimisation sizer', () => {
  it('for every request and config, twice in a row (memo and cache hits included)', () => {
    fc.assert(
      fc.property(configAndRequest, ([config, req]) => {
        const expected = legacy(req, config)
        expect(outcome(() => calculatePositionSize(req, config))).toBe(expected)
        expect(outcome(() => calculatePositionSize(req, config))).toBe(expected)
        expect(outcome(() => createPositionSizer(config)(req))).toBe(expected)
        if (Object.keys(config).length === 0) expect(outcome(() => calculatePositionSize(req))).toBe(expected)
      }),
      { numRuns: 400 },
    )
  })

  it('with Decimal inputs and recent prices', () => {
    fc.assert(
      fc.property(
        request,
        fc.array(fc.integer({ min: 1, max: 100_000 }), { minLength: 22, maxLength: 40 }),
        (req, prices) => {
          const { volatility: _v, volatilityHistory: _h, ...rest } = req
          const withDecimals: PositionSizeRequest = {
            ...rest,
            currentPrice: new Decimal(req.currentPrice),
            portfolioValue: new Decimal(req.portfolioValue),
            recentPrices: prices.map((p) => p / 100),
          }
          expect(outcome(() => calculatePositionSize(withDecimals))).toBe(legacy(withDecimals, {}))
        },
      ),
      { numRuns: 60 },
    )
  })

  it('re-resolves a config object changed between calls', () => {
    const config: { -readonly [K in keyof SizingConfig]: SizingConfig[K] } = { maxPositionFraction: '0.5' }
    const req: PositionSizeRequest = {
      symbol: 'BTC-USD',
      currentPrice: '50000',
      portfolioValue: '10000',
      strategyName: 'ma',
      winRate: 0.65,
      avgWin: 0.08,
      avgLoss: -0.04,
      confidence: 1,
      marketRegime: 'bull_quiet',
      baseIncrement: '0.00000001',
    }
    const first = calculatePositionSize(req, config)
    expect(first.quantity.toString()).toBe('0.07125')
    config.maxPositionFraction = '0.05'
    const second = calculatePositionSize(req, config)
    expect(second.quantity.toString()).toBe('0.01')
    expect(JSON.stringify(second)).toBe(legacy(req, config))
    const regimes: Record<string, string> = { bull_quiet: '1' }
    config.regimeMultipliers = regimes
    expect(calculatePositionSize(req, config).quantity.toString()).toBe('0.01')
    regimes.bull_quiet = '0.1'
    const third = calculatePositionSize(req, config)
    expect(third.quantity.toString()).toBe('0.00475')
    expect(JSON.stringify(third)).toBe(legacy(req, config))
  })
})

/** The parts of a full result that `summarizePositionSize` reports, or the error message. */
function summaryOf(run: () => PositionSizeResult): string {
  try {
    const r = run()
    return JSON.stringify({
      quantity: r.quantity,
      notional: r.notional,
      zeroReason: r.zeroReason,
      adjustments: r.adjustments.map((a) => ({ step: a.step, reason: a.reason })),
      warnings: r.warnings,
    })
  } catch (error) {
    if (isValidationError(error)) return `throws ${error.message}`
    throw error
  }
}

describe('summarizePositionSize matches calculatePositionSize', () => {
  it('same quantity, notional, zero reason, steps, reasons, warnings and errors', () => {
    let sized = 0
    fc.assert(
      fc.property(configAndRequest, ([config, req]) => {
        const expected = summaryOf(() => calculatePositionSize(req, config))
        // summaryOf reads only the fields a summary has too.
        const lean = () => summarizePositionSize(req, config) as unknown as PositionSizeResult
        expect(summaryOf(lean)).toBe(expected)
        // Twice: memo and cache hits included; and with the default config object.
        expect(summaryOf(lean)).toBe(expected)
        if (Object.keys(config).length === 0)
          expect(summaryOf(() => summarizePositionSize(req) as unknown as PositionSizeResult)).toBe(expected)
        if (!expected.startsWith('throws') && !expected.includes('"zeroReason"')) sized++
      }),
      { numRuns: 400 },
    )
    // Enough runs must size something, or the caps and the quantize step were never compared. About
    // 27% of generated requests size (108 of 400 over 15 seeds, standard deviation about 11); 40 is
    // six deviations below that, so the check can't fail by chance yet still catches a generator
    // that stopped producing sizable requests. (It was 100, which failed about one run in six.)
    expect(sized).toBeGreaterThanOrEqual(40)
  })
})
