import type { z } from 'zod'
import type { Client } from '../client/Client.js'
import { marketTradesResponseSchema } from '../schemas/products.js'
import type { RequestOptions } from '../transports/http.js'
import { requestParsed, segment } from './_internal.js'

/** Parameters of {@link getMarketTrades}. */
export interface GetMarketTradesParameters {
  product_id: string
  /** Required by Coinbase; at most 100 trades are returned. */
  limit: number
  start?: Date | number
  end?: Date | number
}
/** `{ trades, best_bid, best_ask }`. */
export type GetMarketTradesReturnType = z.output<typeof marketTradesResponseSchema>

function seconds(value: Date | number | undefined): string | undefined {
  if (value === undefined) return undefined
  return String(Math.floor(value instanceof Date ? value.getTime() / 1000 : value))
}

/** @internal */
export function marketTradesQuery(params: GetMarketTradesParameters) {
  return { limit: params.limit, start: seconds(params.start), end: seconds(params.end) }
}

/**
 * Recent public trades and the best bid/ask (authenticated). `side` is the maker's side.
 *
 * Docs: https://docs.cdp.coinbase.com/api-reference/advanced-trade-api/rest-api/products/get-market-trades
 *
 * @example
 * const { trades } = await getMarketTrades(client, { product_id: 'BTC-USD', limit: 50 })
 */
export function getMarketTrades(
  client: Client,
  params: GetMarketTradesParameters,
  options?: RequestOptions,
): Promise<GetMarketTradesReturnType> {
  return requestParsed(
    client,
    {
      method: 'GET',
      path: `/products/${segment(params.product_id)}/ticker`,
      query: marketTradesQuery(params),
      auth: 'private',
      action: 'getMarketTrades',
    },
    marketTradesResponseSchema,
    options,
  )
}
