import type { z } from 'zod'
import type { Client } from '../client/Client.js'
import { getPaymentMethodResponseSchema } from '../schemas/portfolios.js'
import type { RequestOptions } from '../transports/http.js'
import { requestParsed, segment } from './_internal.js'

/** Parameters of {@link getPaymentMethod}. */
export interface GetPaymentMethodParameters {
  payment_method_id: string
}
/** `{ payment_method }`. */
export type GetPaymentMethodReturnType = z.output<typeof getPaymentMethodResponseSchema>

/**
 * One payment method.
 *
 * Docs: https://docs.cdp.coinbase.com/api-reference/advanced-trade-api/rest-api/payment-methods/get-payment-method
 *
 * @example
 * const { payment_method } = await getPaymentMethod(client, { payment_method_id })
 */
export function getPaymentMethod(
  client: Client,
  params: GetPaymentMethodParameters,
  options?: RequestOptions,
): Promise<GetPaymentMethodReturnType> {
  return requestParsed(
    client,
    {
      method: 'GET',
      path: `/payment_methods/${segment(params.payment_method_id)}`,
      auth: 'private',
      action: 'getPaymentMethod',
    },
    getPaymentMethodResponseSchema,
    options,
  )
}
