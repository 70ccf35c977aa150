import { Decimal, isValidationError, type ValidationError } from '@gpt-trader/validation'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  calculatePositionSize,
  createPositionSizer,
  type PositionSizeRequest,
} from './calculatePositionSize.js'

const seed: PositionSizeRequest = {
  symbol: 'BTC-USD',
  currentPrice: '50000',
  portfolioValue: '10000',
  strategyName: 'momentum',
  winRate: 0.65,
  avgWin: 0.08,
  avgLoss: -0.04,
  confidence: 0.75,
  marketRegime: 'bull_quiet',
  baseIncrement: '0.00000001',
}

function thrown(fn: () => unknown): ValidationError {
  try {
    fn()
  } catch (error) {
    if (isValidationError(error)) return error
    throw error
  }
  throw new Error('expected a ValidationError')
}

describe('calculatePositionSize: the seed example', () => {
  it('gives b = 2, Kelly 0.475, quarter-Kelly 0.11875, capped to 0.10', () => {
    const r = calculatePositionSize(seed)
    expect(r.kelly?.payoffRatio.toString()).toBe('2')
    expect(r.kelly?.fullKelly.toString()).toBe('0.475')
    expect(r.kelly?.fractionalKelly.toString()).toBe('0.11875')
    expect(r.expectedValue.toString()).toBe('0.038')
    expect(r.targetFraction.toString()).toBe('0.1')
    expect(r.fraction.toString()).toBe('0.1')
    expect(r.quantity.toString()).toBe('0.02')
    expect(r.notional.toString()).toBe('1000')
    expect(r.zeroReason).toBeUndefined()
    expect(r.adjustments.map((a) => [a.step, a.before.toString(), a.after.toString()])).toEqual([
      ['kelly', '1', '0.475'],
      ['fractional_kelly', '0.475', '0.11875'],
      ['confidence', '0.11875', '0.16328125'],
      ['regime', '0.16328125', '0.244921875'],
      ['max_fraction', '0.244921875', '0.1'],
    ])
    expect(r.adjustments.map((a) => a.reason)).toMatchInlineSnapshot(`
      [
        "Kelly f = p − (1 − p) / b with p 0.65, b 2",
        "fractional Kelly ×0.25",
        "confidence 0.75 (linear curve)",
        "market regime bull_quiet",
        "capped at max position fraction 0.1",
      ]
    `)
    expect(r.warnings).toEqual([])
  })

  it('gives the same exact numbers from decimal strings and Decimals', () => {
    const r = calculatePositionSize({
      ...seed,
      winRate: '0.65',
      avgWin: new Decimal('0.08'),
      avgLoss: '-0.04',
      confidence: '0.75',
    })
    expect(r.kelly?.fullKelly.toString()).toBe('0.475')
    expect(r.quantity.toString()).toBe('0.02')
  })

  it('each adjustment is before × factor = after', () => {
    const r = calculatePositionSize({
      ...seed,
      drawdown: '0.2',
      confidence: 0.9,
      marketRegime: 'bear_volatile',
    })
    for (const a of r.adjustments) {
      if (a.step === 'max_fraction' || a.step === 'quantize') continue
      expect(a.before.mul(a.factor).eq(a.after)).toBe(true)
    }
  })
})

