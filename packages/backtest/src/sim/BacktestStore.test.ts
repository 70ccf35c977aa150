import type { TradeEventInput } from '@gpt-trader/live-trade'
import { describe, expect, it } from 'vitest'
import { isBacktestError } from '../BacktestError.js'
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
})
