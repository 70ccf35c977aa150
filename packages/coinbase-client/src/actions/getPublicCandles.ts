import type { z } from 'zod'
import type { Client } from '../client/Client.js'
import { candlesResponseSchema } from '../schemas/products.js'
import type { RequestOptions } from '../transports/http.js'
import { requestParsed, segment } from './_internal.js'
import { type CandlesParameters, candlesQuery } from './candleParams.js'

/** Parameters of {@link getPublicCandles}. */
export type GetPublicCandlesParameters = CandlesParameters
/** `{ candles }`, newest first. */
export type GetPublicCandlesReturnType = z.output<typeof candlesResponseSchema>

/**
 * Candles from the public `market/` endpoint (no credentials).
 *
 * Docs: https://docs.cdp.coinbase.com/api-reference/advanced-trade-api/rest-api/public/get-public-product-candles
 *
 * @example
 * const { candles } = await getPublicCandles(client, { product_id: 'BTC-USD', start, end, granularity: 'ONE_HOUR' })
 */
export async function getPublicCandles(
  client: Client,
  params: GetPublicCandlesParameters,
  options?: RequestOptions,
): Promise<GetPublicCandlesReturnType> {
  return requestParsed(
    client,
    {
      method: 'GET',
      path: `/market/products/${segment(params.product_id)}/candles`,
      query: candlesQuery(params),
      auth: 'public',
      action: 'getPublicCandles',
    },
    candlesResponseSchema,
    options,
  )
}
