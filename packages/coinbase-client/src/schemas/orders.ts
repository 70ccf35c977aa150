import { z } from 'zod'
import { lazySchema, resolveSchema } from './lazySchema.js'
import { openEnum, primitives } from './primitives.js'

/** Order status values (REST). Unknown values are accepted. */
export const orderStatuses = [
  'PENDING',
  'OPEN',
  'FILLED',
  'CANCELLED',
  'EXPIRED',
  'FAILED',
  'UNKNOWN_ORDER_STATUS',
  'QUEUED',
  'CANCEL_QUEUED',
] as const

/** Body of one `order_configuration` entry as the exchange echoes it (amounts parsed to `Decimal`). */
export const orderConfigurationBodySchema = lazySchema('orderConfigurationBodySchema', () => {
  const p = primitives()
  return z.looseObject({
    base_size: p.optDecimalOrNull,
    quote_size: p.optDecimalOrNull,
    limit_price: p.optDecimalOrNull,
    stop_price: p.optDecimalOrNull,
    stop_trigger_price: p.optDecimalOrNull,
    end_time: p.optTimestampOrNull,
    start_time: p.optTimestampOrNull,
    post_only: p.booleanish.optional(),
    stop_direction: p.optString,
    rfq_disabled: p.booleanish.optional(),
    reduce_only: p.booleanish.optional(),
  })
})

/** `order_configuration` as returned: one key (e.g. `limit_limit_gtc`) → its parameters. */
export const orderConfigurationSchema = lazySchema('orderConfigurationSchema', () =>
  z.record(z.string(), z.union([resolveSchema(orderConfigurationBodySchema), z.null()])),
)

const editHistoryEntry = lazySchema('editHistoryEntry', () => {
  const p = primitives()
  return z.looseObject({
    price: p.optDecimalOrNull,
    size: p.optDecimalOrNull,
    replace_accept_timestamp: p.optTimestampOrNull,
  })
})

/** An order (`GET /orders/historical/{id}`, items of `/orders/historical/batch`). */
export const orderSchema = lazySchema('orderSchema', () => {
  const p = primitives()
  return z.looseObject({
    order_id: z.string(),
    product_id: z.string(),
    user_id: p.optString,
    order_configuration: resolveSchema(orderConfigurationSchema).nullable().optional(),
    side: p.side,
    client_order_id: z.string(),
    status: openEnum(orderStatuses),
    time_in_force: p.optString,
    created_time: p.optTimestampOrNull,
    completion_percentage: p.optDecimalOrNull,
    filled_size: p.optDecimalOrNull,
    average_filled_price: p.optDecimalOrNull,
    fee: p.optDecimalOrNull,
    number_of_fills: p.integer.optional(),
    filled_value: p.optDecimalOrNull,
    pending_cancel: p.optBoolean,
    size_in_quote: p.optBoolean,
    total_fees: p.optDecimalOrNull,
    size_inclusive_of_fees: p.optBoolean,
    total_value_after_fees: p.optDecimalOrNull,
    trigger_status: p.optString,
    order_type: p.optString,
    reject_reason: p.optString,
    settled: p.optBoolean,
    product_type: p.optString,
    reject_message: p.optString,
    cancel_message: p.optString,
    order_placement_source: p.optString,
    outstanding_hold_amount: p.optDecimalOrNull,
    is_liquidation: p.optBoolean,
    last_fill_time: p.optTimestampOrNull,
    edit_history: z.array(resolveSchema(editHistoryEntry)).nullable().optional(),
    leverage: p.optDecimalOrNull,
    margin_type: p.optString,
    retail_portfolio_id: p.optString,
    originating_order_id: p.optString,
    attached_order_id: p.optString,
    cursor: p.optString,
  })
})

/** Parsed order. */
export type Order = z.output<typeof orderSchema>

/** `GET /orders/historical/batch`. */
export const listOrdersResponseSchema = lazySchema('listOrdersResponseSchema', () => {
  const p = primitives()
  return z.looseObject({
    orders: z.array(resolveSchema(orderSchema)),
    sequence: z.union([z.string(), z.number()]).optional(),
    has_next: z.boolean(),
    cursor: p.optString,
  })
})

/** `GET /orders/historical/{order_id}`. */
export const getOrderResponseSchema = lazySchema('getOrderResponseSchema', () =>
  z.looseObject({ order: resolveSchema(orderSchema) }),
)

/** A fill (`GET /orders/historical/fills`). */
export const fillSchema = lazySchema('fillSchema', () => {
  const p = primitives()
  return z.looseObject({
    entry_id: z.string(),
    trade_id: z.string(),
    order_id: z.string(),
    trade_time: p.timestampOrNull,
    trade_type: p.optString,
    price: p.decimal,
    size: p.decimal,
    commission: p.optDecimalOrNull,
    product_id: z.string(),
    sequence_timestamp: p.optTimestampOrNull,
    liquidity_indicator: openEnum(['UNKNOWN_LIQUIDITY_INDICATOR', 'MAKER', 'TAKER'] as const).optional(),
    size_in_quote: p.optBoolean,
    user_id: p.optString,
    side: p.side,
    retail_portfolio_id: p.optString,
    cursor: p.optString,
  })
})

