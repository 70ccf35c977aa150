import type { z } from 'zod'
import type { Client } from '../client/Client.js'
import { getOrderResponseSchema } from '../schemas/orders.js'
import type { RequestOptions } from '../transports/http.js'
import { requestParsed, segment } from './_internal.js'

/** Parameters of {@link getOrder}. */
export interface GetOrderParameters {
  order_id: string
}
/** `{ order }`. */
export type GetOrderReturnType = z.output<typeof getOrderResponseSchema>

/**
 * One order by its exchange id. Unknown ids raise `OrderNotFound`.
 *
 * Docs: https://docs.cdp.coinbase.com/api-reference/advanced-trade-api/rest-api/orders/get-order
 *
 * @example
 * const { order } = await getOrder(client, { order_id })
 * order.status // 'OPEN'
 */
export function getOrder(
  client: Client,
  params: GetOrderParameters,
  options?: RequestOptions,
): Promise<GetOrderReturnType> {
  return requestParsed(
    client,
    {
      method: 'GET',
      path: `/orders/historical/${segment(params.order_id)}`,
      auth: 'private',
      action: 'getOrder',
    },
    getOrderResponseSchema,
    options,
  )
}
