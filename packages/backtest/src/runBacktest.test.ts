import { MovingAverageCrossStrategy, type Signal, type Strategy } from '@gpt-trader/live-trade'
import { dataPath } from '@gpt-trader/test-utils'
import { Decimal, formatDecimal } from '@gpt-trader/validation'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { allInSizing } from './allInSizing.js'
import { BuyAndHoldStrategy } from './BuyAndHoldStrategy.js'
import { type Bar, makeBar } from './data/Bar.js'
import { loadBars } from './data/loadBars.js'
import { fingerprintFills } from './results/fingerprint.js'
import { runBacktest } from './runBacktest.js'

const MIN = 60_000
const FULL_RISK = {
  maxSymbolExposurePct: '1',
  maxTotalExposurePct: '1',
  slippageGuardBps: '10000',
  maxImpactBps: '10000',
}

/** Bars whose next open equals the previous close (continuous prices). */
function continuous(closes: readonly string[], volume = '1000000'): Bar[] {
  return closes.map((close, i) => {
    const open = i === 0 ? close : closes[i - 1]!
    const hi = Decimal.max(open, close).plus('0.5')
    const lo = Decimal.max(Decimal.min(open, close).minus('0.5'), '0.01')
    return makeBar(i * MIN, open, formatDecimal(hi), formatDecimal(lo), close, volume)
  })
}

/** A strategy that emits the given signal at the given bar index (counted by decide calls). */
function scripted(script: Record<number, Signal['side']>): Strategy {
  let i = 0
  return {
    name: 'scripted',
    decide: () => {
      const side = script[i++] ?? 'HOLD'
      return { side, confidence: 1, reason: 'script' }
    },
  }
}

const price = fc
  .integer({ min: 100, max: 10_000_000 })
  .map((cents) => formatDecimal(new Decimal(cents).div(100)))

describe('correctness checks', () => {
  it('buy-and-hold with zero fees returns exactly last/first − 1', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(price, { minLength: 3, maxLength: 30 }),
        fc.integer({ min: 1, max: 10_000_000_000 }),
        async (closes, units) => {
          // Cash = first price × a whole number of satoshis, so all-in is exact.
          const qty = new Decimal(units).div(1e8)
          const cash = qty.times(closes[0]!)
          fc.pre(cash.gte(1))
          const result = await runBacktest({
            data: continuous(closes),
            strategy: new BuyAndHoldStrategy(),
            sizing: allInSizing(),
            risk: FULL_RISK,
            initialCash: formatDecimal(cash),
          })
          const expected = new Decimal(closes[closes.length - 1]!).div(closes[0]!).minus(1)
          expect(result.metrics.totalReturn).toBe(formatDecimal(expected))
          expect(result.fills).toHaveLength(1)
          expect(formatDecimal(result.fills[0]!.size)).toBe(formatDecimal(qty))
          expect(result.metrics.feesPaid).toBe('0')
        },
      ),
      { numRuns: 15 },
    )
  })

  it('buy-and-hold with fees returns exactly what the fee arithmetic says', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(price, { minLength: 3, maxLength: 20 }),
        fc.integer({ min: 1_000_000, max: 10_000_000_000 }),
        fc.constantFrom('0.006', '0.008', '0.0025', '0.001'),
        async (closes, units, taker) => {
          const qty = new Decimal(units).div(1e8)
          const notional = qty.times(closes[0]!)
          const fee = notional.times(taker)
          const cash = notional.plus(fee)
          fc.pre(notional.gte(1))
          const result = await runBacktest({
            data: continuous(closes),
            strategy: new BuyAndHoldStrategy(),
            sizing: allInSizing({ maxNotional: formatDecimal(notional) }),
            risk: FULL_RISK,
            fees: { taker, maker: '0' },
            initialCash: formatDecimal(cash),
          })
          const last = new Decimal(closes[closes.length - 1]!)
          // Equity at the end = qty × last; cash spent = qty × first × (1 + taker).
          const expected = qty.times(last).div(cash).minus(1)
          expect(result.metrics.totalReturn).toBe(formatDecimal(expected))
          expect(result.metrics.feesPaid).toBe(formatDecimal(fee))
          expect(result.fills[0]!.liquidity).toBe('TAKER')
        },
      ),
      { numRuns: 15 },
    )
  })

  it('the same seed gives the same fingerprint; another seed with random slippage does not', async () => {
    const closes = Array.from({ length: 400 }, (_, i) =>
      formatDecimal(new Decimal(1000 + Math.round(100 * Math.sin(i / 9) + 40 * Math.sin(i / 2.3))).div(1)),
    )
    const run = (seed: number) =>
      runBacktest({
        data: continuous(closes),
        strategy: new MovingAverageCrossStrategy({ shortPeriod: 3, longPeriod: 8 }),
        fees: { taker: '0.006', maker: '0.004' },
        slippage: { bps: '2', randomBps: 10 },
        latency: { ms: 0, jitterMs: 90_000 },
        seed,
      })
    const a = await run(7)
    const b = await run(7)
    const c = await run(8)
    expect(a.fills.length).toBeGreaterThan(4)
    expect(b.fingerprint).toBe(a.fingerprint)
    expect(fingerprintFills(b.fills)).toBe(a.fingerprint)
    expect(b.metrics).toEqual(a.metrics)
    expect(c.fingerprint).not.toBe(a.fingerprint)
  })
})

