import type { z } from 'zod'
import type { Client } from '../client/Client.js'
import { candlesResponseSchema } from '../schemas/products.js'
import type { RequestOptions } from '../transports/http.js'
import { requestParsed, segment } from './_internal.js'
import { type CandlesParameters, candlesQuery } from './candleParams.js'

/** Parameters of {@link getCandles}. */
export type GetCandlesParameters = CandlesParameters
/** `{ candles: [{ start: Date, low, high, open, close, volume }] }`, newest first. */
export type GetCandlesReturnType = z.output<typeof candlesResponseSchema>

/**
 * Candles for a product (authenticated). More than 350 buckets in the range raises `BadRequest`.
 *
 * Docs: https://docs.cdp.coinbase.com/api-reference/advanced-trade-api/rest-api/products/get-product-candles
 *
 * @example
 * const { candles } = await getCandles(client, { product_id: 'BTC-USD', start: new Date(Date.now() - 3_600_000), end: new Date(), granularity: 'ONE_MINUTE' })
 */
export async function getCandles(
  client: Client,
  params: GetCandlesParameters,
  options?: RequestOptions,
): Promise<GetCandlesReturnType> {
  return requestParsed(
    client,
    {
      method: 'GET',
      path: `/products/${segment(params.product_id)}/candles`,
      query: candlesQuery(params),
      auth: 'private',
      action: 'getCandles',
    },
    candlesResponseSchema,
    options,
  )
}
