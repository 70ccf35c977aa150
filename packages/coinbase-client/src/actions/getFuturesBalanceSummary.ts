import type { z } from 'zod'
import type { Client } from '../client/Client.js'
import { futuresBalanceSummaryResponseSchema } from '../schemas/portfolios.js'
import type { RequestOptions } from '../transports/http.js'
import { requestParsed } from './_internal.js'

/** No parameters. */
export type GetFuturesBalanceSummaryParameters = Record<string, never>
/** `{ balance_summary }` with `{ value, currency }` amounts. */
export type GetFuturesBalanceSummaryReturnType = z.output<typeof futuresBalanceSummaryResponseSchema>

/**
 * CFM (US futures) balance summary.
 *
 * Docs: https://docs.cdp.coinbase.com/api-reference/advanced-trade-api/rest-api/futures/get-futures-balance-summary
 *
 * @example
 * const { balance_summary } = await getFuturesBalanceSummary(client)
 */
export function getFuturesBalanceSummary(
  client: Client,
  _params: GetFuturesBalanceSummaryParameters = {},
  options?: RequestOptions,
): Promise<GetFuturesBalanceSummaryReturnType> {
  return requestParsed(
    client,
    { method: 'GET', path: '/cfm/balance_summary', auth: 'private', action: 'getFuturesBalanceSummary' },
    futuresBalanceSummaryResponseSchema,
    options,
  )
}
