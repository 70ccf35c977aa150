import type { z } from 'zod'
import type { Client } from '../client/Client.js'
import { listFillsResponseSchema } from '../schemas/orders.js'
import type { RequestOptions } from '../transports/http.js'
import { requestParsed } from './_internal.js'

/** Parameters of {@link listFills}. */
export interface ListFillsParameters {
  order_ids?: readonly string[]
  trade_ids?: readonly string[]
  product_ids?: readonly string[]
  start_sequence_timestamp?: Date
  end_sequence_timestamp?: Date
  retail_portfolio_id?: string
  /** Default 100. */
  limit?: number
  cursor?: string
  sort_by?: 'PRICE' | 'TRADE_TIME'
}
/** `{ fills, cursor }` (empty cursor = last page). */
export type ListFillsReturnType = z.output<typeof listFillsResponseSchema>

/**
 * One page of fills. See `iterateFills` for all pages.
 *
 * Docs: https://docs.cdp.coinbase.com/api-reference/advanced-trade-api/rest-api/orders/list-fills
 *
 * @example
 * const { fills } = await listFills(client, { order_ids: [orderId] })
 */
export function listFills(
  client: Client,
  params: ListFillsParameters = {},
  options?: RequestOptions,
): Promise<ListFillsReturnType> {
  return requestParsed(
    client,
    {
      method: 'GET',
      path: '/orders/historical/fills',
      query: { ...params },
      auth: 'private',
      action: 'listFills',
    },
    listFillsResponseSchema,
    options,
  )
}