describe('calculatePositionSize: zero sizes never throw', () => {
  it('negative expected value → 0 with that reason', () => {
    const r = calculatePositionSize({ ...seed, winRate: 0.2, avgWin: 0.01, avgLoss: -0.05 })
    expect(r.quantity.isZero()).toBe(true)
    expect(r.zeroReason).toBe('NEGATIVE_EXPECTED_VALUE')
    expect(r.expectedValue.toString()).toBe('-0.038')
    expect(r.adjustments.map((a) => a.reason)).toMatchInlineSnapshot(`
      [
        "expected value -0.038 is not positive",
      ]
    `)
  })

  it('zero expected value is not an edge', () => {
    const r = calculatePositionSize({ ...seed, winRate: 0.5, avgWin: 0.04, avgLoss: -0.04 })
    expect(r.zeroReason).toBe('NEGATIVE_EXPECTED_VALUE')
  })

  it('confidence below 0.6 → 0', () => {
    const r = calculatePositionSize({ ...seed, confidence: 0.59 })
    expect(r.zeroReason).toBe('CONFIDENCE_BELOW_THRESHOLD')
    expect(r.fraction.isZero()).toBe(true)
  })

  it('empty portfolio → 0', () => {
    expect(calculatePositionSize({ ...seed, portfolioValue: '0' }).zeroReason).toBe('NO_CAPITAL')
  })

  it('a capped payoff ratio can leave no edge although EV is positive', () => {
    const r = calculatePositionSize({ ...seed, winRate: 0.005, avgWin: 1000, avgLoss: -1 })
    expect(r.expectedValue.gt(0)).toBe(true)
    expect(r.kelly).toBeUndefined()
    expect(r.zeroReason).toBe('NO_EDGE')
    expect(r.warnings.map((w) => w.code)).toEqual(['PAYOFF_RATIO_CAPPED'])
  })

  it('quantity below the minimum size → 0', () => {
    const r = calculatePositionSize({ ...seed, portfolioValue: '100', baseMinSize: '0.001' })
    expect(r.zeroReason).toBe('BELOW_MIN_SIZE')
    expect(r.quantity.toString()).toBe('0')
    expect(r.targetFraction.toString()).toBe('0.1')
    expect(r.adjustments.at(-1)?.step).toBe('min_size')
  })
})

