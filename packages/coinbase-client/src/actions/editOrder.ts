import type { z } from 'zod'
import type { Client } from '../client/Client.js'
import { InvalidOrder } from '../errors/ExchangeError.js'
import { type DecimalInput, serializeMoneyField } from '../schemas/orderConfiguration.js'
import { editOrderResponseSchema } from '../schemas/orders.js'
import type { RequestOptions } from '../transports/http.js'
import { requestParsed } from './_internal.js'

/** Parameters of {@link editOrder} and `previewEditOrder`. */
export interface EditOrderParameters {
  order_id: string
  /** New limit price. */
  price?: DecimalInput
  /** New total size (must not go below the filled size). */
  size?: DecimalInput
  /** New stop price (stop-limit orders). */
  stop_price?: DecimalInput
}
/** `{ success: true, errors: [] }`; refusals throw. */
export type EditOrderReturnType = z.output<typeof editOrderResponseSchema>

/** @internal */
export function editBody(params: EditOrderParameters): Record<string, unknown> {
  const body: Record<string, unknown> = { order_id: params.order_id }
  if (params.price !== undefined) body.price = serializeMoneyField(params.price, 'price')
  if (params.size !== undefined) body.size = serializeMoneyField(params.size, 'size')
  if (params.stop_price !== undefined) body.stop_price = serializeMoneyField(params.stop_price, 'stop_price')
  return body
}

/**
 * Changes the price and/or size of an open limit order. A refusal throws `InvalidOrder` with
 * `editFailureReason` (e.g. `CANNOT_EDIT_TO_BELOW_FILLED_SIZE`).
 *
 * Docs: https://docs.cdp.coinbase.com/api-reference/advanced-trade-api/rest-api/orders/edit-order
 *
 * @example
 * await editOrder(client, { order_id, price: '50100.00', size: '0.002' })
 */
export async function editOrder(
  client: Client,
  params: EditOrderParameters,
  options?: RequestOptions,
): Promise<EditOrderReturnType> {
  const result = await requestParsed(
    client,
    { method: 'POST', path: '/orders/edit', body: editBody(params), auth: 'private', action: 'editOrder' },
    editOrderResponseSchema,
    options,
  )
  if (!result.success) {
    const first = result.errors?.find(
      (e) => e.edit_failure_reason && !/^UNKNOWN_/.test(e.edit_failure_reason),
    )
    const preview = result.errors?.find(
      (e) => e.preview_failure_reason && !/^UNKNOWN_/.test(e.preview_failure_reason),
    )
    const reason =
      first?.edit_failure_reason ?? preview?.preview_failure_reason ?? 'UNKNOWN_EDIT_ORDER_FAILURE_REASON'
    throw new InvalidOrder(`Coinbase refused to edit order ${params.order_id}: ${reason}`, {
      orderId: params.order_id,
      failureReason: reason,
      body: result,
      details: '',
      ...(first?.edit_failure_reason ? { editFailureReason: first.edit_failure_reason } : {}),
      ...(preview?.preview_failure_reason ? { previewFailureReason: preview.preview_failure_reason } : {}),
    })
  }
  return result
}
