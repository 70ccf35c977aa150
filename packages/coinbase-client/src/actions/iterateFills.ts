import type { Client } from '../client/Client.js'
import type { Fill } from '../schemas/orders.js'
import type { RequestOptions } from '../transports/http.js'
import { type ListFillsParameters, listFills } from './listFills.js'

/** Parameters of {@link iterateFills}: `listFills` filters; `limit` is the page size. */
export type IterateFillsParameters = Omit<ListFillsParameters, 'cursor'>
/** An async iterator of fills. */
export type IterateFillsReturnType = AsyncGenerator<Fill, void, undefined>

/**
 * Every matching fill, page by page (the fills endpoint has only `cursor`; empty means done).
 *
 * Docs: https://docs.cdp.coinbase.com/api-reference/advanced-trade-api/rest-api/orders/list-fills
 *
 * @example
 * for await (const fill of iterateFills(client, { product_ids: ['BTC-USD'] })) console.log(fill.price.toFixed())
 */
export async function* iterateFills(
  client: Client,
  params: IterateFillsParameters = {},
  options?: RequestOptions,
): IterateFillsReturnType {
  let cursor: string | undefined
  const seen = new Set<string>()
  for (;;) {
    const page = await listFills(client, { ...params, ...(cursor ? { cursor } : {}) }, options)
    yield* page.fills
    if (page.fills.length === 0 || !page.cursor || seen.has(page.cursor)) return
    seen.add(page.cursor)
    cursor = page.cursor
  }
}
