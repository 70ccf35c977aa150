import { z } from 'zod'
import { booleanish, decimal, decimalOrNull, integer, openEnum, side, timestampOrNull } from './primitives.js'

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
export const orderConfigurationBodySchema = z.looseObject({
  base_size: decimalOrNull.optional(),
  quote_size: decimalOrNull.optional(),
  limit_price: decimalOrNull.optional(),
  stop_price: decimalOrNull.optional(),
  stop_trigger_price: decimalOrNull.optional(),
  end_time: timestampOrNull.optional(),
  start_time: timestampOrNull.optional(),
  post_only: booleanish.optional(),
  stop_direction: z.string().optional(),
  rfq_disabled: booleanish.optional(),
  reduce_only: booleanish.optional(),
})

/** `order_configuration` as returned: one key (e.g. `limit_limit_gtc`) → its parameters. */
export const orderConfigurationSchema = z.record(
  z.string(),
  z.union([orderConfigurationBodySchema, z.null()]),
)

const editHistoryEntry = z.looseObject({
  price: decimalOrNull.optional(),
  size: decimalOrNull.optional(),
  replace_accept_timestamp: timestampOrNull.optional(),
})

/** An order (`GET /orders/historical/{id}`, items of `/orders/historical/batch`). */
export const orderSchema = z.looseObject({
  order_id: z.string(),
  product_id: z.string(),
  user_id: z.string().optional(),
  order_configuration: orderConfigurationSchema.nullable().optional(),
  side,
  client_order_id: z.string(),
  status: openEnum(orderStatuses),
  time_in_force: z.string().optional(),
  created_time: timestampOrNull.optional(),
  completion_percentage: decimalOrNull.optional(),
  filled_size: decimalOrNull.optional(),
  average_filled_price: decimalOrNull.optional(),
  fee: decimalOrNull.optional(),
  number_of_fills: integer.optional(),
  filled_value: decimalOrNull.optional(),
  pending_cancel: z.boolean().optional(),
  size_in_quote: z.boolean().optional(),
  total_fees: decimalOrNull.optional(),
  size_inclusive_of_fees: z.boolean().optional(),
  total_value_after_fees: decimalOrNull.optional(),
  trigger_status: z.string().optional(),
  order_type: z.string().optional(),
  reject_reason: z.string().optional(),
  settled: z.boolean().optional(),
  product_type: z.string().optional(),
  reject_message: z.string().optional(),
  cancel_message: z.string().optional(),
  order_placement_source: z.string().optional(),
  outstanding_hold_amount: decimalOrNull.optional(),
  is_liquidation: z.boolean().optional(),
  last_fill_time: timestampOrNull.optional(),
  edit_history: z.array(editHistoryEntry).nullable().optional(),
  leverage: decimalOrNull.optional(),
  margin_type: z.string().optional(),
  retail_portfolio_id: z.string().optional(),
  originating_order_id: z.string().optional(),
  attached_order_id: z.string().optional(),
  cursor: z.string().optional(),
})

/** Parsed order. */
export type Order = z.output<typeof orderSchema>

/** `GET /orders/historical/batch`. */
export const listOrdersResponseSchema = z.looseObject({
  orders: z.array(orderSchema),
  sequence: z.union([z.string(), z.number()]).optional(),
  has_next: z.boolean(),
  cursor: z.string().optional(),
})

/** `GET /orders/historical/{order_id}`. */
export const getOrderResponseSchema = z.looseObject({ order: orderSchema })

/** A fill (`GET /orders/historical/fills`). */
export const fillSchema = z.looseObject({
  entry_id: z.string(),
  trade_id: z.string(),
  order_id: z.string(),
  trade_time: timestampOrNull,
  trade_type: z.string().optional(),
  price: decimal,
  size: decimal,
  commission: decimalOrNull.optional(),
  product_id: z.string(),
  sequence_timestamp: timestampOrNull.optional(),
  liquidity_indicator: openEnum(['UNKNOWN_LIQUIDITY_INDICATOR', 'MAKER', 'TAKER'] as const).optional(),
  size_in_quote: z.boolean().optional(),
  user_id: z.string().optional(),
  side,
  retail_portfolio_id: z.string().optional(),
  cursor: z.string().optional(),
})