describe('calculatePositionSize: modifiers', () => {
  it('linear confidence multiplier: 1 at 0.6, 2 at 1.0', () => {
    const at = (confidence: number) =>
      calculatePositionSize({ ...seed, confidence, marketRegime: 'crisis' }).adjustments.find(
        (a) => a.step === 'confidence',
      )
    expect(at(0.6)?.factor.toString()).toBe('1')
    expect(at(0.8)?.factor.toString()).toBe('1.5')
    expect(at(1)?.factor.toString()).toBe('2')
  })

  it('regime multipliers, and unknown regimes are an error', () => {
    const factor = (marketRegime: string) =>
      calculatePositionSize({ ...seed, marketRegime })
        .adjustments.find((a) => a.step === 'regime')
        ?.factor.toString()
    expect(factor('crisis')).toBe('0.2')
    expect(factor('sideways_volatile')).toBe('0.7')
    expect(
      thrown(() => calculatePositionSize({ ...seed, marketRegime: 'moon' })).message,
    ).toMatchInlineSnapshot(`
      "position size request: 1 validation issue

      - marketRegime: unknown regime "moon" (known: bull_quiet, bull_volatile, bear_quiet, bear_volatile, sideways_quiet, sideways_volatile, crisis) (UNKNOWN_REGIME)"
    `)
    const custom = calculatePositionSize(
      { ...seed, marketRegime: 'moon' },
      { regimeMultipliers: { moon: '0.3' } },
    )
    expect(custom.adjustments.find((a) => a.step === 'regime')?.factor.toString()).toBe('0.3')
  })

  it('drawdown above 10 % scales by max(0.1, 1 − (dd − 0.10) × 2)', () => {
    const factor = (drawdown: string) =>
      calculatePositionSize({ ...seed, confidence: 0.6, marketRegime: 'crisis', drawdown }).adjustments.find(
        (a) => a.step === 'drawdown',
      )?.factor
    expect(factor('0.1')).toBeUndefined()
    expect(factor('0.2')?.toString()).toBe('0.8')
    expect(factor('0.5')?.toString()).toBe('0.2')
    expect(factor('0.9')?.toString()).toBe('0.1')
    const r = calculatePositionSize({ ...seed, drawdown: '0.2' })
    expect(r.warnings.map((w) => w.code)).toEqual(['DRAWDOWN_SCALED'])
  })

  it('high volatility (> 1.5 × recent p75) halves the size', () => {
    const base = {
      ...seed,
      confidence: 0.6,
      marketRegime: 'crisis',
      volatilityHistory: [0.4, 0.5, 0.5, 0.6, 0.6],
    }
    // p75 of the history is 0.6, so the spike line is 0.9.
    const calm = calculatePositionSize({ ...base, volatility: 0.9 })
    const spike = calculatePositionSize({ ...base, volatility: 0.91 })
    expect(calm.adjustments.some((a) => a.step === 'high_volatility')).toBe(false)
    const step = spike.adjustments.find((a) => a.step === 'high_volatility')
    expect(step?.factor.toString()).toBe('0.5')
    expect(step?.reason).toMatchInlineSnapshot(`"volatility 0.91 > 1.5 × recent p75 0.6"`)
    expect(spike.targetFraction.mul(2).eq(calm.targetFraction)).toBe(true)
    expect(spike.warnings.map((w) => w.code)).toEqual(['HIGH_VOLATILITY'])
    const short = calculatePositionSize({ ...base, volatility: 5, volatilityHistory: [0.1] })
    expect(short.warnings.map((w) => w.code)).toEqual(['VOLATILITY_HISTORY_SHORT'])
  })

  it('derives volatility and its history from recent prices', () => {
    const calm = Array.from({ length: 60 }, (_, i) => String(100 + (i % 2)))
    const wild = [...calm, '80', '120', '70', '130', '60']
    const r = calculatePositionSize({ ...seed, confidence: 0.6, marketRegime: 'crisis', recentPrices: wild })
    expect(r.volatility).toBeGreaterThan(1)
    expect(r.adjustments.some((a) => a.step === 'high_volatility')).toBe(true)
    const q = calculatePositionSize({ ...seed, confidence: 0.6, marketRegime: 'crisis', recentPrices: calm })
    expect(q.adjustments.some((a) => a.step === 'high_volatility')).toBe(false)
  })

  it('volatility-target method sizes so that fraction × volatility ≈ target', () => {
    const r = calculatePositionSize(
      { ...seed, confidence: 0.6, marketRegime: 'sideways_quiet', volatility: 0.6 },
      { method: 'volatility_target', targetVolatility: '0.03' },
    )
    expect(r.method).toBe('volatility_target')
    expect(r.kelly).toBeUndefined()
    expect(r.adjustments[0]).toMatchObject({ step: 'volatility_target' })
    expect(r.targetFraction.toString()).toBe('0.05')
    expect(r.targetFraction.mul('0.6').toString()).toBe('0.03')
    expect(
      thrown(() => calculatePositionSize(seed, { method: 'volatility_target' })).issues.map((i) => i.code),
    ).toEqual(['VOLATILITY_REQUIRED'])
  })

  it('raises a small positive fraction to the 1 % floor', () => {
    const r = calculatePositionSize({ ...seed, winRate: 0.34, confidence: 0.6, marketRegime: 'crisis' })
    expect(r.adjustments.at(-1)).toMatchObject({ step: 'min_fraction' })
    expect(r.targetFraction.toString()).toBe('0.01')
  })

  it('caps by notional and quantity, then quantizes down', () => {
    const r = calculatePositionSize({ ...seed, maxNotional: '777', baseIncrement: '0.001' })
    expect(r.quantity.toString()).toBe('0.015')
    expect(r.notional.toString()).toBe('750')
    expect(r.fraction.toString()).toBe('0.075')
    expect(r.adjustments.map((a) => a.step).slice(-2)).toEqual(['max_notional', 'quantize'])
    const q = calculatePositionSize({ ...seed, maxQuantity: '0.01' })
    expect(q.quantity.toString()).toBe('0.01')
    const raw = calculatePositionSize({ ...seed, currentPrice: '30000', baseIncrement: undefined })
    expect(raw.warnings.map((w) => w.code)).toEqual(['QUANTITY_NOT_QUANTIZED'])
  })

  it('supports the exponential and sigmoid curves through a prepared sizer', () => {
    for (const confidenceCurve of ['exponential', 'sigmoid'] as const) {
      const size = createPositionSizer({ confidenceCurve, maxPositionFraction: '1' })
      const factor = (confidence: number) =>
        size({ ...seed, confidence }).adjustments.find((a) => a.step === 'confidence')!.factor
      expect(factor(0.6).toString()).toBe('1')
      expect(factor(1).toString()).toBe('2')
      expect(factor(0.8).gt(1) && factor(0.8).lt(2)).toBe(true)
    }
  })
})

