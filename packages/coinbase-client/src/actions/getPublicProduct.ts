import type { z } from 'zod'
import type { Client } from '../client/Client.js'
import { productSchema } from '../schemas/products.js'
import type { RequestOptions } from '../transports/http.js'
import { requestParsed, segment } from './_internal.js'

/** Parameters of {@link getPublicProduct}. */
export interface GetPublicProductParameters {
  product_id: string
}
/** A product with increments and limits as `Decimal`. */
export type GetPublicProductReturnType = z.output<typeof productSchema>

/**
 * One product from the public `market/` endpoint (no credentials; cached ~1 s by Coinbase).
 *
 * Docs: https://docs.cdp.coinbase.com/api-reference/advanced-trade-api/rest-api/public/get-public-product
 *
 * @example
 * const product = await getPublicProduct(client, { product_id: 'BTC-USD' })
 */
export function getPublicProduct(
  client: Client,
  params: GetPublicProductParameters,
  options?: RequestOptions,
): Promise<GetPublicProductReturnType> {
  return requestParsed(
    client,
    {
      method: 'GET',
      path: `/market/products/${segment(params.product_id)}`,
      auth: 'public',
      action: 'getPublicProduct',
    },
    productSchema,
    options,
  )
}
