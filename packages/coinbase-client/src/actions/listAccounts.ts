import type { z } from 'zod'
import type { Client } from '../client/Client.js'
import { listAccountsResponseSchema } from '../schemas/accounts.js'
import type { RequestOptions } from '../transports/http.js'
import { requestParsed } from './_internal.js'

/** Parameters of {@link listAccounts}. */
export interface ListAccountsParameters {
  /** Default 49, max 250. */
  limit?: number
  cursor?: string
  retail_portfolio_id?: string
}
/** `{ accounts, has_next, cursor, size }`. */
export type ListAccountsReturnType = z.output<typeof listAccountsResponseSchema>

/**
 * One page of accounts (one per currency). See `iterateAccounts` for all pages.
 *
 * Docs: https://docs.cdp.coinbase.com/api-reference/advanced-trade-api/rest-api/accounts/list-accounts
 *
 * @example
 * const { accounts } = await listAccounts(client, { limit: 250 })
 */
export function listAccounts(
  client: Client,
  params: ListAccountsParameters = {},
  options?: RequestOptions,
): Promise<ListAccountsReturnType> {
  return requestParsed(
    client,
    { method: 'GET', path: '/accounts', query: { ...params }, auth: 'private', action: 'listAccounts' },
    listAccountsResponseSchema,
    options,
  )
}
