import type { z } from 'zod'
import type { Client } from '../client/Client.js'
import { getAccountResponseSchema } from '../schemas/accounts.js'
import type { RequestOptions } from '../transports/http.js'
import { requestParsed, segment } from './_internal.js'

/** Parameters of {@link getAccount}. */
export interface GetAccountParameters {
  account_uuid: string
}
/** `{ account }`. */
export type GetAccountReturnType = z.output<typeof getAccountResponseSchema>

/**
 * One account by uuid.
 *
 * Docs: https://docs.cdp.coinbase.com/api-reference/advanced-trade-api/rest-api/accounts/get-account
 *
 * @example
 * const { account } = await getAccount(client, { account_uuid })
 * account.available_balance.value.toFixed()
 */
export function getAccount(
  client: Client,
  params: GetAccountParameters,
  options?: RequestOptions,
): Promise<GetAccountReturnType> {
  return requestParsed(
    client,
    {
      method: 'GET',
      path: `/accounts/${segment(params.account_uuid)}`,
      auth: 'private',
      action: 'getAccount',
    },
    getAccountResponseSchema,
    options,
  )
}
