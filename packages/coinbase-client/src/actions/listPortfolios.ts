import type { z } from 'zod'
import type { Client } from '../client/Client.js'
import { listPortfoliosResponseSchema } from '../schemas/portfolios.js'
import type { RequestOptions } from '../transports/http.js'
import { requestParsed } from './_internal.js'

/** Parameters of {@link listPortfolios}. */
export interface ListPortfoliosParameters {
  portfolio_type?: 'UNDEFINED' | 'DEFAULT' | 'CONSUMER' | 'INTX'
}
/** `{ portfolios: [{ name, uuid, type, deleted }] }`. */
export type ListPortfoliosReturnType = z.output<typeof listPortfoliosResponseSchema>

/**
 * Lists portfolios.
 *
 * Docs: https://docs.cdp.coinbase.com/api-reference/advanced-trade-api/rest-api/portfolios/list-portfolios
 *
 * @example
 * const { portfolios } = await listPortfolios(client)
 */
export function listPortfolios(
  client: Client,
  params: ListPortfoliosParameters = {},
  options?: RequestOptions,
): Promise<ListPortfoliosReturnType> {
  return requestParsed(
    client,
    { method: 'GET', path: '/portfolios', query: { ...params }, auth: 'private', action: 'listPortfolios' },
    listPortfoliosResponseSchema,
    options,
  )
}
