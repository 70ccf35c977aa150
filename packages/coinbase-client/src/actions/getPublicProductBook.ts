import type { z } from 'zod'
import type { Client } from '../client/Client.js'
import { productBookResponseSchema } from '../schemas/products.js'
import type { RequestOptions } from '../transports/http.js'
import { requestParsed } from './_internal.js'

/** Parameters of {@link getPublicProductBook}. */
export interface GetPublicProductBookParameters {
  product_id: string
  /** At most 1000 levels per side on the public endpoint. */
  limit?: number
  aggregation_price_increment?: string
}
/** `{ pricebook, last, mid_market, spread_bps, spread_absolute }`. */
export type GetPublicProductBookReturnType = z.output<typeof productBookResponseSchema>

/**
 * Order book snapshot from the public `market/` endpoint (no credentials).
 *
 * Docs: https://docs.cdp.coinbase.com/api-reference/advanced-trade-api/rest-api/public/get-public-product-book
 *
 * @example
 * const { pricebook } = await getPublicProductBook(client, { product_id: 'BTC-USD', limit: 5 })
 */
export function getPublicProductBook(
  client: Client,
  params: GetPublicProductBookParameters,
  options?: RequestOptions,
): Promise<GetPublicProductBookReturnType> {
  return requestParsed(
    client,
    {
      method: 'GET',
      path: '/market/product_book',
      query: { ...params },
      auth: 'public',
      action: 'getPublicProductBook',
    },
    productBookResponseSchema,
    options,
  )
}