describe('calculatePositionSize: invalid input', () => {
  it('names every bad field in one ValidationError', () => {
    const error = thrown(() =>
      calculatePositionSize({
        ...seed,
        currentPrice: 50000 as unknown as string,
        portfolioValue: '-1',
        winRate: 1,
        avgWin: Number.NaN,
        avgLoss: 0,
        confidence: '1.5',
        drawdown: 'abc',
        baseIncrement: '0',
      }),
    )
    expect(error.issues.map((i) => i.path.join('.'))).toEqual([
      'currentPrice',
      'portfolioValue',
      'winRate',
      'avgWin',
      'avgLoss',
      'confidence',
      'drawdown',
      'baseIncrement',
    ])
    expect(error.message).toMatchInlineSnapshot(`
      "position size request: 8 validation issues

      - currentPrice: must be a Decimal or a decimal string, got the number 50000 (pass money as a decimal string) (INVALID_DECIMAL)
      - portfolioValue: must be at least 0, got -1 (OUT_OF_RANGE)
      - winRate: must be in (0, 1), got 1 (OUT_OF_RANGE)
      - avgWin: must be a finite number, got NaN (INVALID_DECIMAL)
      - avgLoss: must be less than 0, got 0 (OUT_OF_RANGE)
      - confidence: must be in [0, 1], got 1.5 (OUT_OF_RANGE)
      - drawdown: must be a decimal string like "12.34", got "abc" (INVALID_DECIMAL)
      - baseIncrement: must be greater than 0, got 0 (OUT_OF_RANGE)"
    `)
  })

  it('rejects a bad config with the config field named', () => {
    const error = thrown(() =>
      createPositionSizer({ maxPositionFraction: '0.005', minPositionFraction: '0.01', kellyFraction: 2 }),
    )
    expect(error.message).toMatchInlineSnapshot(`
      "sizing config: 2 validation issues

      - minPositionFraction: must be in [0, maxPositionFraction], got 0.01 (OUT_OF_RANGE)
      - kellyFraction: must be in (0, 1], got 2 (OUT_OF_RANGE)"
    `)
  })
})

