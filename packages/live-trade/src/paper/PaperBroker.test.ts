import { Decimal } from '@gpt-trader/validation'
import { describe, expect, it } from 'vitest'
import { manualClock, spec } from '../../test/helpers.js'
import type { BrokerFill, BrokerOrder, PlaceOrderRequest } from '../Broker.js'
import { isBrokerError } from '../errors.js'
import { PaperBroker } from './PaperBroker.js'

const d = (s: string) => new Decimal(s)

function setup() {
  const broker = new PaperBroker({
    products: [spec('BTC-USD')],
    balances: { USD: '100000', BTC: '2' },
    clock: manualClock(),
  })
  broker.setBook('BTC-USD', {
    bids: [
      ['99', '1'],
      ['98', '2'],
    ],
    asks: [
      ['101', '1'],
      ['102', '2'],
    ],
  })
  const fills: BrokerFill[] = []
  const orders: BrokerOrder[] = []
  broker.subscribe({ fill: (f) => fills.push(f), order: (o) => orders.push(o) })
  return { broker, fills, orders }
}

function req(over: Partial<PlaceOrderRequest>): PlaceOrderRequest {
  return {
    clientOrderId: 'c1',
    symbol: 'BTC-USD',
    side: 'BUY',
    type: 'MARKET',
    size: d('1.5'),
    timeInForce: 'IOC',
    postOnly: false,
    ...over,
  }
}

describe('PaperBroker', () => {
  it('walks the book for a market order and charges the taker fee', async () => {
    const { broker, fills } = setup()
    const order = await broker.placeOrder(req({}))
    expect(order.status).toBe('FILLED')
    expect(fills.map((f) => [f.price.toFixed(), f.size.toFixed(), f.fee.toFixed(), f.liquidity])).toEqual([
      ['101', '1', '0.606', 'TAKER'],
      ['102', '0.5', '0.306', 'TAKER'],
    ])
    expect(order.averageFillPrice?.times(3).toDecimalPlaces(8).toFixed()).toBe('304')
    expect(broker.book('BTC-USD').bestAsk()).toEqual({ price: d('102'), size: d('1.5') })
    const usd = (await broker.getBalances()).find((b) => b.currency === 'USD')!
    expect(usd.available.toFixed()).toBe('99847.088')
  })

  it('rests a limit order, fills it partially when the book crosses, then cancels the rest', async () => {
    const { broker, fills } = setup()
    const order = await broker.placeOrder(
      req({ type: 'LIMIT', price: d('100'), size: d('2'), timeInForce: 'GTC' }),
    )
    expect(order.status).toBe('OPEN')
    expect((await broker.getBalances()).find((b) => b.currency === 'USD')?.hold.toFixed()).toBe('201.2')
    broker.setLevel('BTC-USD', 'SELL', '99.5', '0.5')
    expect(fills).toHaveLength(1)
    expect(fills[0]).toMatchObject({ price: d('100'), size: d('0.5'), liquidity: 'MAKER', fee: d('0.2') })
    expect((await broker.getOrderByClientId('c1'))?.status).toBe('OPEN')
    await broker.cancelOrder({ exchangeOrderId: order.exchangeOrderId, clientOrderId: 'c1' })
    const final = await broker.getOrderByClientId('c1')
    expect(final?.status).toBe('CANCELLED')
    expect(final?.filledSize.toFixed()).toBe('0.5')
    expect(await broker.getOpenOrders()).toEqual([])
  })

  it('fills resting orders from trade prints and edits GTC limits in place', async () => {
    const { broker, fills } = setup()
    const order = await broker.placeOrder(
      req({ side: 'SELL', type: 'LIMIT', price: d('105'), size: d('1'), timeInForce: 'GTC' }),
    )
    const edited = await broker.editOrder({
      exchangeOrderId: order.exchangeOrderId,
      clientOrderId: 'c1',
      price: d('104'),
      size: d('0.8'),
    })
    expect(edited.price?.toFixed()).toBe('104')
    broker.trade('BTC-USD', '104.5', '10')
    expect(fills.map((f) => [f.price.toFixed(), f.size.toFixed()])).toEqual([['104', '0.8']])
    expect((await broker.getOrderByClientId('c1'))?.status).toBe('FILLED')
  })

  it('is idempotent on client order id and deterministic for the same input', async () => {
    const run = async () => {
      const { broker, fills } = setup()
      await broker.placeOrder(req({}))
      await broker.placeOrder(req({}))
      await broker.placeOrder(req({ clientOrderId: 'c2', side: 'SELL', size: d('0.5') }))
      return { fills, orders: await broker.getFillsSince() }
    }
    const a = await run()
    const b = await run()
    expect(a.fills.length).toBe(3)
    expect(a).toEqual(b)
  })

  it('rejects bad orders with the venue reason', async () => {
    const { broker } = setup()
    const reasons: unknown[] = []
    for (const r of [
      req({ size: d('1000') }),
      req({ size: d('0.0001') }),
      req({ symbol: 'DOGE-USD' }),
      req({ type: 'LIMIT', price: d('101'), postOnly: true, timeInForce: 'GTC' }),
    ]) {
      await broker.placeOrder(r).catch((e) => reasons.push(isBrokerError(e) && [e.kind, e.reason]))
    }
    expect(reasons).toEqual([
      ['rejected', 'NO_LIQUIDITY'],
      ['rejected', 'SIZE_BELOW_MIN'],
      ['rejected', 'UNKNOWN_PRODUCT'],
      ['rejected', 'INVALID_LIMIT_PRICE_POST_ONLY'],
    ])
  })

  it('cancels an IOC remainder and a FOK that cannot fill', async () => {
    const { broker } = setup()
    const ioc = await broker.placeOrder(
      req({ type: 'LIMIT', price: d('101'), size: d('2'), timeInForce: 'IOC' }),
    )
    expect([ioc.status, ioc.filledSize.toFixed(), ioc.reason]).toEqual([
      'CANCELLED',
      '1',
      'REMAINDER_CANCELLED',
    ])
    const fok = await broker.placeOrder(
      req({ clientOrderId: 'c2', type: 'LIMIT', price: d('102'), size: d('5'), timeInForce: 'FOK' }),
    )
    expect([fok.status, fok.filledSize.toFixed(), fok.reason]).toEqual(['CANCELLED', '0', 'FOK_NOT_FILLED'])
  })
})