/** Parsed fill. */
export type Fill = z.output<typeof fillSchema>

/** `GET /orders/historical/fills`: only `cursor` (empty = done). */
export const listFillsResponseSchema = z.looseObject({
  fills: z.array(fillSchema),
  cursor: z.string().optional(),
})

/** `error_response` of a refused order. */
export const orderErrorResponseSchema = z.looseObject({
  error: z.string().optional(),
  message: z.string().optional(),
  error_details: z.string().optional(),
  preview_failure_reason: z.string().optional(),
  new_order_failure_reason: z.string().optional(),
  edit_failure_reason: z.string().optional(),
})

/** `POST /orders` and `POST /orders/close_position`. Business refusals arrive here with `success: false`. */
export const createOrderResponseSchema = z.looseObject({
  success: z.boolean(),
  failure_reason: z.string().optional(),
  order_id: z.string().optional(),
  success_response: z
    .looseObject({
      order_id: z.string(),
      product_id: z.string().optional(),
      side: side.optional(),
      client_order_id: z.string().optional(),
      attached_order_id: z.string().optional(),
    })
    .nullable()
    .optional(),
  error_response: orderErrorResponseSchema.nullable().optional(),
  order_configuration: orderConfigurationSchema.nullable().optional(),
})

/** Parsed create-order response. */
export type CreateOrderResponse = z.output<typeof createOrderResponseSchema>

/** `POST /orders/preview`. */
export const previewOrderResponseSchema = z.looseObject({
  order_total: decimalOrNull.optional(),
  commission_total: decimalOrNull.optional(),
  errs: z.array(z.string()).nullable().optional(),
  warning: z.array(z.string()).nullable().optional(),
  quote_size: decimalOrNull.optional(),
  base_size: decimalOrNull.optional(),
  best_bid: decimalOrNull.optional(),
  best_ask: decimalOrNull.optional(),
  is_max: z.boolean().optional(),
  order_margin_total: decimalOrNull.optional(),
  leverage: decimalOrNull.optional(),
  long_leverage: decimalOrNull.optional(),
  short_leverage: decimalOrNull.optional(),
  slippage: decimalOrNull.optional(),
  preview_id: z.string().optional(),
  current_liquidation_buffer: decimalOrNull.optional(),
  projected_liquidation_buffer: decimalOrNull.optional(),
  max_leverage: decimalOrNull.optional(),
  average_filled_price: decimalOrNull.optional(),
})

const editErrorSchema = z.looseObject({
  edit_failure_reason: z.string().optional(),
  preview_failure_reason: z.string().optional(),
})

/** `errors` is an array in the docs and an object in a real capture; both become an array. */
const editErrorsSchema = z
  .union([z.array(editErrorSchema), editErrorSchema, z.null()])
  .transform((v) => (v === null ? [] : Array.isArray(v) ? v : [v]))

/** `POST /orders/edit`. */
export const editOrderResponseSchema = z.looseObject({
  success: z.boolean(),
  errors: editErrorsSchema.optional(),
})

/** `POST /orders/edit_preview`. */
export const previewEditOrderResponseSchema = z.looseObject({
  errors: editErrorsSchema.optional(),
  slippage: decimalOrNull.optional(),
  order_total: decimalOrNull.optional(),
  commission_total: decimalOrNull.optional(),
  quote_size: decimalOrNull.optional(),
  base_size: decimalOrNull.optional(),
  best_bid: decimalOrNull.optional(),
  best_ask: decimalOrNull.optional(),
  average_filled_price: decimalOrNull.optional(),
})

/** `POST /orders/batch_cancel`. */
export const cancelOrdersResponseSchema = z.looseObject({
  results: z.array(
    z.looseObject({
      success: z.boolean(),
      failure_reason: z.string().optional(),
      order_id: z.string(),
    }),
  ),
})
