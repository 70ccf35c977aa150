import type { z } from 'zod'
import type { Client } from '../client/Client.js'
import { listFuturesPositionsResponseSchema } from '../schemas/portfolios.js'
import type { RequestOptions } from '../transports/http.js'
import { requestParsed } from './_internal.js'

/** No parameters. */
export type ListFuturesPositionsParameters = Record<string, never>
/** `{ positions }`. */
export type ListFuturesPositionsReturnType = z.output<typeof listFuturesPositionsResponseSchema>

/**
 * Open CFM (US futures) positions.
 *
 * Docs: https://docs.cdp.coinbase.com/api-reference/advanced-trade-api/rest-api/futures/list-futures-positions
 *
 * @example
 * const { positions } = await listFuturesPositions(client)
 */
export function listFuturesPositions(
  client: Client,
  _params: ListFuturesPositionsParameters = {},
  options?: RequestOptions,
): Promise<ListFuturesPositionsReturnType> {
  return requestParsed(
    client,
    { method: 'GET', path: '/cfm/positions', auth: 'private', action: 'listFuturesPositions' },
    listFuturesPositionsResponseSchema,
    options,
  )
}
