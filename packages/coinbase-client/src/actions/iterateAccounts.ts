import type { Client } from '../client/Client.js'
import type { Account } from '../schemas/accounts.js'
import type { RequestOptions } from '../transports/http.js'
import { type ListAccountsParameters, listAccounts } from './listAccounts.js'

/** Parameters of {@link iterateAccounts}: `listAccounts` filters; `limit` is the page size. */
export type IterateAccountsParameters = Omit<ListAccountsParameters, 'cursor'>
/** An async iterator of accounts. */
export type IterateAccountsReturnType = AsyncGenerator<Account, void, undefined>

/**
 * Every account, page by page (`has_next` + `cursor`), fetched lazily as you iterate.
 *
 * Docs: https://docs.cdp.coinbase.com/api-reference/advanced-trade-api/rest-api/accounts/list-accounts
 *
 * @example
 * for await (const account of iterateAccounts(client, { limit: 250 })) console.log(account.currency)
 */
export async function* iterateAccounts(
  client: Client,
  params: IterateAccountsParameters = {},
  options?: RequestOptions,
): IterateAccountsReturnType {
  let cursor: string | undefined
  const seen = new Set<string>()
  for (;;) {
    const page = await listAccounts(client, { ...params, ...(cursor ? { cursor } : {}) }, options)
    yield* page.accounts
    // A cursor seen before would loop forever; stop instead.
    if (!page.has_next || !page.cursor || seen.has(page.cursor)) return
    seen.add(page.cursor)
    cursor = page.cursor
  }
}
