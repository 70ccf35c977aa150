import {
  CoinbaseAdvTradeClient,
  CoinbaseAdvTradeCredentials,
  OrdersService,
  ProductsService,
} from '@coinbase-sample/advanced-trade-sdk-ts/dist/index.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type CoinbaseSim, startCoinbaseSim } from '../src/index.js'

/**
 * The official sample SDK (third-party client) against the sim. It signs JWTs with the wall clock
 * (hence `authClock: 'wall'`), signs `uri` as `METHOD 127.0.0.1:PORT/path`, and sends camelCase
 * query/body names (which Coinbase's grpc-gateway front accepts, and so does the sim). It needs
 * `@coinbase-sample/core-ts` at run time although it declares it only as a devDependency.
 */
let sim: CoinbaseSim
beforeAll(async () => {
  sim = await startCoinbaseSim({ authClock: 'wall' })
})
afterAll(async () => {
  await sim.close()
})

describe.each(['ES256', 'EdDSA'] as const)('official sample SDK with an %s key', (alg) => {
  it('lists products, reads a book, places, lists and cancels a limit order', async () => {
    const cred = sim.credentials.find((c) => c.algorithm === alg)
    if (!cred) throw new Error('no key')
    const client = new CoinbaseAdvTradeClient(
      new CoinbaseAdvTradeCredentials(cred.apiKeyName, cred.privateKey),
      `${sim.restUrl}/api/v3/brokerage/`,
    )
    const products = new ProductsService(client)
    const orders = new OrdersService(client)
    const list = (await products.listProducts({})) as { products: { productId: string }[] }
    expect(list.products.map((p) => p.productId)).toEqual(['BTC-USD', 'ETH-USD'])
    const book = (await products.getProductBook({ productId: 'BTC-USD', limit: 3 })) as {
      pricebook: { bids: { price: string }[]; asks: { price: string }[] }
    }
    expect(book.pricebook.bids).toHaveLength(3)
    const created = (await orders.createOrder({
      clientOrderId: `sdk-${alg}`,
      productId: 'BTC-USD',
      side: 'BUY',
      orderConfiguration: { limitLimitGtc: { baseSize: '0.001', limitPrice: '50000.00', postOnly: true } },
    } as never)) as { success: boolean; orderId: string }
    expect(created.success).toBe(true)
    const open = (await orders.listOrders({ orderStatus: ['OPEN'], productIds: ['BTC-USD'] } as never)) as {
      orders: { orderId: string }[]
    }
    expect(open.orders.map((o) => o.orderId)).toContain(created.orderId)
    const cancelled = (await orders.cancelOrders({ orderIds: [created.orderId] } as never)) as unknown as {
      results: { success: boolean }[]
    }
    expect(cancelled.results).toEqual([
      { success: true, failureReason: 'UNKNOWN_CANCEL_FAILURE_REASON', orderId: created.orderId },
    ])
    const after = sim.control
      .orders()
      .find((o) => (o as { order_id: string }).order_id === created.orderId) as { status: string }
    expect(after.status).toBe('CANCELLED')
  })
})
