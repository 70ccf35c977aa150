import type { z } from 'zod'
import type { Client } from '../client/Client.js'
import { bestBidAskResponseSchema } from '../schemas/products.js'
import type { RequestOptions } from '../transports/http.js'
import { requestParsed } from './_internal.js'

/** Parameters of {@link getBestBidAsk}. */
export interface GetBestBidAskParameters {
  /** Omit for every product. */
  product_ids?: readonly string[]
}
/** `{ pricebooks: [{ product_id, bids: [best], asks: [best], time }] }`. */
export type GetBestBidAskReturnType = z.output<typeof bestBidAskResponseSchema>

/**
 * Best bid and ask for several products (authenticated).
 *
 * Docs: https://docs.cdp.coinbase.com/api-reference/advanced-trade-api/rest-api/products/get-best-bid-ask
 *
 * @example
 * const { pricebooks } = await getBestBidAsk(client, { product_ids: ['BTC-USD'] })
 */
export function getBestBidAsk(
  client: Client,
  params: GetBestBidAskParameters = {},
  options?: RequestOptions,
): Promise<GetBestBidAskReturnType> {
  return requestParsed(
    client,
    { method: 'GET', path: '/best_bid_ask', query: { ...params }, auth: 'private', action: 'getBestBidAsk' },
    bestBidAskResponseSchema,
    options,
  )
}
