import type { z } from 'zod'
import type { Client } from '../client/Client.js'
import { productSchema } from '../schemas/products.js'
import type { RequestOptions } from '../transports/http.js'
import { requestParsed, segment } from './_internal.js'

/** Parameters of {@link getProduct}. */
export interface GetProductParameters {
  product_id: string
  get_tradability_status?: boolean
}
/** A product with increments and limits as `Decimal`. */
export type GetProductReturnType = z.output<typeof productSchema>

/**
 * One product (authenticated). Unknown ids raise `BadSymbol`.
 *
 * Docs: https://docs.cdp.coinbase.com/api-reference/advanced-trade-api/rest-api/products/get-product
 *
 * @example
 * const product = await getProduct(client, { product_id: 'BTC-USD' })
 * product.price_increment.toFixed() // '0.01'
 */
export function getProduct(
  client: Client,
  params: GetProductParameters,
  options?: RequestOptions,
): Promise<GetProductReturnType> {
  return requestParsed(
    client,
    {
      method: 'GET',
      path: `/products/${segment(params.product_id)}`,
      query: { get_tradability_status: params.get_tradability_status },
      auth: 'private',
      action: 'getProduct',
    },
    productSchema,
    options,
  )
}
