import type { Client } from '../client/Client.js'
import { type DecimalInput, serializeMoneyField } from '../schemas/orderConfiguration.js'
import { randomUuid } from '../utils/randomUuid.js'
import { type PlacedOrder, type PlaceOrderOptions, placeOrder } from './placeOrder.js'

/** Parameters of {@link closePosition}. */
export interface ClosePositionParameters {
  client_order_id?: string
  product_id: string
  /** Contracts to close; omit to close all. */
  size?: DecimalInput
}
/** The closing order. */
export type ClosePositionReturnType = PlacedOrder

/**
 * Closes a futures position with a market order. Same delivery guarantees as `createOrder`
 * (client_order_id, lookup after an unanswered request).
 *
 * Docs: https://docs.cdp.coinbase.com/api-reference/advanced-trade-api/rest-api/orders/close-position
 *
 * @example
 * await closePosition(client, { product_id: 'BIT-26APR24-CDE' })
 */
export async function closePosition(
  client: Client,
  params: ClosePositionParameters,
  options?: PlaceOrderOptions,
): Promise<ClosePositionReturnType> {
  const clientOrderId = params.client_order_id ?? randomUuid()
  const body: Record<string, unknown> = { client_order_id: clientOrderId, product_id: params.product_id }
  if (params.size !== undefined) body.size = serializeMoneyField(params.size, 'size')
  return placeOrder(
    client,
    {
      path: '/orders/close_position',
      body,
      clientOrderId,
      productId: params.product_id,
      action: 'closePosition',
    },
    options,
  )
}
