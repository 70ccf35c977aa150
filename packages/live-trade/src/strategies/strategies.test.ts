import { Decimal } from '@gpt-trader/validation'
import { describe, expect, it } from 'vitest'
import { btcHourlyCandles } from '../../test/helpers.js'
import { PositionTracker } from '../PositionTracker.js'
import { FilterPipeline } from './FilterPipeline.js'
import { MomentumFilter } from './MomentumFilter.js'
import { MomentumStrategy } from './MomentumStrategy.js'
import { MovingAverageCrossStrategy } from './MovingAverageCrossStrategy.js'
import type { Candle, StrategyContext } from './Strategy.js'
import { TrendFilter } from './TrendFilter.js'
import { VolumeFilter } from './VolumeFilter.js'

function candlesFrom(closes: readonly number[], volume = 10): Candle[] {
  return closes.map((close, i) => ({
    time: i * 3_600_000,
    open: close,
    high: close + 1,
    low: close - 1,
    close,
    volume,
  }))
}

function ctx(candles: readonly Candle[], quantity = '0'): StrategyContext {
  const tracker = new PositionTracker()
  if (quantity !== '0') {
    tracker.applyFill({
      tradeId: 't',
      clientOrderId: 'c',
      symbol: 'BTC-USD',
      side: 'BUY',
      price: new Decimal(1),
      size: new Decimal(quantity),
      fee: new Decimal(0),
      liquidity: 'TAKER',
      time: 0,
    })
  }
  const last = candles[candles.length - 1]
  return {
    snapshot: { symbol: 'BTC-USD', at: last?.time ?? 0, mark: new Decimal(last?.close ?? 1), candles },
    position: tracker.position('BTC-USD'),
  }
}

describe('MovingAverageCrossStrategy (5 / 20, trailing stop 1 %)', () => {
  it('holds while warming up, buys on a bullish cross, sells on a bearish one', () => {
    const s = new MovingAverageCrossStrategy()
    expect(s.decide(ctx(candlesFrom(Array(20).fill(100))))).toEqual({
      side: 'HOLD',
      confidence: 0,
      reason: 'warming up: 20 of 21 candles',
    })
    const flat = Array(21).fill(100)
    expect(s.decide(ctx(candlesFrom([...flat, 110]))).side).toBe('BUY')
    expect(s.decide(ctx(candlesFrom([...flat, 90]))).side).toBe('SELL')
    const signal = s.decide(ctx(candlesFrom([...flat, 101])))
    expect(signal.reason).toMatchInlineSnapshot(`"bullish crossover: SMA5 100.2 vs SMA20 100.05"`)
    expect(signal.confidence).toBeCloseTo(0.6 + (0.15 / 100.05) * 40, 12)
    const hold = s.decide(ctx(candlesFrom([...flat, 100])))
    expect(hold.reason).toBe('no crossover: SMA5 100 vs SMA20 100')
    // The HOLD reason is formatted on read, and still serialised with the signal.
    expect(JSON.parse(JSON.stringify(hold))).toEqual({
      side: 'HOLD',
      confidence: 0,
      reason: 'no crossover: SMA5 100 vs SMA20 100',
    })
  })

  it('exits a long position 1 % below its peak close', () => {
    const s = new MovingAverageCrossStrategy()
    const rising = Array.from({ length: 25 }, (_, i) => 100 + i)
    expect(s.decide(ctx(candlesFrom(rising), '1')).side).toBe('HOLD')
    const peak = rising[rising.length - 1]!
    const stop = s.decide(ctx(candlesFrom([...rising, peak * 0.989]), '1'))
    expect(stop.side).toBe('SELL')
    expect(stop.confidence).toBe(1)
    expect(stop.reason).toMatch(/^trailing stop: close 122\.\d+ is 1\.1 % below the peak 124$/)
  })

  it('produces alternating crossovers on real hourly BTC-USD candles, deterministically', () => {
    const candles = btcHourlyCandles(1500)
    const run = () => {
      const s = new MovingAverageCrossStrategy()
      const sides: string[] = []
      for (let i = 21; i <= candles.length; i++) {
        const side = s.decide(ctx(candles.slice(i - 21, i))).side
        if (side !== 'HOLD') sides.push(side)
      }
      return sides
    }
    const sides = run()
    expect(sides.length).toBeGreaterThan(20)
    for (let i = 1; i < sides.length; i++) expect(sides[i]).not.toBe(sides[i - 1])
    expect(run()).toEqual(sides)
  })
})

