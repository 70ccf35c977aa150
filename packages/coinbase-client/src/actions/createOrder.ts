import type { Client } from '../client/Client.js'
import {
  type AttachedOrderConfiguration,
  type DecimalInput,
  type OrderConfiguration,
  serializeAttachedOrderConfiguration,
  serializeMoneyField,
  serializeOrderConfiguration,
} from '../schemas/orderConfiguration.js'
import { randomUuid } from '../utils/randomUuid.js'
import { type PlacedOrder, type PlaceOrderOptions, placeOrder } from './placeOrder.js'

/** Parameters of {@link createOrder}. */
export interface CreateOrderParameters {
  /**
   * Idempotency key. Persist it before calling: a request without an answer is resolved by looking the
   * order up with it. Generated (UUID v4) when omitted.
   */
  client_order_id?: string
  product_id: string
  side: 'BUY' | 'SELL'
  order_configuration: OrderConfiguration
  /** e.g. `'2.0'` (futures). */
  leverage?: DecimalInput
  margin_type?: 'CROSS' | 'ISOLATED'
  retail_portfolio_id?: string
  /** From `previewOrder`. */
  preview_id?: string
  attached_order_configuration?: AttachedOrderConfiguration
  self_trade_prevention_id?: string
}

/** The accepted order (`order_id`, `client_order_id`, `recovered`). Refusals throw. */
export type CreateOrderReturnType = PlacedOrder

/**
 * Places an order. Amounts must be decimal strings or `Decimal` (numbers are refused) and go out as
 * plain decimal strings. A refusal throws `InvalidOrder` (or `InsufficientFunds`) carrying Coinbase's
 * failure reason. A request without a definite answer (timeout, 5xx, dropped connection) is never
 * treated as failed: the client looks the order up by `client_order_id`, returns it if it exists
 * (`recovered: true`), re-sends the same request only if it does not, and throws `OrderStatusUnknown`
 * if it cannot tell.
 *
 * Docs: https://docs.cdp.coinbase.com/api-reference/advanced-trade-api/rest-api/orders/create-order
 *
 * @example
 * const order = await createOrder(client, {
 *   client_order_id: crypto.randomUUID(),
 *   product_id: 'BTC-USD',
 *   side: 'BUY',
 *   order_configuration: { limit_limit_gtc: { base_size: '0.001', limit_price: '50000', post_only: true } },
 * })
 */
export async function createOrder(
  client: Client,
  params: CreateOrderParameters,
  options?: PlaceOrderOptions,
): Promise<CreateOrderReturnType> {
  const clientOrderId = params.client_order_id ?? randomUuid()
  const body: Record<string, unknown> = {
    client_order_id: clientOrderId,
    product_id: params.product_id,
    side: params.side,
    order_configuration: serializeOrderConfiguration(params.order_configuration),
  }
  if (params.leverage !== undefined) body.leverage = serializeMoneyField(params.leverage, 'leverage')
  if (params.margin_type !== undefined) body.margin_type = params.margin_type
  if (params.retail_portfolio_id !== undefined) body.retail_portfolio_id = params.retail_portfolio_id
  if (params.preview_id !== undefined) body.preview_id = params.preview_id
  if (params.self_trade_prevention_id !== undefined)
    body.self_trade_prevention_id = params.self_trade_prevention_id
  if (params.attached_order_configuration !== undefined) {
    body.attached_order_configuration = serializeAttachedOrderConfiguration(
      params.attached_order_configuration,
    )
  }
  return placeOrder(
    client,
    { path: '/orders', body, clientOrderId, productId: params.product_id, action: 'createOrder' },
    options,
  )
}
