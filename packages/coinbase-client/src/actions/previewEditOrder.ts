import type { z } from 'zod'
import type { Client } from '../client/Client.js'
import { previewEditOrderResponseSchema } from '../schemas/orders.js'
import type { RequestOptions } from '../transports/http.js'
import { requestParsed } from './_internal.js'
import { type EditOrderParameters, editBody } from './editOrder.js'

/** Parameters of {@link previewEditOrder}. */
export type PreviewEditOrderParameters = EditOrderParameters
/** Totals after the edit and `errors[]` (reasons it would be refused). */
export type PreviewEditOrderReturnType = z.output<typeof previewEditOrderResponseSchema>

/**
 * Dry-runs an order edit. Does not throw for refusal reasons; check `errors`.
 *
 * Docs: https://docs.cdp.coinbase.com/api-reference/advanced-trade-api/rest-api/orders/edit-order-preview
 *
 * @example
 * const preview = await previewEditOrder(client, { order_id, price: '50100.00' })
 */
export function previewEditOrder(
  client: Client,
  params: PreviewEditOrderParameters,
  options?: RequestOptions,
): Promise<PreviewEditOrderReturnType> {
  return requestParsed(
    client,
    {
      method: 'POST',
      path: '/orders/edit_preview',
      body: editBody(params),
      auth: 'private',
      action: 'previewEditOrder',
    },
    previewEditOrderResponseSchema,
    options,
  )
}