describe('MomentumStrategy (RSI 14, 30 / 70)', () => {
  it('buys oversold, sells overbought, holds in between', () => {
    const s = new MomentumStrategy()
    const falling = Array.from({ length: 20 }, (_, i) => 200 - i * 2)
    const rising = Array.from({ length: 20 }, (_, i) => 100 + i * 2)
    expect(s.decide(ctx(candlesFrom(falling)))).toEqual({
      side: 'BUY',
      confidence: 1,
      reason: 'RSI14 0 < 30: oversold',
    })
    expect(s.decide(ctx(candlesFrom(rising)))).toEqual({
      side: 'SELL',
      confidence: 1,
      reason: 'RSI14 100 > 70: overbought',
    })
    expect(s.decide(ctx(candlesFrom(Array(20).fill(50))))).toMatchObject({
      side: 'HOLD',
      reason: 'RSI14 50 is neutral',
    })
    expect(s.decide(ctx(candlesFrom([1, 2])))).toMatchObject({
      side: 'HOLD',
      reason: 'warming up: 2 of 15 candles',
    })
    expect(() => new MomentumStrategy({ oversold: 80 })).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: need period ≥ 1 and 0 ≤ oversold < overbought ≤ 100, got 14, 80, 70]`,
    )
  })
})

describe('FilterPipeline', () => {
  const buy = { side: 'BUY' as const, confidence: 0.8, reason: 'test' }

  it('passes everything when empty, and HOLD without running filters', () => {
    expect(new FilterPipeline().run(buy, ctx([]))).toEqual({ passed: true, steps: [] })
    const pipeline = new FilterPipeline([new VolumeFilter()])
    expect(pipeline.run({ side: 'HOLD', confidence: 0, reason: '' }, ctx([]))).toEqual({
      passed: true,
      steps: [],
    })
  })

  it('stops at the first filter that blocks and says why', () => {
    const rising = Array.from({ length: 40 }, (_, i) => 100 + i * 2)
    const candles = candlesFrom(rising).map((c, i) => (i === 39 ? { ...c, volume: 5 } : c))
    const pipeline = new FilterPipeline([new VolumeFilter(), new MomentumFilter(), new TrendFilter()])
    expect(pipeline.run(buy, ctx(candles))).toEqual({
      passed: false,
      blockedBy: { filter: 'volume', passed: false, reason: 'volume 5 below 1 × the 20-candle average 10' },
      steps: [{ filter: 'volume', passed: false, reason: 'volume 5 below 1 × the 20-candle average 10' }],
    })
    const loud = candlesFrom(rising, 10)
    const outcome = pipeline.run(buy, ctx(loud))
    expect(outcome.blockedBy).toEqual({
      filter: 'momentum',
      passed: false,
      reason: 'RSI14 100 ≥ 70: overbought, no BUY',
    })
    expect(outcome.steps.map((s) => s.filter)).toEqual(['volume', 'momentum'])
  })

  it('blocks a trendless market with ADX and lets a trend through', () => {
    const filter = new TrendFilter()
    const range = candlesFrom(Array.from({ length: 40 }, (_, i) => (i % 2 ? 100 : 102)))
    expect(filter.check(buy, ctx(range))).toMatchObject({
      pass: false,
      reason: expect.stringMatching(/^ADX14 [\d.]+ < 20: no trend$/),
    })
    const trend = candlesFrom(Array.from({ length: 40 }, (_, i) => 100 + 3 * i))
    expect(filter.check(buy, ctx(trend)).pass).toBe(true)
    expect(filter.check(buy, ctx(trend.slice(0, 10)))).toEqual({
      pass: false,
      reason: 'not enough candles for ADX14: 10 of 28',
    })
  })

  it('never holds back an exit unless asked to', () => {
    const sell = { side: 'SELL' as const, confidence: 1, reason: 'trailing stop' }
    const blocking = { name: 'never', check: () => ({ pass: false as const, reason: 'closed' }) }
    expect(new FilterPipeline([blocking]).run(sell, ctx([], '1')).passed).toBe(true)
    expect(new FilterPipeline([blocking], { filterExits: true }).run(sell, ctx([], '1')).passed).toBe(false)
    expect(new FilterPipeline([blocking]).run(sell, ctx([])).passed).toBe(false)
  })
})
