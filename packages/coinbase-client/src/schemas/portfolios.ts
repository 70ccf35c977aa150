import { z } from 'zod'
import { amount, decimalOrNull, openEnum, timestampOrNull } from './primitives.js'

/** A portfolio. */
export const portfolioSchema = z.looseObject({
  name: z.string(),
  uuid: z.string(),
  type: openEnum(['UNDEFINED', 'DEFAULT', 'CONSUMER', 'INTX'] as const).optional(),
  deleted: z.boolean().optional(),
})

/** `GET /portfolios`. */
export const listPortfoliosResponseSchema = z.looseObject({ portfolios: z.array(portfolioSchema) })

/** `GET /key_permissions`. */
export const keyPermissionsResponseSchema = z.looseObject({
  can_view: z.boolean(),
  can_trade: z.boolean(),
  can_transfer: z.boolean(),
  portfolio_uuid: z.string().optional(),
  portfolio_type: z.string().optional(),
})

/** `POST /portfolios/move_funds`. */
export const moveFundsResponseSchema = z.looseObject({
  source_portfolio_uuid: z.string(),
  target_portfolio_uuid: z.string(),
})

/** A payment method. */
export const paymentMethodSchema = z.looseObject({
  id: z.string(),
  type: z.string().optional(),
  name: z.string().optional(),
  currency: z.string().optional(),
  verified: z.boolean().optional(),
  allow_buy: z.boolean().optional(),
  allow_sell: z.boolean().optional(),
  allow_deposit: z.boolean().optional(),
  allow_withdraw: z.boolean().optional(),
  created_at: timestampOrNull.optional(),
  updated_at: timestampOrNull.optional(),
})

/** `GET /payment_methods`. */
export const listPaymentMethodsResponseSchema = z.looseObject({
  payment_methods: z.array(paymentMethodSchema),
})

/** `GET /payment_methods/{id}`. */
export const getPaymentMethodResponseSchema = z.looseObject({ payment_method: paymentMethodSchema })

const amountOrNull = amount.nullable()

/** `GET /cfm/balance_summary`: amounts are `{ value, currency }` here. */
export const futuresBalanceSummaryResponseSchema = z.looseObject({
  balance_summary: z.looseObject({
    futures_buying_power: amountOrNull.optional(),
    total_usd_balance: amountOrNull.optional(),
    cbi_usd_balance: amountOrNull.optional(),
    cfm_usd_balance: amountOrNull.optional(),
    total_open_orders_hold_amount: amountOrNull.optional(),
    unrealized_pnl: amountOrNull.optional(),
    daily_realized_pnl: amountOrNull.optional(),
    initial_margin: amountOrNull.optional(),
    available_margin: amountOrNull.optional(),
    liquidation_threshold: amountOrNull.optional(),
    liquidation_buffer_amount: amountOrNull.optional(),
    liquidation_buffer_percentage: decimalOrNull.optional(),
    intraday_margin_window_measure: z.unknown().optional(),
    overnight_margin_window_measure: z.unknown().optional(),
  }),
})

/** A CFM futures position. */
export const futuresPositionSchema = z.looseObject({
  product_id: z.string(),
  expiration_time: timestampOrNull.optional(),
  side: z.string().optional(),
  number_of_contracts: decimalOrNull.optional(),
  current_price: decimalOrNull.optional(),
  avg_entry_price: decimalOrNull.optional(),
  unrealized_pnl: decimalOrNull.optional(),
  daily_realized_pnl: decimalOrNull.optional(),
})

/** `GET /cfm/positions`. */
export const listFuturesPositionsResponseSchema = z.looseObject({ positions: z.array(futuresPositionSchema) })

/** `GET /cfm/positions/{product_id}`. */
export const getFuturesPositionResponseSchema = z.looseObject({ position: futuresPositionSchema })

const portfolioSummarySchema = z.looseObject({
  portfolio_uuid: z.string().optional(),
  collateral: decimalOrNull.optional(),
  position_notional: decimalOrNull.optional(),
  open_position_notional: decimalOrNull.optional(),
  pending_fees: decimalOrNull.optional(),
  borrow: decimalOrNull.optional(),
  accrued_interest: decimalOrNull.optional(),
  rolling_debt: decimalOrNull.optional(),
  portfolio_initial_margin: decimalOrNull.optional(),
  portfolio_im_notional: amountOrNull.optional(),
  portfolio_maintenance_margin: decimalOrNull.optional(),
  portfolio_mm_notional: amountOrNull.optional(),
  liquidation_percentage: decimalOrNull.optional(),
  liquidation_buffer: decimalOrNull.optional(),
  margin_type: z.string().optional(),
  unrealized_pnl: amountOrNull.optional(),
  buying_power: amountOrNull.optional(),
  total_balance: amountOrNull.optional(),
  max_withdrawal: amountOrNull.optional(),
})

/** An INTX perpetuals position. */
export const perpetualsPositionSchema = z.looseObject({
  product_id: z.string(),
  product_uuid: z.string().optional(),
  symbol: z.string(),
  vwap: amountOrNull.optional(),
  entry_vwap: amountOrNull.optional(),
  position_side: z.string().optional(),
  net_size: decimalOrNull.optional(),
  buy_order_size: decimalOrNull.optional(),
  sell_order_size: decimalOrNull.optional(),
  im_contribution: decimalOrNull.optional(),
  unrealized_pnl: amountOrNull.optional(),
  mark_price: amountOrNull.optional(),
  liquidation_price: amountOrNull.optional(),
  leverage: decimalOrNull.optional(),
  im_notional: amountOrNull.optional(),
  mm_notional: amountOrNull.optional(),
  position_notional: amountOrNull.optional(),
  margin_type: z.string().optional(),
  liquidation_buffer: decimalOrNull.optional(),
  liquidation_percentage: decimalOrNull.optional(),
  portfolio_summary: portfolioSummarySchema.nullable().optional(),
})

/** `GET /intx/positions/{portfolio_uuid}` (the summary key is `portfolio_summary` live, `summary` in PY types). */
export const listPerpetualsPositionsResponseSchema = z.looseObject({
  positions: z.array(perpetualsPositionSchema),
  portfolio_summary: portfolioSummarySchema.nullable().optional(),
  summary: z.unknown().optional(),
})