describe('fill model', () => {
  const bars = [
    makeBar(0, '100', '101', '99', '100', '10'),
    makeBar(MIN, '102', '103', '98', '101', '10'),
    makeBar(2 * MIN, '101', '105', '100', '104', '10'),
    makeBar(3 * MIN, '104', '106', '103', '105', '10'),
    makeBar(4 * MIN, '105', '107', '104', '106', '10'),
  ]

  it('a market order fills at the next open plus slippage, rounded away from the trader', async () => {
    const r = await runBacktest({
      data: bars,
      strategy: scripted({ 0: 'BUY', 2: 'SELL' }),
      sizing: allInSizing({ maxNotional: '500' }),
      risk: false,
      slippage: { bps: '3' },
      fees: { taker: '0.01' },
    })
    expect(
      r.fills.map((f) => [
        f.time,
        f.side,
        formatDecimal(f.price),
        formatDecimal(f.size),
        formatDecimal(f.fee),
      ]),
    ).toEqual([
      // 102 × 1.0003 = 102.0306 → 102.04 (ceil); size 500 / 100 (the decision's close) = 5.
      [MIN, 'BUY', '102.04', '5', '5.102'],
      // 104 × 0.9997 = 103.9688 → 103.96 (floor).
      [3 * MIN, 'SELL', '103.96', '5', '5.198'],
    ])
    expect(r.trips).toHaveLength(1)
    expect(r.trips[0]!.pnl).toBe(
      formatDecimal(new Decimal('103.96').minus('102.04').times(5).minus('5.102').minus('5.198')),
    )
    expect(r.metrics.finalEquity).toBe(formatDecimal(new Decimal(10000).plus(r.trips[0]!.pnl)))
  })

  it('latency: the order trades from the first bar starting at or after decision + latency', async () => {
    const r = await runBacktest({
      data: bars,
      strategy: scripted({ 0: 'BUY' }),
      sizing: allInSizing({ maxNotional: '500' }),
      risk: false,
      latency: { ms: 61_000 },
    })
    // Decision at 1:00, arrives 2:01 → the bar starting 3:00.
    expect(r.fills.map((f) => [f.time, formatDecimal(f.price)])).toEqual([[3 * MIN, '104']])
  })

  it('a limit fills only when the bar trades through the price, as maker at the limit', async () => {
    const touch = [
      makeBar(0, '100', '101', '99', '100', '10'),
      makeBar(MIN, '100.5', '101', '100', '100.8', '10'), // low == limit 100: no fill
      makeBar(2 * MIN, '100.8', '101', '99.5', '100', '10'), // low < 100: fills at 100
      makeBar(3 * MIN, '100', '101', '99', '100', '10'),
    ]
    const r = await runBacktest({
      data: touch,
      strategy: scripted({ 0: 'BUY' }),
      sizing: allInSizing({ maxNotional: '300' }),
      risk: false,
      orderType: 'LIMIT',
      fees: { maker: '0.004', taker: '0.006' },
    })
    expect(r.fills.map((f) => [f.time, formatDecimal(f.price), f.liquidity, formatDecimal(f.fee)])).toEqual([
      [2 * MIN, '100', 'MAKER', '1.2'],
    ])
  })

  it('a limit marketable at the open fills there as taker', async () => {
    const r = await runBacktest({
      data: bars,
      strategy: scripted({ 1: 'SELL', 0: 'BUY' }),
      sizing: allInSizing({ maxNotional: '300' }),
      risk: false,
      orderType: 'LIMIT',
    })
    // BUY limit at 100 does not fill on bar 1 (open 102, low 98 < 100 → maker at 100).
    expect(r.fills[0]).toMatchObject({ time: MIN, liquidity: 'MAKER' })
    expect(formatDecimal(r.fills[0]!.price)).toBe('100')
    // SELL limit at 101 (close of bar 1), bar 2 opens at 101 ≥ 101: taker at the open.
    expect(r.fills[1]).toMatchObject({ time: 2 * MIN, liquidity: 'TAKER', side: 'SELL' })
    expect(formatDecimal(r.fills[1]!.price)).toBe('101')
  })

  it('the participation cap gives partial fills: market remainders cancel, GTC limits keep working', async () => {
    const market = await runBacktest({
      data: bars,
      strategy: scripted({ 0: 'BUY' }),
      sizing: allInSizing({ maxNotional: '500' }),
      risk: false,
      participation: 0.1,
    })
    expect(market.fills.map((f) => formatDecimal(f.size))).toEqual(['1'])
    expect(market.activity.orders).toEqual({ CANCELLED: 1 })
    const limit = await runBacktest({
      data: bars,
      strategy: scripted({ 0: 'BUY' }),
      sizing: allInSizing({ maxNotional: '250' }),
      risk: false,
      participation: 0.1,
      orderType: 'LIMIT',
      latency: { ms: 0 },
    })
    // 2.5 at limit 100: bar 1 trades through (low 98) and fills 1 (10 % of 10); later bars stay above 100.
    expect(limit.fills.map((f) => [f.time, formatDecimal(f.size)])).toEqual([[MIN, '1']])
    expect(limit.activity.orders).toEqual({ PARTIALLY_FILLED: 1 })
  })

  it('fee tiers follow the trailing volume', async () => {
    const r = await runBacktest({
      data: bars,
      strategy: scripted({ 0: 'BUY', 1: 'SELL', 2: 'BUY' }),
      sizing: allInSizing({ maxNotional: '2000' }),
      risk: false,
      fees: {
        tiers: [
          { minVolume: '0', taker: '0.01', maker: '0.005' },
          { minVolume: '3000', taker: '0.001', maker: '0' },
        ],
      },
    })
    const rates = r.fills.map((f) => formatDecimal(f.fee.div(f.price.times(f.size))))
    // 2040 traded, then 2020 more: the third fill sees 4060 ≥ 3000.
    expect(rates).toEqual(['0.01', '0.01', '0.001'])
  })

  it('risk rejects an entry bigger than the bar traded (one-level book of the bar volume)', async () => {
    const r = await runBacktest({
      data: bars,
      strategy: scripted({ 0: 'BUY' }),
      sizing: allInSizing({ maxNotional: '5000' }),
      risk: FULL_RISK,
    })
    expect(r.fills).toEqual([])
    expect(r.activity.riskRejections).toEqual({ INSUFFICIENT_LIQUIDITY: 1 })
    expect(r.activity.outcomes).toEqual({ risk_rejected: 1 })
  })

  it('rejects bad options with INVALID_OPTIONS and empty data with DATA_EMPTY', async () => {
    await expect(
      runBacktest({ data: [], strategy: new BuyAndHoldStrategy() }),
    ).rejects.toThrowErrorMatchingInlineSnapshot(`[BacktestError: No bars to run on.]`)
    await expect(
      runBacktest({ data: bars, strategy: new BuyAndHoldStrategy(), participation: 2 }),
    ).rejects.toThrowErrorMatchingInlineSnapshot(`[BacktestError: participation must be in (0, 1], got 2.]`)
  })
})

