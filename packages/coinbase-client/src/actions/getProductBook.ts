import type { z } from 'zod'
import type { Client } from '../client/Client.js'
import { productBookResponseSchema } from '../schemas/products.js'
import type { RequestOptions } from '../transports/http.js'
import { requestParsed } from './_internal.js'

/** Parameters of {@link getProductBook}. */
export interface GetProductBookParameters {
  product_id: string
  limit?: number
  /** e.g. `'0.01'`: aggregate levels to this price increment. */
  aggregation_price_increment?: string
}
/** `{ pricebook: { bids, asks, time }, last, mid_market, spread_bps, spread_absolute }`. */
export type GetProductBookReturnType = z.output<typeof productBookResponseSchema>

/**
 * Order book snapshot (authenticated), best levels first.
 *
 * Docs: https://docs.cdp.coinbase.com/api-reference/advanced-trade-api/rest-api/products/get-product-book
 *
 * @example
 * const { pricebook } = await getProductBook(client, { product_id: 'BTC-USD', limit: 10 })
 */
export function getProductBook(
  client: Client,
  params: GetProductBookParameters,
  options?: RequestOptions,
): Promise<GetProductBookReturnType> {
  return requestParsed(
    client,
    { method: 'GET', path: '/product_book', query: { ...params }, auth: 'private', action: 'getProductBook' },
    productBookResponseSchema,
    options,
  )
}
