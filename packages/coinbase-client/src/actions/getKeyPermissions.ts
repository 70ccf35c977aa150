import type { z } from 'zod'
import type { Client } from '../client/Client.js'
import { keyPermissionsResponseSchema } from '../schemas/portfolios.js'
import type { RequestOptions } from '../transports/http.js'
import { requestParsed } from './_internal.js'

/** No parameters. */
export type GetKeyPermissionsParameters = Record<string, never>
/** `{ can_view, can_trade, can_transfer, portfolio_uuid, portfolio_type }`. */
export type GetKeyPermissionsReturnType = z.output<typeof keyPermissionsResponseSchema>

/**
 * What the API key may do. A cheap way to check credentials at start-up.
 *
 * Docs: https://docs.cdp.coinbase.com/api-reference/advanced-trade-api/rest-api/data-api/get-api-key-permissions
 *
 * @example
 * const { can_trade } = await getKeyPermissions(client)
 */
export function getKeyPermissions(
  client: Client,
  _params: GetKeyPermissionsParameters = {},
  options?: RequestOptions,
): Promise<GetKeyPermissionsReturnType> {
  return requestParsed(
    client,
    { method: 'GET', path: '/key_permissions', auth: 'private', action: 'getKeyPermissions' },
    keyPermissionsResponseSchema,
    options,
  )
}