describe('runtime risk', () => {
  const closes = ['100', '100', '90', '85', '85', '85', '86', '87', '88', '89']
  const run = (runtimeRisk: boolean) =>
    runBacktest({
      data: continuous(closes),
      strategy: scripted({ 0: 'BUY', 5: 'SELL', 7: 'BUY' }),
      sizing: allInSizing({ maxNotional: '5000' }),
      risk: { ...FULL_RISK, maxDrawdownPct: '0.05' },
      runtimeRisk,
    })

  it('a drawdown beyond the limit switches to REDUCE_ONLY: exits pass, new entries are blocked', async () => {
    const r = await run(true)
    expect(r.activity.stateChanges).toHaveLength(1)
    expect(r.activity.stateChanges[0]).toMatchObject({ at: 3 * MIN, state: 'REDUCE_ONLY' })
    expect(r.fills.map((f) => f.side)).toEqual(['BUY', 'SELL'])
    expect(r.activity.outcomes).toEqual({ placed: 2, blocked: 1 })
  })

  it('without it the same script re-enters', async () => {
    const r = await run(false)
    expect(r.activity.stateChanges).toEqual([])
    expect(r.fills.map((f) => f.side)).toEqual(['BUY', 'SELL', 'BUY'])
  })
})

describe('real data', () => {
  it('BTC-USD 1m (27,950 bars) through the MA-crossover strategy, the default sizing and risk', async () => {
    const series = await loadBars(dataPath('candles/coinbase_BTC-USD_1m_2020-11-22_2020-12-12_cdd.csv'))
    const run = () =>
      runBacktest({
        data: series,
        strategy: new MovingAverageCrossStrategy(),
        fees: { taker: '0.006', maker: '0.004' },
        slippage: { bps: '1' },
        initialCash: '10000',
      })
    const r = await run()
    expect(r.symbol).toBe('BTC-USD')
    expect(r.intervalMs).toBe(60_000)
    expect(r.metrics.bars).toBe(27_950)
    expect(r.metrics.trades).toBeGreaterThan(50)
    expect(r.dataQuality?.gaps).toHaveLength(1)
    // The books balance: final equity = initial + Σ sells − Σ buys − fees + open quantity × last close.
    let cash = new Decimal(10000)
    let qty = new Decimal(0)
    for (const f of r.fills) {
      const notional = f.price.times(f.size)
      cash = f.side === 'BUY' ? cash.minus(notional) : cash.plus(notional)
      cash = cash.minus(f.fee)
      qty = f.side === 'BUY' ? qty.plus(f.size) : qty.minus(f.size)
    }
    const last = series.bars[series.bars.length - 1]!.close
    expect(r.metrics.finalEquity).toBe(formatDecimal(cash.plus(qty.times(last))))
    expect(r.metrics.maxDrawdown).toBeGreaterThan(0)
    expect(r.metrics.exposure).toBeGreaterThan(0)
    expect(r.metrics.exposure).toBeLessThan(1)
    const again = await run()
    expect(again.fingerprint).toBe(r.fingerprint)
  })
})
