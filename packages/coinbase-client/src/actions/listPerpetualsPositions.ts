import type { z } from 'zod'
import type { Client } from '../client/Client.js'
import { listPerpetualsPositionsResponseSchema } from '../schemas/portfolios.js'
import type { RequestOptions } from '../transports/http.js'
import { requestParsed, segment } from './_internal.js'

/** Parameters of {@link listPerpetualsPositions}. */
export interface ListPerpetualsPositionsParameters {
  portfolio_uuid: string
}
/** `{ positions, portfolio_summary }`. */
export type ListPerpetualsPositionsReturnType = z.output<typeof listPerpetualsPositionsResponseSchema>

/**
 * INTX perpetuals positions of a portfolio.
 *
 * Docs: https://docs.cdp.coinbase.com/api-reference/advanced-trade-api/rest-api/perpetuals/list-perpetuals-positions
 *
 * @example
 * const { positions } = await listPerpetualsPositions(client, { portfolio_uuid })
 */
export function listPerpetualsPositions(
  client: Client,
  params: ListPerpetualsPositionsParameters,
  options?: RequestOptions,
): Promise<ListPerpetualsPositionsReturnType> {
  return requestParsed(
    client,
    {
      method: 'GET',
      path: `/intx/positions/${segment(params.portfolio_uuid)}`,
      auth: 'private',
      action: 'listPerpetualsPositions',
    },
    listPerpetualsPositionsResponseSchema,
    options,
  )
}
