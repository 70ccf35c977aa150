import { Decimal, quantize } from '@gpt-trader/validation'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { BrokerOrder } from '../Broker.js'
import { type FillBalances, FillModel, type FillState } from './FillModel.js'

const TICK = new Decimal('0.01')
const LOT = new Decimal('0.00000001')

function state(side: 'BUY' | 'SELL', size: Decimal, type: 'MARKET' | 'LIMIT' = 'MARKET'): FillState {
  const order: BrokerOrder = {
    exchangeOrderId: 'x-1',
    clientOrderId: 'c-1',
    symbol: 'BTC-USD',
    side,
    type,
    size,
    status: 'OPEN',
    filledSize: new Decimal(0),
    fees: new Decimal(0),
    createdAt: 0,
  }
  return { order, remaining: size, notional: new Decimal(0) }
}

describe('FillModel', () => {
  it('slips taker prices away from the trader, rounded against the trader, never past the limit', () => {
    const model = new FillModel({ slippage: { bps: '10' } })
    const open = new Decimal('100.01')
    expect(model.takerPrice(open, 'BUY', TICK).toString()).toBe('100.12') // 100.11001 up
    expect(model.takerPrice(open, 'SELL', TICK).toString()).toBe('99.9') // 99.90999 down
    expect(model.takerPrice(open, 'BUY', TICK, new Decimal('100.05')).toString()).toBe('100.05')
    expect(model.takerPrice(open, 'SELL', TICK, new Decimal('100')).toString()).toBe('100')
    expect(new FillModel().takerPrice(open, 'BUY', TICK)).toBe(open)
  })

  it('random slippage draws from the injected generator', () => {
    const model = new FillModel({ slippage: { randomBps: 100 }, random: () => 0.5 })
    expect(model.takerPrice(new Decimal('100'), 'BUY', TICK).toString()).toBe('100.5')
    expect(() => new FillModel({ slippage: { randomBps: -1 } })).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: slippage.randomBps must be ≥ 0, got -1]`,
    )
  })

  it('resting limits: bars must trade through, prints may touch', () => {
    const model = new FillModel()
    const limit = new Decimal('100')
    expect(model.reaches('BUY', limit, new Decimal('100'), 'through')).toBe(false)
    expect(model.reaches('BUY', limit, new Decimal('99.99'), 'through')).toBe(true)
    expect(model.reaches('BUY', limit, new Decimal('100'), 'touch')).toBe(true)
    expect(model.reaches('SELL', limit, new Decimal('100'), 'through')).toBe(false)
    expect(model.reaches('SELL', limit, new Decimal('100.01'), 'through')).toBe(true)
    expect(model.reaches('SELL', limit, new Decimal('100'), 'touch')).toBe(true)
    expect(model.reaches('SELL', limit, new Decimal('99.99'), 'touch')).toBe(false)
  })

  it('caps a fill by participation, by cash (fee included) and by the base held', () => {
    const model = new FillModel({ fees: { taker: '0.01' } })
    const rate = model.rate(0, 'TAKER')
    const capacity = model.capacity(new Decimal('3'), new Decimal('0.1'), LOT)
    expect(capacity.toString()).toBe('0.3')
    const buy = state('BUY', new Decimal('1'))
    const price = new Decimal('100')
    expect(model.allowed(buy, price, rate, { baseIncrement: LOT, capacity })).toEqual({
      size: capacity,
      reason: 'PARTICIPATION_CAP',
    })
    expect(model.allowed(buy, price, rate, { baseIncrement: LOT, capacity: new Decimal(0) }).reason).toBe(
      'NO_LIQUIDITY',
    )
    // 50 USD buys 50 / (100 × 1.01) = 0.49504950… → 0.4950495 BTC.
    const poor = { base: new Decimal(0), quote: new Decimal('50') }
    const allowed = model.allowed(buy, price, rate, { baseIncrement: LOT, balances: poor })
    expect(allowed.size.toString()).toBe('0.4950495')
    expect(allowed.reason).toBe('INSUFFICIENT_FUND')
    const sell = state('SELL', new Decimal('1'))
    const held = { base: new Decimal('0.25'), quote: new Decimal(0) }
    expect(model.allowed(sell, price, rate, { baseIncrement: LOT, balances: held }).size.toString()).toBe(
      '0.25',
    )
  })

  it('books a fill: balances, order progress, average price and fee', () => {
    const model = new FillModel({ fees: { maker: '0.004', taker: '0.006' }, feeIncrement: '0.01' })
    const s = state('BUY', new Decimal('2'))
    const balances = { base: new Decimal(0), quote: new Decimal('1000') }
    const time = 5
    model.fill(
      s,
      {
        price: new Decimal('100'),
        size: new Decimal('1'),
        liquidity: 'TAKER',
        rate: model.rate(time, 'TAKER'),
        time,
        tradeId: 't1',
      },
      balances,
    )
    const fill = model.fill(
      s,
      {
        price: new Decimal('101.01'),
        size: new Decimal('0.5'),
        liquidity: 'MAKER',
        rate: model.rate(time, 'MAKER'),
        time,
        tradeId: 't2',
      },
      balances,
    )
    expect(fill).toMatchObject({
      tradeId: 't2',
      clientOrderId: 'c-1',
      exchangeOrderId: 'x-1',
      liquidity: 'MAKER',
    })
    // 50.505 × 0.004 = 0.20202 → rounded up to 0.21.
    expect(fill.fee.toString()).toBe('0.21')
    expect(s.remaining.toString()).toBe('0.5')
    expect(s.order.filledSize.toString()).toBe('1.5')
    expect(s.order.fees.toString()).toBe('0.81')
    expect(s.order.averageFillPrice?.toString()).toBe(
      '100.3366666666666666666666666666666666666666666666666666666666667',
    )
    expect(balances.base.toString()).toBe('1.5')
    expect(balances.quote.toString()).toBe('848.685')
  })

  it('a sell whose rounded-up fee exceeds the cash plus its proceeds gets nothing (cash never negative)', () => {
    // Found by the property below: 1 lot at 0.01 brings 1e-10, the fee rounds up to 0.01.
    const model = new FillModel({ fees: { maker: '0.0001', taker: '0' }, feeIncrement: '0.01' })
    const s = state('SELL', LOT)
    const balances = { base: LOT, quote: new Decimal(0) }
    const rate = model.rate(0, 'MAKER')
    expect(model.allowed(s, TICK, rate, { baseIncrement: LOT, balances })).toEqual({
      size: new Decimal(0),
      reason: 'INSUFFICIENT_FUND',
    })
    // With the cash to pay the fee, the same sell goes through.
    const funded = { base: LOT, quote: new Decimal('0.01') }
    expect(model.allowed(s, TICK, rate, { baseIncrement: LOT, balances: funded }).size.eq(LOT)).toBe(true)
  })

  it('tiers: the volume of its own fills moves the rate', () => {
    const model = new FillModel({
      fees: {
        tiers: [
          { minVolume: '0', maker: '0.006', taker: '0.008' },
          { minVolume: '1000', maker: '0.004', taker: '0.006' },
        ],
      },
    })
    expect(model.rate(0, 'TAKER').toString()).toBe('0.008')
    const s = state('BUY', new Decimal('20'))
    model.fill(
      s,
      {
        price: new Decimal('100'),
        size: new Decimal('10'),
        liquidity: 'TAKER',
        rate: model.rate(0, 'TAKER'),
        time: 0,
        tradeId: 't',
      },
      { base: new Decimal(0), quote: new Decimal('5000') },
    )
    expect(model.rate(1, 'TAKER').toString()).toBe('0.006')
  })
})

// ----- properties: the money invariants of every simulated fill -----

const decimalOf = (units: number, scale: Decimal) => new Decimal(units).times(scale)
const step = fc.record({
  priceTicks: fc.integer({ min: 1, max: 10_000_000 }),
  capacityLots: fc.option(fc.integer({ min: 0, max: 300_000_000 }), { nil: undefined }),
  liquidity: fc.constantFrom('MAKER' as const, 'TAKER' as const),
})
const rates = fc.record({
  maker: fc.integer({ min: 0, max: 100 }).map((bp) => decimalOf(bp, new Decimal('0.0001'))),
  taker: fc.integer({ min: 0, max: 100 }).map((bp) => decimalOf(bp, new Decimal('0.0001'))),
})

describe('FillModel properties', () => {
  it('fee is notional × rate (value and sign), also for zero rates that hand out the shared zero', () => {
    const rates = ['0', '-0', '0.000', '0.006', '0.0025']
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 30n }),
        fc.integer({ min: 0, max: 20 }),
        fc.constantFrom(...rates),
        fc.constantFrom(undefined, '0.01'),
        (digits, scale, r, feeIncrement) => {
          const model = new FillModel(feeIncrement === undefined ? {} : { feeIncrement })
          const notional = new Decimal(`${digits}e-${scale}`)
          const rate = new Decimal(r)
          const fee = model.fee(notional, rate)
          const expected =
            feeIncrement === undefined
              ? notional.times(rate)
              : quantize(notional.times(rate), new Decimal(feeIncrement), 'ceil')
          expect(fee.toFixed()).toBe(expected.toFixed())
          expect(Object.is(fee.isNeg(), expected.isNeg())).toBe(true)
        },
      ),
      { numRuns: 300 },
    )
    const zero = new FillModel().fee(new Decimal('123.45'), new Decimal(0))
    expect(zero).toBe(new FillModel().fee(new Decimal('6.7'), new Decimal(0)))
  })

  it('filled ≤ requested, cash and base never go negative, and quote + base × price moves by exactly −fee', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('BUY' as const, 'SELL' as const),
        fc.integer({ min: 1, max: 500_000_000 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 500_000_000 }),
        rates,
        fc.boolean(),
        fc.array(step, { minLength: 1, maxLength: 8 }),
        (side, sizeLots, cashCents, baseLots, fees, roundFees, steps) => {
          const model = new FillModel({ fees, ...(roundFees ? { feeIncrement: '0.01' } : {}) })
          const requested = decimalOf(sizeLots, LOT)
          const s = state(side, requested)
          const balances: FillBalances = { base: decimalOf(baseLots, LOT), quote: decimalOf(cashCents, TICK) }
          let i = 0
          for (const st of steps) {
            const price = decimalOf(st.priceTicks, TICK)
            const rate = model.rate(i, st.liquidity)
            const capacity = st.capacityLots === undefined ? undefined : decimalOf(st.capacityLots, LOT)
            const { size } = model.allowed(s, price, rate, { baseIncrement: LOT, capacity, balances })
            expect(size.lte(s.remaining)).toBe(true)
            if (capacity !== undefined) expect(size.lte(capacity)).toBe(true)
            if (!size.gt(0)) continue
            const before = balances.quote.plus(balances.base.times(price))
            const fill = model.fill(
              s,
              { price, size, liquidity: st.liquidity, rate, time: i++, tradeId: `t${i}` },
              balances,
            )
            const exact = price.times(size).times(rate)
            if (roundFees) {
              expect(fill.fee.eq(quantize(exact, TICK, 'ceil'))).toBe(true)
              expect(fill.fee.gte(exact) && fill.fee.minus(exact).lt(TICK)).toBe(true)
            } else {
              expect(fill.fee.eq(exact)).toBe(true)
            }
            const after = balances.quote.plus(balances.base.times(price))
            expect(after.eq(before.minus(fill.fee))).toBe(true)
            expect(balances.base.isNegative()).toBe(false)
            expect(balances.quote.isNegative()).toBe(false)
          }
          expect(s.order.filledSize.lte(requested)).toBe(true)
          expect(s.order.filledSize.plus(s.remaining).eq(requested)).toBe(true)
        },
      ),
      { numRuns: 150 },
    )
  })
})
