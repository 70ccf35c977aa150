import { Decimal } from '@gpt-trader/validation'
import { describe, expect, it } from 'vitest'
import { isLiveTradeError } from './errors.js'
import { InMemoryStore } from './InMemoryStore.js'
import type { StoredIntent } from './TradeEvent.js'

const intent: StoredIntent = {
  symbol: 'BTC-USD',
  side: 'BUY',
  type: 'LIMIT',
  size: '0.5',
  price: '100',
  timeInForce: 'GTC',
  postOnly: false,
  reduceOnly: false,
}

describe('InMemoryStore', () => {
  it('appends with increasing sequence numbers and keeps order and fill views', () => {
    const store = new InMemoryStore()
    const a = store.append({ type: 'order.intent', at: 1, clientOrderId: 'c1', intent, source: 'engine' })
    store.append({ type: 'order.submitted', at: 2, clientOrderId: 'c1' })
    store.append({ type: 'order.state', at: 2, clientOrderId: 'c1', from: 'NEW', to: 'PENDING' })
    store.append({ type: 'order.acknowledged', at: 3, clientOrderId: 'c1', exchangeOrderId: 'x1' })
    store.append({ type: 'order.state', at: 3, clientOrderId: 'c1', from: 'PENDING', to: 'OPEN' })
    store.append({
      type: 'order.fill',
      at: 4,
      clientOrderId: 'c1',
      fill: {
        tradeId: 't1',
        symbol: 'BTC-USD',
        side: 'BUY',
        price: '100',
        size: '0.2',
        fee: '0.12',
        liquidity: 'MAKER',
        time: 4,
      },
    })
    expect(a.seq).toBe(1)
    expect(store.size).toBe(6)
    expect(store.read(4).map((e) => e.seq)).toEqual([5, 6])
    const order = store.getOrder('c1')!
    expect(order.status).toBe('OPEN')
    expect(order.exchangeOrderId).toBe('x1')
    expect(order.filledSize.toFixed()).toBe('0.2')
    expect(order.averageFillPrice?.toFixed()).toBe('100')
    expect(store.listOrders({ status: 'open' })).toHaveLength(1)
    expect(store.listOrders({ status: 'terminal' })).toHaveLength(0)
    expect(store.listFills({ symbol: 'BTC-USD' }).map((f) => f.tradeId)).toEqual(['t1'])
    expect(store.hasFill('t1')).toBe(true)
    expect(store.hasFill('t2')).toBe(false)
  })

  it('copies events so later mutation by the caller cannot change the log', () => {
    const store = new InMemoryStore()
    const body = {
      type: 'order.intent' as const,
      at: 1,
      clientOrderId: 'c1',
      intent: { ...intent },
      source: 'engine' as const,
    }
    store.append(body)
    body.intent.size = '999'
    expect(store.getOrder('c1')?.size.toFixed()).toBe('0.5')
    expect(new InMemoryStore(store.read()).getOrder('c1')?.size.toFixed()).toBe('0.5')
  })

  it('stores values as JSON would: no undefined keys, Decimals as strings', () => {
    const store = new InMemoryStore()
    const event = store.append({
      type: 'reconciliation.diff',
      at: 1,
      kind: 'BALANCE_MISMATCH',
      clientOrderId: undefined,
      details: new Decimal('1.50') as unknown as string,
    })
    expect(event).toEqual({
      type: 'reconciliation.diff',
      at: 1,
      kind: 'BALANCE_MISMATCH',
      details: '1.5',
      seq: 1,
    })
    expect('clientOrderId' in event).toBe(false)
  })

  it('refuses events that contradict the log', () => {
    const store = new InMemoryStore()
    expect(() =>
      store.append({ type: 'order.submitted', at: 1, clientOrderId: 'nope' }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[LiveTradeError: Cannot apply event #1 (order.submitted): no intent for nope.]`,
    )
    store.append({ type: 'order.intent', at: 1, clientOrderId: 'c1', intent, source: 'engine' })
    try {
      store.append({ type: 'order.state', at: 2, clientOrderId: 'c1', from: 'OPEN', to: 'FILLED' })
    } catch (error) {
      expect(isLiveTradeError(error) && error.code).toBe('STORE_CORRUPT')
    }
    expect(store.size).toBe(1)
  })
})
