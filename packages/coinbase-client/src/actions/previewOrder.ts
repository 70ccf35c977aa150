import type { z } from 'zod'
import type { Client } from '../client/Client.js'
import {
  type AttachedOrderConfiguration,
  type DecimalInput,
  type OrderConfiguration,
  serializeAttachedOrderConfiguration,
  serializeMoneyField,
  serializeOrderConfiguration,
} from '../schemas/orderConfiguration.js'
import { previewOrderResponseSchema } from '../schemas/orders.js'
import type { RequestOptions } from '../transports/http.js'
import { requestParsed } from './_internal.js'

/** Parameters of {@link previewOrder}. */
export interface PreviewOrderParameters {
  product_id: string
  side: 'BUY' | 'SELL'
  order_configuration: OrderConfiguration
  leverage?: DecimalInput
  margin_type?: 'CROSS' | 'ISOLATED'
  retail_portfolio_id?: string
  attached_order_configuration?: AttachedOrderConfiguration
}
/** Totals, commission, `errs[]` (preview failure reasons) and a `preview_id` for `createOrder`. */
export type PreviewOrderReturnType = z.output<typeof previewOrderResponseSchema>

/**
 * Dry-runs an order: expected totals and commission, and the reasons it would be refused (`errs`).
 * Does not throw for those reasons; check `errs`.
 *
 * Docs: https://docs.cdp.coinbase.com/api-reference/advanced-trade-api/rest-api/orders/preview-orders
 *
 * @example
 * const preview = await previewOrder(client, { product_id: 'BTC-USD', side: 'BUY', order_configuration: { market_market_ioc: { quote_size: '10' } } })
 */
export async function previewOrder(
  client: Client,
  params: PreviewOrderParameters,
  options?: RequestOptions,
): Promise<PreviewOrderReturnType> {
  const body: Record<string, unknown> = {
    product_id: params.product_id,
    side: params.side,
    order_configuration: serializeOrderConfiguration(params.order_configuration),
  }
  if (params.leverage !== undefined) body.leverage = serializeMoneyField(params.leverage, 'leverage')
  if (params.margin_type !== undefined) body.margin_type = params.margin_type
  if (params.retail_portfolio_id !== undefined) body.retail_portfolio_id = params.retail_portfolio_id
  if (params.attached_order_configuration !== undefined) {
    body.attached_order_configuration = serializeAttachedOrderConfiguration(
      params.attached_order_configuration,
    )
  }
  return requestParsed(
    client,
    { method: 'POST', path: '/orders/preview', body, auth: 'private', action: 'previewOrder' },
    previewOrderResponseSchema,
    options,
  )
}
