import type { Signal, Strategy } from '@gpt-trader/live-trade'
import { Decimal, formatDecimal } from '@gpt-trader/validation'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type Bar, makeBar } from './data/Bar.js'
import { runBacktest } from './runBacktest.js'

const MIN = 60_000

function scripted(sides: readonly Signal['side'][]): Strategy {
  let i = 0
  return {
    name: 'scripted',
    decide: () => ({ side: sides[i++] ?? 'HOLD', confidence: 0.9, reason: 'script' }),
  }
}

interface RawBar {
  open: number
  up: number
  down: number
  close: number
  volume: number
}

function toBar({ open, up, down, close, volume }: RawBar) {
  const o = new Decimal(open).div(100)
  const c = Decimal.max(new Decimal(open + close).div(100), '1')
  const hi = Decimal.max(o, c).plus(new Decimal(up).div(100))
  const lo = Decimal.max(Decimal.min(o, c).minus(new Decimal(down).div(100)), '0.5')
  return { o, hi, lo, c, volume }
}

const barArb = fc
  .record({
    open: fc.integer({ min: 5_000, max: 20_000 }),
    up: fc.nat(300),
    down: fc.nat(300),
    close: fc.integer({ min: -200, max: 200 }),
    volume: fc.integer({ min: 0, max: 50 }),
  })
  .map(toBar)

describe('ledger invariants (any prices, signals, fees, slippage, latency, participation, order type)', () => {
  it('cash never goes negative, spot never shorts, fees follow the rates, and the books balance exactly', async () => {
    let totalFills = 0
    let partial = 0
    await fc.assert(
      fc.asyncProperty(
        fc.array(barArb, { minLength: 5, maxLength: 40 }),
        fc.array(fc.constantFrom<Signal['side']>('BUY', 'BUY', 'SELL', 'HOLD'), { maxLength: 40 }),
        fc.record({
          maker: fc.constantFrom('0', '0.001', '0.004'),
          taker: fc.constantFrom('0', '0.002', '0.006'),
          bps: fc.constantFrom('0', '1', '25'),
          randomBps: fc.constantFrom(0, 5),
          latency: fc.constantFrom(0, 30_000, 61_000),
          participation: fc.constantFrom(undefined, 0.05, 0.5),
          orderType: fc.constantFrom<'MARKET' | 'LIMIT'>('MARKET', 'LIMIT'),
          seed: fc.integer({ min: 1, max: 1000 }),
        }),
        async (raw, sides, o) => {
          const bars: Bar[] = raw.map((b, i) =>
            makeBar(
              i * MIN,
              formatDecimal(b.o),
              formatDecimal(b.hi),
              formatDecimal(b.lo),
              formatDecimal(b.c),
              String(b.volume),
            ),
          )
          const result = await runBacktest({
            data: bars,
            strategy: scripted(sides),
            sizing: { winRate: 0.6, avgWin: 0.05, avgLoss: -0.02, config: { maxPositionFraction: '0.5' } },
            risk: false,
            fees: { maker: o.maker, taker: o.taker },
            slippage: { bps: o.bps, randomBps: o.randomBps },
            latency: { ms: o.latency },
            participation: o.participation,
            orderType: o.orderType,
            initialCash: '1000',
            seed: o.seed,
          })
          let cash = new Decimal(1000)
          let qty = new Decimal(0)
          let fees = new Decimal(0)
          for (const f of result.fills) {
            const notional = f.price.times(f.size)
            const rate = f.liquidity === 'MAKER' ? o.maker : o.taker
            expect(formatDecimal(f.fee)).toBe(formatDecimal(notional.times(rate)))
            cash = f.side === 'BUY' ? cash.minus(notional) : cash.plus(notional)
            cash = cash.minus(f.fee)
            qty = f.side === 'BUY' ? qty.plus(f.size) : qty.minus(f.size)
            fees = fees.plus(f.fee)
            expect(cash.isNegative()).toBe(false)
            expect(qty.isNegative()).toBe(false)
            expect(f.size.gt(0)).toBe(true)
          }
          totalFills += result.fills.length
          partial += result.activity.orders.CANCELLED ?? 0
          const last = bars[bars.length - 1]!.close
          expect(result.metrics.finalEquity).toBe(formatDecimal(cash.plus(qty.times(last))))
          expect(result.metrics.feesPaid).toBe(formatDecimal(fees))
          // The numeric equity curve ends where the exact equity does (to float precision).
          expect(result.curve.equity[bars.length - 1]).toBeCloseTo(Number(result.metrics.finalEquity), 6)
        },
      ),
      {
        numRuns: 41,
        // One fixed case (counted in numRuns) that always trades and leaves orders partly filled (5
        // fills, 5 partly filled orders: thin volume, 5% participation), so the counts below never
        // hinge on what the 40 random runs happened to draw.
        examples: [
          [
            Array.from({ length: 12 }, () =>
              toBar({ open: 10_000, up: 100, down: 100, close: 0, volume: 1 }),
            ),
            ['BUY', 'BUY', 'HOLD', 'SELL', 'BUY', 'HOLD', 'SELL'],
            {
              maker: '0.001',
              taker: '0.002',
              bps: '1',
              randomBps: 0,
              latency: 0,
              participation: 0.05,
              orderType: 'MARKET',
              seed: 7,
            },
          ],
        ],
      },
    )
    // The property is only worth something if the runs trade (and some orders end partially done).
    // Random runs give 70 to 100 fills and 2 to 20 partly filled orders over 40 runs (8 seeds).
    expect(totalFills).toBeGreaterThan(20)
    expect(partial).toBeGreaterThan(0)
  }, 60_000)
})
