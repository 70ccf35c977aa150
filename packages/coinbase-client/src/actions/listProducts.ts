import type { z } from 'zod'
import type { Client } from '../client/Client.js'
import { listProductsResponseSchema } from '../schemas/products.js'
import type { RequestOptions } from '../transports/http.js'
import { requestParsed } from './_internal.js'

/** Parameters of {@link listProducts}. */
export interface ListProductsParameters {
  limit?: number
  offset?: number
  product_type?: 'SPOT' | 'FUTURE'
  product_ids?: readonly string[]
  contract_expiry_type?: 'EXPIRING' | 'PERPETUAL'
  expiring_contract_status?: string
  get_tradability_status?: boolean
  get_all_products?: boolean
}
/** `{ products, num_products }`. */
export type ListProductsReturnType = z.output<typeof listProductsResponseSchema>

/**
 * Lists products (authenticated).
 *
 * Docs: https://docs.cdp.coinbase.com/api-reference/advanced-trade-api/rest-api/products/list-products
 *
 * @example
 * const { products } = await listProducts(client, { product_type: 'SPOT' })
 */
export function listProducts(
  client: Client,
  params: ListProductsParameters = {},
  options?: RequestOptions,
): Promise<ListProductsReturnType> {
  return requestParsed(
    client,
    { method: 'GET', path: '/products', query: { ...params }, auth: 'private', action: 'listProducts' },
    listProductsResponseSchema,
    options,
  )
}
