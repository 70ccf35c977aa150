import type { TradeEventInput } from '@gpt-trader/live-trade'
import { Decimal, formatDecimal } from '@gpt-trader/validation'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isBacktestError } from '../BacktestError.js'
import { fingerprintFills } from '../results/fingerprint.js'
import { BacktestStore } from './BacktestStore.js'

const intent = (clientOrderId: string): TradeEventInput => ({
  type: 'order.intent',
  at: 1,
  clientOrderId,
  source: 'engine',
  intent: {
    symbol: 'BTC-USD',
    side: 'BUY',
    type: 'MARKET',
    size: '0.01',
    price: undefined,
    stopPrice: undefined,
    timeInForce: 'IOC',
    postOnly: false,
    reduceOnly: false,
  },
})

describe('BacktestStore', () => {
  it('keeps the log and builds the views from it by default', () => {
    const store = new BacktestStore()
    expect(store.append(intent('a')).seq).toBe(1)
    expect(store.append(intent('b')).seq).toBe(2)
    expect(store.read(1).map((e) => e.seq)).toEqual([2])
    expect(store.getOrder('b')?.status).toBe('NEW')
    expect(store.size).toBe(2)
  })

  it('with keepEvents: false numbers events the same, keeps none, and refuses to read the log', () => {
    const store = new BacktestStore({ keepEvents: false })
    // Nothing appended yet: an engine starting on it replays an empty log.
    expect(store.read()).toEqual([])
    expect(store.append(intent('a')).seq).toBe(1)
    expect(store.append(intent('b')).seq).toBe(2)
    expect(store.size).toBe(2)
    let error: unknown
    try {
      store.getOrder('a')
    } catch (e) {
      error = e
    }
    expect(isBacktestError(error) && error.code).toBe('EVENTS_NOT_KEPT')
    expect(() => store.read()).toThrowErrorMatchingInlineSnapshot(
      `[BacktestError: This BacktestStore does not keep its events (keepEvents: false): its log cannot be read.]`,
    )
  })

  it('property: fingerprinting the fill events as they come equals fingerprintFills over the fills', () => {
    const decimal = fc
      .tuple(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.integer({ min: 0, max: 12 }))
      .map(([digits, places]) => new Decimal(digits.toString()).div(new Decimal(10).pow(places)))
    const fill = fc.record({
      time: fc.integer({ min: 0, max: 2 ** 45 }),
      symbol: fc.constantFrom('BTC-USD', 'ETH-USD'),
      side: fc.constantFrom('BUY' as const, 'SELL' as const),
      price: decimal,
      size: decimal,
      fee: decimal,
      liquidity: fc.constantFrom('MAKER' as const, 'TAKER' as const),
    })
    fc.assert(
      fc.property(fc.array(fill, { maxLength: 300 }), (fills) => {
        const store = new BacktestStore({ keepEvents: false, fingerprintFills: true })
        store.append(intent('a'))
        fills.forEach((f, i) => {
          store.append({
            type: 'order.fill',
            at: f.time,
            clientOrderId: 'a',
            fill: {
              tradeId: `t-${i}`,
              exchangeOrderId: 'x',
              symbol: f.symbol,
              side: f.side,
              price: formatDecimal(f.price),
              size: formatDecimal(f.size),
              fee: formatDecimal(f.fee),
              liquidity: f.liquidity,
              time: f.time,
            },
          })
          // Read midway too: the digest does not end the hash.
          if (i === 5) expect(store.fillsFingerprint()?.fills).toBe(6)
        })
        expect(store.fillsFingerprint()).toEqual({
          fingerprint: fingerprintFills(fills),
          fills: fills.length,
        })
      }),
      { numRuns: 60 },
    )
    expect(new BacktestStore().fillsFingerprint()).toBeUndefined()
  })
})
