import type { Client } from '../client/Client.js'
import type { Order } from '../schemas/orders.js'
import type { RequestOptions } from '../transports/http.js'
import { type ListOrdersParameters, listOrders } from './listOrders.js'

/** Parameters of {@link iterateOrders}: `listOrders` filters; `limit` is the page size. */
export type IterateOrdersParameters = Omit<ListOrdersParameters, 'cursor'>
/** An async iterator of orders. */
export type IterateOrdersReturnType = AsyncGenerator<Order, void, undefined>

/**
 * Every matching historical order, page by page, fetched lazily.
 *
 * Docs: https://docs.cdp.coinbase.com/api-reference/advanced-trade-api/rest-api/orders/list-orders
 *
 * @example
 * for await (const order of iterateOrders(client, { order_status: ['OPEN'] })) console.log(order.order_id)
 */
export async function* iterateOrders(
  client: Client,
  params: IterateOrdersParameters = {},
  options?: RequestOptions,
): IterateOrdersReturnType {
  let cursor: string | undefined
  const seen = new Set<string>()
  for (;;) {
    const page = await listOrders(client, { ...params, ...(cursor ? { cursor } : {}) }, options)
    yield* page.orders
    if (!page.has_next || !page.cursor || seen.has(page.cursor)) return
    seen.add(page.cursor)
    cursor = page.cursor
  }
}
