import { z } from 'zod'
import { lazySchema, memo, resolveSchema } from './lazySchema.js'
import { openEnum, primitives } from './primitives.js'

/** A portfolio. */
export const portfolioSchema = lazySchema('portfolioSchema', () => {
  const p = primitives()
  return z.looseObject({
    name: z.string(),
    uuid: z.string(),
    type: openEnum(['UNDEFINED', 'DEFAULT', 'CONSUMER', 'INTX'] as const).optional(),
    deleted: p.optBoolean,
  })
})

/** `GET /portfolios`. */
export const listPortfoliosResponseSchema = lazySchema('listPortfoliosResponseSchema', () =>
  z.looseObject({ portfolios: z.array(resolveSchema(portfolioSchema)) }),
)

/** `GET /key_permissions`. */
export const keyPermissionsResponseSchema = lazySchema('keyPermissionsResponseSchema', () => {
  const p = primitives()
  return z.looseObject({
    can_view: z.boolean(),
    can_trade: z.boolean(),
    can_transfer: z.boolean(),
    portfolio_uuid: p.optString,
    portfolio_type: p.optString,
  })
})

/** `POST /portfolios/move_funds`. */
export const moveFundsResponseSchema = lazySchema('moveFundsResponseSchema', () =>
  z.looseObject({
    source_portfolio_uuid: z.string(),
    target_portfolio_uuid: z.string(),
  }),
)

/** A payment method. */
export const paymentMethodSchema = lazySchema('paymentMethodSchema', () => {
  const p = primitives()
  return z.looseObject({
    id: z.string(),
    type: p.optString,
    name: p.optString,
    currency: p.optString,
    verified: p.optBoolean,
    allow_buy: p.optBoolean,
    allow_sell: p.optBoolean,
    allow_deposit: p.optBoolean,
    allow_withdraw: p.optBoolean,
    created_at: p.optTimestampOrNull,
    updated_at: p.optTimestampOrNull,
  })
})

/** `GET /payment_methods`. */
export const listPaymentMethodsResponseSchema = lazySchema('listPaymentMethodsResponseSchema', () =>
  z.looseObject({
    payment_methods: z.array(resolveSchema(paymentMethodSchema)),
  }),
)

/** `GET /payment_methods/{id}`. */
export const getPaymentMethodResponseSchema = lazySchema('getPaymentMethodResponseSchema', () =>
  z.looseObject({ payment_method: resolveSchema(paymentMethodSchema) }),
)

/** One shared instance for the many optional `{ value, currency }` fields below. */
const optAmountOrNull = memo('optAmountOrNull', () => primitives().amount.nullable().optional())

/** `GET /cfm/balance_summary`: amounts are `{ value, currency }` here. */
export const futuresBalanceSummaryResponseSchema = lazySchema('futuresBalanceSummaryResponseSchema', () => {
  const p = primitives()
  return z.looseObject({
    balance_summary: z.looseObject({
      futures_buying_power: optAmountOrNull(),
      total_usd_balance: optAmountOrNull(),
      cbi_usd_balance: optAmountOrNull(),
      cfm_usd_balance: optAmountOrNull(),
      total_open_orders_hold_amount: optAmountOrNull(),
      unrealized_pnl: optAmountOrNull(),
      daily_realized_pnl: optAmountOrNull(),
      initial_margin: optAmountOrNull(),
      available_margin: optAmountOrNull(),
      liquidation_threshold: optAmountOrNull(),
      liquidation_buffer_amount: optAmountOrNull(),
      liquidation_buffer_percentage: p.optDecimalOrNull,
      intraday_margin_window_measure: z.unknown().optional(),
      overnight_margin_window_measure: z.unknown().optional(),
    }),
  })
})

/** A CFM futures position. */
export const futuresPositionSchema = lazySchema('futuresPositionSchema', () => {
  const p = primitives()
  return z.looseObject({
    product_id: z.string(),
    expiration_time: p.optTimestampOrNull,
    side: p.optString,
    number_of_contracts: p.optDecimalOrNull,
    current_price: p.optDecimalOrNull,
    avg_entry_price: p.optDecimalOrNull,
    unrealized_pnl: p.optDecimalOrNull,
    daily_realized_pnl: p.optDecimalOrNull,
  })
})

/** `GET /cfm/positions`. */
export const listFuturesPositionsResponseSchema = lazySchema('listFuturesPositionsResponseSchema', () =>
  z.looseObject({ positions: z.array(resolveSchema(futuresPositionSchema)) }),
)

/** `GET /cfm/positions/{product_id}`. */
export const getFuturesPositionResponseSchema = lazySchema('getFuturesPositionResponseSchema', () =>
  z.looseObject({ position: resolveSchema(futuresPositionSchema) }),
)

const portfolioSummarySchema = lazySchema('portfolioSummarySchema', () => {
  const p = primitives()
  return z.looseObject({
    portfolio_uuid: p.optString,
    collateral: p.optDecimalOrNull,
    position_notional: p.optDecimalOrNull,
    open_position_notional: p.optDecimalOrNull,
    pending_fees: p.optDecimalOrNull,
    borrow: p.optDecimalOrNull,
    accrued_interest: p.optDecimalOrNull,
    rolling_debt: p.optDecimalOrNull,
    portfolio_initial_margin: p.optDecimalOrNull,
    portfolio_im_notional: optAmountOrNull(),
    portfolio_maintenance_margin: p.optDecimalOrNull,
    portfolio_mm_notional: optAmountOrNull(),
    liquidation_percentage: p.optDecimalOrNull,
    liquidation_buffer: p.optDecimalOrNull,
    margin_type: p.optString,
    unrealized_pnl: optAmountOrNull(),
    buying_power: optAmountOrNull(),
    total_balance: optAmountOrNull(),
    max_withdrawal: optAmountOrNull(),
  })
})

/** An INTX perpetuals position. */
export const perpetualsPositionSchema = lazySchema('perpetualsPositionSchema', () => {
  const p = primitives()
  return z.looseObject({
    product_id: z.string(),
    product_uuid: p.optString,
    symbol: z.string(),
    vwap: optAmountOrNull(),
    entry_vwap: optAmountOrNull(),
    position_side: p.optString,
    net_size: p.optDecimalOrNull,
    buy_order_size: p.optDecimalOrNull,
    sell_order_size: p.optDecimalOrNull,
    im_contribution: p.optDecimalOrNull,
    unrealized_pnl: optAmountOrNull(),
    mark_price: optAmountOrNull(),
    liquidation_price: optAmountOrNull(),
    leverage: p.optDecimalOrNull,
    im_notional: optAmountOrNull(),
    mm_notional: optAmountOrNull(),
    position_notional: optAmountOrNull(),
    margin_type: p.optString,
    liquidation_buffer: p.optDecimalOrNull,
    liquidation_percentage: p.optDecimalOrNull,
    portfolio_summary: resolveSchema(portfolioSummarySchema).nullable().optional(),
  })
})

/** `GET /intx/positions/{portfolio_uuid}` (the summary key is `portfolio_summary` live, `summary` in PY types). */
export const listPerpetualsPositionsResponseSchema = lazySchema('listPerpetualsPositionsResponseSchema', () =>
  z.looseObject({
    positions: z.array(resolveSchema(perpetualsPositionSchema)),
    portfolio_summary: resolveSchema(portfolioSummarySchema).nullable().optional(),
    summary: z.unknown().optional(),
  }),
)
