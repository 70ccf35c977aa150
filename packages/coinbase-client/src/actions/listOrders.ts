import type { z } from 'zod'
import type { Client } from '../client/Client.js'
import { listOrdersResponseSchema } from '../schemas/orders.js'
import type { RequestOptions } from '../transports/http.js'
import { requestParsed } from './_internal.js'

/** Parameters of {@link listOrders}. */
export interface ListOrdersParameters {
  order_ids?: readonly string[]
  product_ids?: readonly string[]
  product_type?: 'SPOT' | 'FUTURE'
  order_status?: readonly string[]
  time_in_forces?: readonly string[]
  order_types?: readonly string[]
  order_side?: 'BUY' | 'SELL'
  /** Sent as RFC 3339. */
  start_date?: Date
  end_date?: Date
  order_placement_source?: string
  contract_expiry_type?: string
  asset_filters?: readonly string[]
  retail_portfolio_id?: string
  limit?: number
  cursor?: string
  sort_by?: 'LIMIT_PRICE' | 'LAST_FILL_TIME'
}
/** `{ orders, has_next, cursor, sequence }`. */
export type ListOrdersReturnType = z.output<typeof listOrdersResponseSchema>

/**
 * One page of historical orders. See `iterateOrders` for all pages.
 *
 * Docs: https://docs.cdp.coinbase.com/api-reference/advanced-trade-api/rest-api/orders/list-orders
 *
 * @example
 * const { orders } = await listOrders(client, { order_status: ['OPEN'], product_ids: ['BTC-USD'] })
 */
export function listOrders(
  client: Client,
  params: ListOrdersParameters = {},
  options?: RequestOptions,
): Promise<ListOrdersReturnType> {
  return requestParsed(
    client,
    {
      method: 'GET',
      path: '/orders/historical/batch',
      query: { ...params },
      auth: 'private',
      action: 'listOrders',
    },
    listOrdersResponseSchema,
    options,
  )
}
