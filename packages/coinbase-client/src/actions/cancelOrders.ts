import type { z } from 'zod'
import type { Client } from '../client/Client.js'
import { InvalidArgument } from '../errors/InvalidCredentials.js'
import { cancelOrdersResponseSchema } from '../schemas/orders.js'
import type { RequestOptions } from '../transports/http.js'
import { requestParsed } from './_internal.js'

/** Parameters of {@link cancelOrders}. */
export interface CancelOrdersParameters {
  /** Up to 100 order ids per call. */
  order_ids: readonly string[]
}
/** `{ results: [{ success, failure_reason, order_id }] }`, one per id; per-order refusals do not throw. */
export type CancelOrdersReturnType = z.output<typeof cancelOrdersResponseSchema>

/**
 * Cancels orders by id. Each result says whether that cancel was accepted (`failure_reason` e.g.
 * `UNKNOWN_CANCEL_ORDER`). Safe to retry: cancelling twice is harmless.
 *
 * Docs: https://docs.cdp.coinbase.com/api-reference/advanced-trade-api/rest-api/orders/cancel-order
 *
 * @example
 * const { results } = await cancelOrders(client, { order_ids: [orderId] })
 */
export async function cancelOrders(
  client: Client,
  params: CancelOrdersParameters,
  options?: RequestOptions,
): Promise<CancelOrdersReturnType> {
  if (params.order_ids.length === 0 || params.order_ids.length > 100) {
    throw new InvalidArgument(`order_ids must hold 1 to 100 ids, got ${params.order_ids.length}`)
  }
  return requestParsed(
    client,
    {
      method: 'POST',
      path: '/orders/batch_cancel',
      body: { order_ids: [...params.order_ids] },
      auth: 'private',
      action: 'cancelOrders',
    },
    cancelOrdersResponseSchema,
    options,
  )
}
