import type { z } from 'zod'
import type { Client } from '../client/Client.js'
import { marketTradesResponseSchema } from '../schemas/products.js'
import type { RequestOptions } from '../transports/http.js'
import { requestParsed, segment } from './_internal.js'
import { type GetMarketTradesParameters, marketTradesQuery } from './getMarketTrades.js'

/** Parameters of {@link getPublicMarketTrades}. */
export type GetPublicMarketTradesParameters = GetMarketTradesParameters
/** `{ trades, best_bid, best_ask }`. */
export type GetPublicMarketTradesReturnType = z.output<typeof marketTradesResponseSchema>

/**
 * Recent public trades from the public `market/` endpoint (no credentials).
 *
 * Docs: https://docs.cdp.coinbase.com/api-reference/advanced-trade-api/rest-api/public/get-public-market-trades
 *
 * @example
 * const { trades } = await getPublicMarketTrades(client, { product_id: 'BTC-USD', limit: 10 })
 */
export function getPublicMarketTrades(
  client: Client,
  params: GetPublicMarketTradesParameters,
  options?: RequestOptions,
): Promise<GetPublicMarketTradesReturnType> {
  return requestParsed(
    client,
    {
      method: 'GET',
      path: `/market/products/${segment(params.product_id)}/ticker`,
      query: marketTradesQuery(params),
      auth: 'public',
      action: 'getPublicMarketTrades',
    },
    marketTradesResponseSchema,
    options,
  )
}
