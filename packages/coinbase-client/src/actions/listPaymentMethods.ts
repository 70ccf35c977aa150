import type { z } from 'zod'
import type { Client } from '../client/Client.js'
import { listPaymentMethodsResponseSchema } from '../schemas/portfolios.js'
import type { RequestOptions } from '../transports/http.js'
import { requestParsed } from './_internal.js'

/** No parameters. */
export type ListPaymentMethodsParameters = Record<string, never>
/** `{ payment_methods }`. */
export type ListPaymentMethodsReturnType = z.output<typeof listPaymentMethodsResponseSchema>

/**
 * Payment methods of the user.
 *
 * Docs: https://docs.cdp.coinbase.com/api-reference/advanced-trade-api/rest-api/payment-methods/list-payment-methods
 *
 * @example
 * const { payment_methods } = await listPaymentMethods(client)
 */
export function listPaymentMethods(
  client: Client,
  _params: ListPaymentMethodsParameters = {},
  options?: RequestOptions,
): Promise<ListPaymentMethodsReturnType> {
  return requestParsed(
    client,
    { method: 'GET', path: '/payment_methods', auth: 'private', action: 'listPaymentMethods' },
    listPaymentMethodsResponseSchema,
    options,
  )
}
