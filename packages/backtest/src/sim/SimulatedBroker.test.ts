import { Decimal, productSpec } from '@gpt-trader/validation'
import { describe, expect, it } from 'vitest'
import { makeBar } from '../data/Bar.js'
import { seededRandom } from './random.js'
import { SimulatedBroker } from './SimulatedBroker.js'

const product = productSpec.parse({
  product_id: 'BTC-USD',
  base_increment: '0.00000001',
  quote_increment: '0.01',
  price_increment: '0.01',
  base_min_size: '0.00000001',
  base_max_size: '1000',
  quote_min_size: '1',
  quote_max_size: '1000000',
  status: 'online',
  product_type: 'SPOT',
})

function broker(): SimulatedBroker {
  let now = 0
  return new SimulatedBroker({
    product,
    cash: '100000',
    random: seededRandom(1),
    clock: { now: () => now++ },
  })
}

const limit = (clientOrderId: string, price: string) => ({
  clientOrderId,
  symbol: 'BTC-USD',
  side: 'BUY' as const,
  type: 'LIMIT' as const,
  size: new Decimal('0.5'),
  price: new Decimal(price),
  timeInForce: 'GTC' as const,
  postOnly: false,
})

describe('SimulatedBroker: orders by venue id', () => {
  it('finds its orders by bt-order-N for cancel, edit and fills, and nothing else', async () => {
    const venue = broker()
    venue.setLastClose(new Decimal('100'))
    const first = await venue.placeOrder(limit('a', '90'))
    const second = await venue.placeOrder(limit('b', '80'))
    expect([first.exchangeOrderId, second.exchangeOrderId]).toEqual(['bt-order-1', 'bt-order-2'])
    // A bar trading through 90 fills the first order only.
    expect(venue.onBar(makeBar(10, '95', '96', '89', '95', '10'))).toBe(true)
    const fills = await venue.getFillsSince(undefined, { exchangeOrderId: 'bt-order-1' })
    expect(fills.fills.map((f) => [f.clientOrderId, f.price.toFixed(), f.size.toFixed()])).toEqual([
      ['a', '90', '0.5'],
    ])
    const edited = await venue.editOrder({
      exchangeOrderId: 'bt-order-2',
      clientOrderId: 'b',
      price: new Decimal('81'),
      size: new Decimal('0.4'),
    })
    expect([edited.price?.toFixed(), edited.size.toFixed()]).toEqual(['81', '0.4'])
    await venue.cancelOrder({ exchangeOrderId: 'bt-order-2', clientOrderId: 'b' })
    expect((await venue.getOrderByClientId('b'))?.status).toBe('CANCELLED')
    for (const id of ['bt-order-01', 'bt-order-0', 'bt-order-3', 'bt-order-1.0', 'order-1', '']) {
      expect((await venue.getFillsSince(undefined, { exchangeOrderId: id })).fills).toEqual([])
    }
    await expect(
      venue.editOrder({
        exchangeOrderId: 'bt-order-01',
        clientOrderId: 'b',
        price: new Decimal('1'),
        size: new Decimal('1'),
      }),
    ).rejects.toThrowErrorMatchingInlineSnapshot(`[BrokerError: Order b not found]`)
    // Cancel falls back to the client order id when the venue id is unknown.
    await expect(
      venue.cancelOrder({ exchangeOrderId: 'nope', clientOrderId: 'a' }),
    ).rejects.toThrowErrorMatchingInlineSnapshot(`[BrokerError: Order a is FILLED, not open]`)
  })
})
