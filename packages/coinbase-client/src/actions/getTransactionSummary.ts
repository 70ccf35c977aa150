import type { z } from 'zod'
import type { Client } from '../client/Client.js'
import { transactionSummaryResponseSchema } from '../schemas/fees.js'
import type { RequestOptions } from '../transports/http.js'
import { requestParsed } from './_internal.js'

/** Parameters of {@link getTransactionSummary}. */
export interface GetTransactionSummaryParameters {
  product_type?: 'SPOT' | 'FUTURE'
  contract_expiry_type?: 'EXPIRING' | 'PERPETUAL'
  product_venue?: 'CBE' | 'FCM' | 'INTX'
}
/** Volumes, fees and the fee tier (`maker_fee_rate`, `taker_fee_rate` as `Decimal`). */
export type GetTransactionSummaryReturnType = z.output<typeof transactionSummaryResponseSchema>

/**
 * Fee tier and 30-day volume.
 *
 * Docs: https://docs.cdp.coinbase.com/api-reference/advanced-trade-api/rest-api/fees/get-transaction-summary
 *
 * @example
 * const { fee_tier } = await getTransactionSummary(client)
 * fee_tier.taker_fee_rate?.toFixed()
 */
export function getTransactionSummary(
  client: Client,
  params: GetTransactionSummaryParameters = {},
  options?: RequestOptions,
): Promise<GetTransactionSummaryReturnType> {
  return requestParsed(
    client,
    {
      method: 'GET',
      path: '/transaction_summary',
      query: { ...params },
      auth: 'private',
      action: 'getTransactionSummary',
    },
    transactionSummaryResponseSchema,
    options,
  )
}
