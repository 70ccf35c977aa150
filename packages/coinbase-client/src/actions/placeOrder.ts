import type { Client } from '../client/Client.js'
import type { BaseError } from '../errors/BaseError.js'
import { InsufficientFunds, InvalidOrder } from '../errors/ExchangeError.js'
import { isNetworkError, isParseError, isRateLimitExceededError } from '../errors/guards.js'
import { OrderStatusUnknown } from '../errors/NetworkError.js'
import { SchemaError } from '../errors/SchemaError.js'
import { type CreateOrderResponse, createOrderResponseSchema, type Order } from '../schemas/orders.js'
import { parseResponse } from '../schemas/parseResponse.js'
import type { RequestOptions } from '../transports/http.js'
import { backoffDelay } from '../utils/backoff.js'
import { API_PREFIX } from './_internal.js'
import { findOrderByClientOrderId } from './findOrderByClientOrderId.js'

/** Options for order placement (`createOrder`, `closePosition`). */
export interface PlaceOrderOptions extends RequestOptions {
  /** Sends at most this many times (always with the same client_order_id). Default: transport retries + 1. */
  maxAttempts?: number
}

/** A placed order: `success` is always true (refusals throw), with the id the caller or the client chose. */
export type PlacedOrder = CreateOrderResponse & {
  success: true
  order_id: string
  client_order_id: string
  /** True when the request got no answer and the order was found afterwards by its client_order_id. */
  recovered: boolean
}

const UNKNOWN = /^UNKNOWN_/

/** @internal Converts `{ success: false, error_response }` into the typed refusal. */
export function orderRefusal(data: CreateOrderResponse, clientOrderId: string): InvalidOrder {
  const er = data.error_response ?? {}
  const candidates = [er.new_order_failure_reason, er.preview_failure_reason, er.error, data.failure_reason]
  const reason =
    candidates.find((r) => r !== undefined && r !== '' && !UNKNOWN.test(r)) ?? 'UNKNOWN_FAILURE_REASON'
  const options = {
    clientOrderId,
    details: er.message || er.error_details || '',
    body: data,
    ...(er.error !== undefined ? { failureReason: er.error, coinbaseError: er.error } : {}),
    ...(er.new_order_failure_reason !== undefined
      ? { newOrderFailureReason: er.new_order_failure_reason }
      : {}),
    ...(er.preview_failure_reason !== undefined ? { previewFailureReason: er.preview_failure_reason } : {}),
  }
  if (options.failureReason === undefined || UNKNOWN.test(options.failureReason)) {
    Object.assign(options, { failureReason: reason })
  }
  const message = `Coinbase refused order ${clientOrderId}: ${reason}`
  if (candidates.some((r) => r !== undefined && /INSUFFICIENT_FUND|INSUFFICIENT_LEDGER/.test(r))) {
    return new InsufficientFunds(message, options)
  }
  return new InvalidOrder(message, options)
}

function accepted(data: CreateOrderResponse, clientOrderId: string, source: string): PlacedOrder {
  if (!data.success) throw orderRefusal(data, clientOrderId)
  const orderId = data.order_id || data.success_response?.order_id
  if (!orderId) {
    throw new SchemaError(source, [
      { path: ['order_id'], code: 'missing', message: 'success without an order id' },
    ])
  }
  return { ...data, success: true, order_id: orderId, client_order_id: clientOrderId, recovered: false }
}

function fromLookup(order: Order, clientOrderId: string): PlacedOrder {
  return {
    success: true,
    order_id: order.order_id,
    success_response: {
      order_id: order.order_id,
      product_id: order.product_id,
      side: order.side,
      client_order_id: clientOrderId,
    },
    order_configuration: order.order_configuration ?? null,
    client_order_id: clientOrderId,
    recovered: true,
  }
}

/**
 * @internal Sends an order with a fixed client_order_id. Never re-sends blindly: a 429 (certainly not
 * processed) is re-sent after the pause; any other network failure (timeout, 5xx, dropped connection)
 * is followed by a lookup by client_order_id, and only when that finds nothing is the same request sent
 * again. If the lookup itself fails, or attempts run out, the outcome is OrderStatusUnknown.
 */
export async function placeOrder(
  client: Client,
  request: {
    path: string
    body: Record<string, unknown>
    clientOrderId: string
    productId: string
    action: string
  },
  options: PlaceOrderOptions = {},
): Promise<PlacedOrder> {
  const retry = client.transport.retry
  const maxAttempts = Math.max(1, options.maxAttempts ?? (retry === false ? 1 : retry.retries + 1))
  const source = `POST ${API_PREFIX}${request.path}`
  // Orders created before the first send cannot match; leave slack for clock skew between us and the exchange.
  const since = new Date(client.venueClock.now() - 5 * 60 * 1000)
  const lookupOptions: RequestOptions = {}
  if (options.signal) lookupOptions.signal = options.signal
  if (options.timeoutMs !== undefined) lookupOptions.timeoutMs = options.timeoutMs
  let lastFailure: BaseError | undefined
  /** Looks the order up after an answer that did not settle its fate; failure of the lookup is "unknown". */
  const lookup = async (failure: BaseError): Promise<Order | null> => {
    try {
      return await findOrderByClientOrderId(
        client,
        { client_order_id: request.clientOrderId, product_id: request.productId, since },
        lookupOptions,
      )
    } catch (lookupError) {
      throw new OrderStatusUnknown(request.clientOrderId, {
        cause: failure,
        details: `${failure.shortMessage}; then the lookup by client_order_id failed: ${
          lookupError instanceof Error ? lookupError.message.split('\n')[0] : String(lookupError)
        }`,
        method: 'POST',
        path: API_PREFIX + request.path,
      })
    }
  }
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    let data: unknown
    try {
      data = await client.request({
        method: 'POST',
        path: API_PREFIX + request.path,
        body: request.body,
        auth: 'private',
        action: request.action,
        retry: false,
        ...lookupOptions,
      })
    } catch (error) {
      if (isParseError(error)) {
        // An answer arrived but could not be read (e.g. a gateway page with status 200): the exchange
        // may have created the order, so look before reporting the error.
        const found = await lookup(error)
        if (found) return fromLookup(found, request.clientOrderId)
        throw error
      }
      if (!isNetworkError(error)) throw error
      lastFailure = error
      if (isRateLimitExceededError(error)) {
        // A 429 is refused at the door: nothing was created, the same request may go again.
        if (attempt + 1 < maxAttempts) {
          const pause = Math.max(backoffDelay(attempt, retry || {}, client.random), error.retryAfterMs ?? 0)
          await client.sleep(pause, options.signal)
        }
        continue
      }
      const found = await lookup(error)
      if (found) return fromLookup(found, request.clientOrderId)
      if (attempt + 1 < maxAttempts) {
        await client.sleep(backoffDelay(attempt, retry || {}, client.random), options.signal)
      }
      continue
    }
    let parsed: CreateOrderResponse
    try {
      parsed = parseResponse(createOrderResponseSchema, data, source)
    } catch (error) {
      const found = await lookup(error as BaseError)
      if (found) return fromLookup(found, request.clientOrderId)
      throw error
    }
    return accepted(parsed, request.clientOrderId, source)
  }
  if (lastFailure && isRateLimitExceededError(lastFailure)) throw lastFailure
  throw new OrderStatusUnknown(request.clientOrderId, {
    cause: lastFailure,
    details: `${lastFailure?.shortMessage ?? 'no answer'}; a lookup by client_order_id found no order, but the last request may still be in flight`,
    method: 'POST',
    path: API_PREFIX + request.path,
  })
}
