import { Decimal } from '@gpt-trader/validation'
import { describe, expect, it } from 'vitest'
import { manualClock, spec } from '../test/helpers.js'
import type { Broker } from './Broker.js'
import { ExecutionEngine } from './ExecutionEngine.js'
import { BrokerError } from './errors.js'
import { InMemoryStore } from './InMemoryStore.js'
import { PaperBroker } from './paper/PaperBroker.js'
import { Reconciler } from './Reconciler.js'

const d = (s: string) => new Decimal(s)

function paper() {
  const broker = new PaperBroker({
    products: [spec('BTC-USD')],
    balances: { USD: '100000', BTC: '1' },
    clock: manualClock(),
  })
  broker.setBook('BTC-USD', { bids: [['99', '1']], asks: [['101', '1']] })
  return broker
}

async function engineFor(broker: Broker, store: InMemoryStore) {
  const engine = new ExecutionEngine({
    broker,
    store,
    startingCash: '100000',
    clock: manualClock(),
    sleep: async () => undefined,
  })
  await engine.start()
  return engine
}

describe('Reconciler', () => {
  it('adopts our unknown orders, reports foreign ones, and records each difference', async () => {
    const broker = paper()
    const store = new InMemoryStore()
    const engine = await engineFor(broker, store)
    const base = {
      symbol: 'BTC-USD',
      side: 'BUY' as const,
      type: 'LIMIT' as const,
      timeInForce: 'GTC' as const,
      postOnly: false,
    }
    await broker.placeOrder({ ...base, clientOrderId: 'gt-lost-before-ack', size: d('0.1'), price: d('95') })
    await broker.placeOrder({ ...base, clientOrderId: 'manual-1', size: d('0.2'), price: d('94') })
    const report = await new Reconciler({ engine }).reconcile()
    expect(report.ok).toBe(true)
    expect(report.diffs.map((x) => [x.kind, x.clientOrderId])).toEqual([
      ['ADOPTED_ORDER', 'gt-lost-before-ack'],
      ['FOREIGN_ORDER', 'manual-1'],
    ])
    expect(report.diffs[1]?.details).toMatchInlineSnapshot(
      `"open BUY 0.2 BTC-USD @ 94 (paper-2) without our client-id prefix; left alone"`,
    )
    const adopted = engine.order('gt-lost-before-ack')!
    expect([adopted.status, adopted.source, adopted.exchangeOrderId]).toEqual(['OPEN', 'adopted', 'paper-1'])
    expect(engine.order('manual-1')).toBeUndefined()
    const recorded = store.read().filter((e) => e.type === 'reconciliation.diff')
    expect(recorded).toHaveLength(2)
    expect(store.read().at(-1)).toMatchObject({
      type: 'reconciliation.completed',
      ok: true,
      diffs: 2,
      fillsCursor: '0',
    })
  })

  it('finalises orders that changed while the engine was down, with their real status and fills', async () => {
    const broker = paper()
    const store = new InMemoryStore()
    const first = await engineFor(broker, store)
    const buy = await first.place({
      symbol: 'BTC-USD',
      side: 'BUY',
      type: 'LIMIT',
      size: d('0.5'),
      price: d('100'),
      decisionId: 'a',
    })
    const sell = await first.place({
      symbol: 'BTC-USD',
      side: 'SELL',
      type: 'LIMIT',
      size: d('0.3'),
      price: d('110'),
      decisionId: 'b',
    })
    await first.stop()
    // While down: the buy fills, the sell is cancelled by hand.
    broker.setLevel('BTC-USD', 'SELL', '100', '1')
    await broker.cancelOrder({ exchangeOrderId: sell.exchangeOrderId!, clientOrderId: sell.clientOrderId })

    const engine = await engineFor(broker, store)
    expect(engine.order(buy.clientOrderId)?.status).toBe('OPEN')
    const report = await new Reconciler({ engine, startingBalances: { USD: '100000', BTC: '1' } }).reconcile()
    expect(report.ok).toBe(true)
    expect(report.diffs.map((x) => x.details)).toMatchInlineSnapshot(`
      [
        "OPEN in the store, FILLED at the venue; now FILLED",
        "OPEN in the store, CANCELLED at the venue; now CANCELLED",
      ]
    `)
    expect(engine.order(buy.clientOrderId)?.filledSize.toFixed()).toBe('0.5')
    expect(engine.order(sell.clientOrderId)?.status).toBe('CANCELLED')
    expect(engine.positions.position('BTC-USD').quantity.toFixed()).toBe('0.5')
    // A second run finds nothing new.
    const again = await new Reconciler({ engine, startingBalances: { USD: '100000', BTC: '1' } }).reconcile()
    expect(again.diffs).toEqual([])
  })

  it('counts fills it missed and marks orders the venue never heard of FAILED', async () => {
    const broker = paper()
    const store = new InMemoryStore()
    const engine = await engineFor(broker, store)
    const order = await engine.place({
      symbol: 'BTC-USD',
      side: 'BUY',
      type: 'LIMIT',
      size: d('0.5'),
      price: d('100'),
      decisionId: 'a',
    })
    await engine.stop()
    broker.setLevel('BTC-USD', 'SELL', '100', '0.2')
    const restarted = await engineFor(broker, store)
    const report = await new Reconciler({ engine: restarted }).reconcile()
    expect(report.diffs.map((x) => x.kind)).toEqual(['STATUS_CHANGED'])
    expect(restarted.order(order.clientOrderId)?.status).toBe('PARTIALLY_FILLED')

    // The same store against a venue that has never seen the order.
    await restarted.stop()
    const elsewhere = await engineFor(paper(), store)
    const lost = await new Reconciler({ engine: elsewhere }).reconcile()
    expect(lost.diffs.map((x) => [x.kind, x.details])).toEqual([
      ['MISSING_AT_EXCHANGE', 'PARTIALLY_FILLED in the store, unknown to the venue; now FAILED'],
    ])
    expect(elsewhere.order(order.clientOrderId)?.status).toBe('FAILED')
    expect(elsewhere.order(order.clientOrderId)?.filledSize.toFixed()).toBe('0.2')
  })

  it('reports a balance that does not match the fills, without trading to fix it', async () => {
    const broker = paper()
    const engine = await engineFor(broker, new InMemoryStore())
    await engine.place({ symbol: 'BTC-USD', side: 'BUY', type: 'MARKET', size: d('0.5'), decisionId: 'm' })
    await engine.idle()
    const report = await new Reconciler({
      engine,
      startingBalances: { USD: '100000', BTC: '0.9' },
    }).reconcile()
    expect(report.diffs.map((x) => [x.kind, x.details])).toEqual([
      ['BALANCE_MISMATCH', 'BTC: venue 1.5, expected 1.4 from the fills'],
    ])
    expect(engine.orders()).toHaveLength(1)
  })

  it('a failed run leaves the engine REDUCE_ONLY; the next good run restores ACTIVE', async () => {
    const broker = paper()
    const store = new InMemoryStore()
    const engine = await engineFor(broker, store)
    const original = broker.getOpenOrders.bind(broker)
    broker.getOpenOrders = async () => {
      throw new BrokerError('connect ECONNREFUSED 127.0.0.1:1', 'unavailable')
    }
    const failed = await new Reconciler({ engine }).reconcile()
    expect(failed.ok).toBe(false)
    expect(failed.error?.code).toBe('RECONCILIATION_FAILED')
    expect(failed.error?.message).toMatchInlineSnapshot(`
      "Reconciliation failed; the engine is now REDUCE_ONLY.

      Details: connect ECONNREFUSED 127.0.0.1:1"
    `)
    expect(engine.tradingState).toEqual({
      state: 'REDUCE_ONLY',
      reason: 'reconciliation failed: connect ECONNREFUSED 127.0.0.1:1',
    })
    await expect(
      engine.place({ symbol: 'BTC-USD', side: 'BUY', type: 'MARKET', size: d('0.1'), decisionId: 'x' }),
    ).rejects.toThrow(/REDUCE_ONLY/)
    broker.getOpenOrders = original
    const ok = await new Reconciler({ engine }).reconcile()
    expect(ok.ok).toBe(true)
    expect(engine.tradingState.state).toBe('ACTIVE')
  })
})
