import type { z } from 'zod'
import type { Client } from '../client/Client.js'
import { listProductsResponseSchema } from '../schemas/products.js'
import type { RequestOptions } from '../transports/http.js'
import { requestParsed } from './_internal.js'

/** Parameters of {@link listPublicProducts}. */
export interface ListPublicProductsParameters {
  limit?: number
  offset?: number
  product_type?: 'SPOT' | 'FUTURE'
  product_ids?: readonly string[]
  contract_expiry_type?: 'EXPIRING' | 'PERPETUAL'
  expiring_contract_status?: string
  get_all_products?: boolean
}
/** `{ products, num_products }`. */
export type ListPublicProductsReturnType = z.output<typeof listProductsResponseSchema>

/**
 * Lists products from the public `market/` endpoint (no credentials).
 *
 * Docs: https://docs.cdp.coinbase.com/api-reference/advanced-trade-api/rest-api/public/list-public-products
 *
 * @example
 * const { products } = await listPublicProducts(client, { product_ids: ['BTC-USD', 'ETH-USD'] })
 */
export function listPublicProducts(
  client: Client,
  params: ListPublicProductsParameters = {},
  options?: RequestOptions,
): Promise<ListPublicProductsReturnType> {
  return requestParsed(
    client,
    {
      method: 'GET',
      path: '/market/products',
      query: { ...params },
      auth: 'public',
      action: 'listPublicProducts',
    },
    listProductsResponseSchema,
    options,
  )
}
