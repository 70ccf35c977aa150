import type { Client } from '../client/Client.js'
import type { Order } from '../schemas/orders.js'
import type { RequestOptions } from '../transports/http.js'
import { listOrders } from './listOrders.js'

/** Parameters of {@link findOrderByClientOrderId}. */
export interface FindOrderByClientOrderIdParameters {
  client_order_id: string
  /** Narrows the search; strongly recommended. */
  product_id?: string
  /** Only orders created at or after this time are searched. Default: 24 h before now. */
  since?: Date
  /** Pages of 250 orders to scan at most. Default 8. */
  maxPages?: number
}
/** The order, or `null` when no order carries that client order id. */
export type FindOrderByClientOrderIdReturnType = Order | null

/**
 * Looks an order up by the `client_order_id` the caller chose, by scanning recent historical orders
 * (Coinbase has no direct lookup by client id). Used after an order request got no answer, and for
 * reconciliation.
 *
 * Docs: https://docs.cdp.coinbase.com/api-reference/advanced-trade-api/rest-api/orders/list-orders
 *
 * @example
 * const order = await findOrderByClientOrderId(client, { client_order_id: id, product_id: 'BTC-USD' })
 */
export async function findOrderByClientOrderId(
  client: Client,
  params: FindOrderByClientOrderIdParameters,
  options?: RequestOptions,
): Promise<FindOrderByClientOrderIdReturnType> {
  const since = params.since ?? new Date(client.venueClock.now() - 24 * 3600 * 1000)
  const maxPages = params.maxPages ?? 8
  let cursor: string | undefined
  for (let page = 0; page < maxPages; page++) {
    const result = await listOrders(
      client,
      {
        ...(params.product_id ? { product_ids: [params.product_id] } : {}),
        start_date: since,
        limit: 250,
        ...(cursor ? { cursor } : {}),
      },
      options,
    )
    const match = result.orders.find((o) => o.client_order_id === params.client_order_id)
    if (match) return match
    if (!result.has_next || !result.cursor || result.cursor === cursor) return null
    cursor = result.cursor
  }
  return null
}
