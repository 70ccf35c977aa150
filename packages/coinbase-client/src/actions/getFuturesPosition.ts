import type { z } from 'zod'
import type { Client } from '../client/Client.js'
import { getFuturesPositionResponseSchema } from '../schemas/portfolios.js'
import type { RequestOptions } from '../transports/http.js'
import { requestParsed, segment } from './_internal.js'

/** Parameters of {@link getFuturesPosition}. */
export interface GetFuturesPositionParameters {
  product_id: string
}
/** `{ position }`. */
export type GetFuturesPositionReturnType = z.output<typeof getFuturesPositionResponseSchema>

/**
 * One CFM (US futures) position.
 *
 * Docs: https://docs.cdp.coinbase.com/api-reference/advanced-trade-api/rest-api/futures/get-futures-position
 *
 * @example
 * const { position } = await getFuturesPosition(client, { product_id: 'BIT-26APR24-CDE' })
 */
export function getFuturesPosition(
  client: Client,
  params: GetFuturesPositionParameters,
  options?: RequestOptions,
): Promise<GetFuturesPositionReturnType> {
  return requestParsed(
    client,
    {
      method: 'GET',
      path: `/cfm/positions/${segment(params.product_id)}`,
      auth: 'private',
      action: 'getFuturesPosition',
    },
    getFuturesPositionResponseSchema,
    options,
  )
}
