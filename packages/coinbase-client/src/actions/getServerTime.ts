import type { z } from 'zod'
import type { Client } from '../client/Client.js'
import { serverTimeResponseSchema } from '../schemas/products.js'
import type { RequestOptions } from '../transports/http.js'
import { requestParsed } from './_internal.js'

/** No parameters. */
export type GetServerTimeParameters = Record<string, never>
/** `{ iso: Date, epochSeconds: number, epochMillis: number }`. */
export type GetServerTimeReturnType = z.output<typeof serverTimeResponseSchema>

/**
 * The exchange's clock (public, no credentials). Use it to measure skew: JWTs carry `nbf = now`, so a
 * local clock running ahead of Coinbase's produces 401s.
 *
 * Docs: https://docs.cdp.coinbase.com/api-reference/advanced-trade-api/rest-api/public/get-server-time
 *
 * @example
 * const { epochMillis } = await getServerTime(client)
 */
export function getServerTime(
  client: Client,
  _params: GetServerTimeParameters = {},
  options?: RequestOptions,
): Promise<GetServerTimeReturnType> {
  return requestParsed(
    client,
    { method: 'GET', path: '/time', auth: 'public', action: 'getServerTime' },
    serverTimeResponseSchema,
    options,
  )
}