/** Parsed fill. */
export type Fill = z.output<typeof fillSchema>

/** `GET /orders/historical/fills`: only `cursor` (empty = done). */
export const listFillsResponseSchema = lazySchema('listFillsResponseSchema', () => {
  const p = primitives()
  return z.looseObject({
    fills: z.array(resolveSchema(fillSchema)),
    cursor: p.optString,
  })
})

/** `error_response` of a refused order. */
export const orderErrorResponseSchema = lazySchema('orderErrorResponseSchema', () => {
  const p = primitives()
  return z.looseObject({
    error: p.optString,
    message: p.optString,
    error_details: p.optString,
    preview_failure_reason: p.optString,
    new_order_failure_reason: p.optString,
    edit_failure_reason: p.optString,
  })
})

/** `POST /orders` and `POST /orders/close_position`. Business refusals arrive here with `success: false`. */
export const createOrderResponseSchema = lazySchema('createOrderResponseSchema', () => {
  const p = primitives()
  return z.looseObject({
    success: z.boolean(),
    failure_reason: p.optString,
    order_id: p.optString,
    success_response: z
      .looseObject({
        order_id: z.string(),
        product_id: p.optString,
        side: p.side.optional(),
        client_order_id: p.optString,
        attached_order_id: p.optString,
      })
      .nullable()
      .optional(),
    error_response: resolveSchema(orderErrorResponseSchema).nullable().optional(),
    order_configuration: resolveSchema(orderConfigurationSchema).nullable().optional(),
  })
})

/** Parsed create-order response. */
export type CreateOrderResponse = z.output<typeof createOrderResponseSchema>

/** `POST /orders/preview`. */
export const previewOrderResponseSchema = lazySchema('previewOrderResponseSchema', () => {
  const p = primitives()
  return z.looseObject({
    order_total: p.optDecimalOrNull,
    commission_total: p.optDecimalOrNull,
    errs: z.array(z.string()).nullable().optional(),
    warning: z.array(z.string()).nullable().optional(),
    quote_size: p.optDecimalOrNull,
    base_size: p.optDecimalOrNull,
    best_bid: p.optDecimalOrNull,
    best_ask: p.optDecimalOrNull,
    is_max: p.optBoolean,
    order_margin_total: p.optDecimalOrNull,
    leverage: p.optDecimalOrNull,
    long_leverage: p.optDecimalOrNull,
    short_leverage: p.optDecimalOrNull,
    slippage: p.optDecimalOrNull,
    preview_id: p.optString,
    current_liquidation_buffer: p.optDecimalOrNull,
    projected_liquidation_buffer: p.optDecimalOrNull,
    max_leverage: p.optDecimalOrNull,
    average_filled_price: p.optDecimalOrNull,
  })
})

const editErrorSchema = lazySchema('editErrorSchema', () => {
  const p = primitives()
  return z.looseObject({
    edit_failure_reason: p.optString,
    preview_failure_reason: p.optString,
  })
})

/** `errors` is an array in the docs and an object in a real capture; both become an array. */
const editErrorsSchema = lazySchema('editErrorsSchema', () =>
  z
    .union([z.array(resolveSchema(editErrorSchema)), resolveSchema(editErrorSchema), z.null()])
    .transform((v) => (v === null ? [] : Array.isArray(v) ? v : [v])),
)

/** `POST /orders/edit`. */
export const editOrderResponseSchema = lazySchema('editOrderResponseSchema', () =>
  z.looseObject({
    success: z.boolean(),
    errors: resolveSchema(editErrorsSchema).optional(),
  }),
)

/** `POST /orders/edit_preview`. */
export const previewEditOrderResponseSchema = lazySchema('previewEditOrderResponseSchema', () => {
  const p = primitives()
  return z.looseObject({
    errors: resolveSchema(editErrorsSchema).optional(),
    slippage: p.optDecimalOrNull,
    order_total: p.optDecimalOrNull,
    commission_total: p.optDecimalOrNull,
    quote_size: p.optDecimalOrNull,
    base_size: p.optDecimalOrNull,
    best_bid: p.optDecimalOrNull,
    best_ask: p.optDecimalOrNull,
    average_filled_price: p.optDecimalOrNull,
  })
})

/** `POST /orders/batch_cancel`. */
export const cancelOrdersResponseSchema = lazySchema('cancelOrdersResponseSchema', () => {
  const p = primitives()
  return z.looseObject({
    results: z.array(
      z.looseObject({
        success: z.boolean(),
        failure_reason: p.optString,
        order_id: z.string(),
      }),
    ),
  })
})