describe('calculatePositionSize: properties', () => {
  const ratio = (min: number, max: number) =>
    fc
      .integer({ min: Math.round(min * 1000), max: Math.round(max * 1000) })
      .map((n) => new Decimal(n).div(1000))
  const regime = fc.constantFrom('bull_quiet', 'bull_volatile', 'bear_quiet', 'crisis', 'sideways_quiet')
  const request = fc.record({
    winRate: ratio(0.001, 0.999),
    avgWin: ratio(0.001, 0.5),
    avgLoss: ratio(0.001, 0.5).map((d) => d.neg()),
    confidence: ratio(0, 1),
    marketRegime: regime,
    drawdown: ratio(0, 1),
    currentPrice: fc.integer({ min: 1, max: 10_000_000 }).map((n) => new Decimal(n).div(100).toFixed()),
    portfolioValue: fc.integer({ min: 0, max: 100_000_000 }).map((n) => new Decimal(n).div(100).toFixed()),
    baseIncrement: fc.constantFrom('0.00000001', '0.0001', '0.01', '1', '0.25'),
    maxNotional: fc.option(fc.integer({ min: 1, max: 1_000_000 }).map(String), { nil: undefined }),
    maxQuantity: fc.option(fc.constantFrom('0.5', '3', '100'), { nil: undefined }),
  })

  it('never exceeds any cap and the quantity is always a multiple of the increment', () => {
    fc.assert(
      fc.property(request, (r) => {
        const req: PositionSizeRequest = { ...seed, ...r }
        const out = calculatePositionSize(req)
        expect(out.fraction.lte('0.1')).toBe(true)
        expect(out.notional.lte(new Decimal(r.portfolioValue).mul('0.1'))).toBe(true)
        if (r.maxNotional !== undefined) expect(out.notional.lte(r.maxNotional)).toBe(true)
        if (r.maxQuantity !== undefined) expect(out.quantity.lte(r.maxQuantity)).toBe(true)
        expect(out.quantity.isNegative()).toBe(false)
        expect(out.quantity.mod(r.baseIncrement).isZero()).toBe(true)
        expect(out.notional.eq(out.quantity.mul(r.currentPrice))).toBe(true)
        // Quantization only ever rounds down.
        expect(out.notional.lte(out.targetFraction.mul(r.portfolioValue))).toBe(true)
      }),
      { numRuns: 300 },
    )
  })

  it('the volatility-target method respects the same caps and increments', () => {
    const size = createPositionSizer({ method: 'volatility_target', targetVolatility: '0.2' })
    fc.assert(
      fc.property(request, fc.double({ min: 0.01, max: 5, noNaN: true }), (r, volatility) => {
        const out = size({ ...seed, ...r, volatility })
        expect(out.fraction.lte('0.1')).toBe(true)
        expect(out.quantity.mod(r.baseIncrement).isZero()).toBe(true)
        if (r.maxNotional !== undefined) expect(out.notional.lte(r.maxNotional)).toBe(true)
        if (!out.quantity.isZero()) expect(out.adjustments[0]?.step).toBe('volatility_target')
      }),
      { numRuns: 200 },
    )
  })

  it('is zero whenever the edge is not positive', () => {
    fc.assert(
      fc.property(request, (r) => {
        const out = calculatePositionSize({ ...seed, ...r })
        const ev = r.winRate.mul(r.avgWin).plus(new Decimal(1).minus(r.winRate).mul(r.avgLoss))
        if (!ev.gt(0)) {
          expect(out.quantity.isZero()).toBe(true)
          expect(out.zeroReason).toBe('NEGATIVE_EXPECTED_VALUE')
        }
      }),
      { numRuns: 300 },
    )
  })

  it('is monotone non-decreasing in confidence and in win rate', () => {
    fc.assert(
      fc.property(request, ratio(0, 1), ratio(0.001, 0.999), (r, c2, p2) => {
        const base = { ...seed, ...r }
        const [cLo, cHi] = r.confidence.lte(c2) ? [r.confidence, c2] : [c2, r.confidence]
        const lo = calculatePositionSize({ ...base, confidence: cLo })
        const hi = calculatePositionSize({ ...base, confidence: cHi })
        expect(lo.quantity.lte(hi.quantity)).toBe(true)
        expect(lo.targetFraction.lte(hi.targetFraction)).toBe(true)
        const [pLo, pHi] = r.winRate.lte(p2) ? [r.winRate, p2] : [p2, r.winRate]
        const wLo = calculatePositionSize({ ...base, winRate: pLo })
        const wHi = calculatePositionSize({ ...base, winRate: pHi })
        expect(wLo.quantity.lte(wHi.quantity)).toBe(true)
        expect(wLo.targetFraction.lte(wHi.targetFraction)).toBe(true)
      }),
      { numRuns: 300 },
    )
  })

  it('monotonicity holds for the exponential and sigmoid curves too', () => {
    for (const confidenceCurve of ['exponential', 'sigmoid'] as const) {
      const size = createPositionSizer({ confidenceCurve })
      fc.assert(
        fc.property(request, ratio(0, 1), (r, c2) => {
          const base = { ...seed, ...r }
          const [cLo, cHi] = r.confidence.lte(c2) ? [r.confidence, c2] : [c2, r.confidence]
          expect(
            size({ ...base, confidence: cLo }).quantity.lte(size({ ...base, confidence: cHi }).quantity),
          ).toBe(true)
        }),
        { numRuns: 100 },
      )
    }
  })
})
