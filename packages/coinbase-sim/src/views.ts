import { rfc3339Micros } from './clock.js'
import { remaining } from './MatchingEngine.js'
import { D, type Dec, fmt } from './money.js'
import type { ProductRules } from './products.js'
import type { SimFill, SimOrder } from './types.js'

/** JSON value the sim writes. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json }

/** Live numbers a product view needs besides the static spec. */
export interface ProductLive {
  price: Dec | null
  change24h: number
  volume24h: number
  high24h: number
  low24h: number
  priceScale: number
}

/** The product object (same keys as `get_product.json`). */
export function productView(rules: ProductRules, live: ProductLive): { [key: string]: Json } {
  const s = rules.spec
  const price = live.price ? live.price.toFixed(live.priceScale) : ''
  const view: { [key: string]: Json } = {
    product_id: s.productId,
    price,
    price_percentage_change_24h: live.change24h.toFixed(14),
    volume_24h: live.volume24h.toFixed(8),
    volume_percentage_change_24h: '0',
    base_increment: s.baseIncrement,
    quote_increment: s.quoteIncrement,
    quote_min_size: s.quoteMinSize,
    quote_max_size: s.quoteMaxSize,
    base_min_size: s.baseMinSize,
    base_max_size: s.baseMaxSize,
    base_name: s.baseName,
    quote_name: s.quoteName,
    watched: false,
    is_disabled: false,
    new: false,
    status: 'online',
    cancel_only: false,
    limit_only: false,
    post_only: false,
    trading_disabled: false,
    auction_mode: false,
    product_type: s.productType,
    quote_currency_id: s.quote,
    base_currency_id: s.productType === 'FUTURE' ? '' : s.base,
    fcm_trading_session_details: null,
    mid_market_price: '',
    alias: '',
    alias_to: s.quote === 'USD' ? [`${s.base}-USDC`] : [],
    base_display_symbol: s.base,
    quote_display_symbol: s.quote,
    view_only: false,
    price_increment: s.priceIncrement,
    display_name: s.productType === 'FUTURE' ? `${s.base} PERP` : s.productId,
    product_venue: s.venue,
    approximate_quote_24h_volume: live.price ? (live.volume24h * live.price.toNumber()).toFixed(2) : '0',
    new_at: '2023-01-01T00:00:00Z',
    market_cap: '',
    base_cbrn: '',
    quote_cbrn: '',
    product_cbrn: '',
    icon_color: '',
    icon_url: '',
    display_name_overwrite: '',
    is_alpha_testing: false,
    about_description: '',
    best_bid_price: '',
    best_ask_price: '',
    high_24h: live.high24h.toFixed(live.priceScale),
    low_24h: live.low24h.toFixed(live.priceScale),
    hidden_from_discovery: false,
  }
  if (s.productType === 'FUTURE') {
    view.future_product_details = {
      venue: '',
      contract_code: s.base,
      contract_expiry: null,
      contract_size: s.contractSize ?? '1',
      contract_root_unit: s.base,
      group_description: '',
      contract_expiry_timezone: '',
      group_short_description: '',
      risk_managed_by: 'MANAGED_BY_VENUE',
      contract_expiry_type: 'PERPETUAL',
      perpetual_details: {
        open_interest: '0',
        funding_rate: '0.000010',
        funding_time: '2026-01-01T01:00:00.000000Z',
        max_leverage: '10',
      },
      contract_display_name: `${s.base} PERPETUAL`,
    }
  }
  return view
}

const TERMINAL = new Set(['FILLED', 'CANCELLED', 'EXPIRED', 'FAILED'])

function averagePrice(o: SimOrder): Dec {
  return o.filledSize.isZero() ? new D(0) : o.filledValue.div(o.filledSize).toDecimalPlaces(10)
}

function completion(o: SimOrder): string {
  if (o.status === 'FILLED') return '100.00'
  if (o.baseSize && !o.filledSize.isZero()) return o.filledSize.div(o.baseSize).mul(100).toFixed(2)
  if (o.quoteSize && !o.filledValue.isZero())
    return o.filledValue.plus(o.totalFees).div(o.quoteSize).mul(100).toFixed(2)
  return '0'
}

function valueAfterFees(o: SimOrder): Dec {
  return o.side === 'BUY' ? o.filledValue.plus(o.totalFees) : o.filledValue.minus(o.totalFees)
}

/** The REST order object (keys of `list_orders.json`, plus `retail_portfolio_id`). */
export function orderView(o: SimOrder): { [key: string]: Json } {
  return {
    order_id: o.orderId,
    product_id: o.productId,
    user_id: o.userId,
    order_configuration: { [o.configKey]: o.config },
    side: o.side,
    client_order_id: o.clientOrderId,
    status: o.status,
    time_in_force: o.timeInForce,
    created_time: rfc3339Micros(o.createdMs),
    completion_percentage: completion(o),
    filled_size: fmt(o.filledSize),
    average_filled_price: fmt(averagePrice(o)),
    fee: '',
    number_of_fills: String(o.numberOfFills),
    filled_value: fmt(o.filledValue),
    pending_cancel: false,
    size_in_quote: o.quoteSize !== null,
    total_fees: fmt(o.totalFees),
    size_inclusive_of_fees: o.quoteSize !== null,
    total_value_after_fees: fmt(valueAfterFees(o)),
    trigger_status: o.triggerStatus,
    order_type: o.orderType,
    reject_reason: o.rejectReason,
    settled: TERMINAL.has(o.status),
    product_type: 'SPOT',
    reject_message: o.rejectMessage,
    cancel_message: o.cancelMessage,
    order_placement_source: 'RETAIL_ADVANCED',
    outstanding_hold_amount: fmt(o.hold),
    is_liquidation: false,
    last_fill_time: o.lastFillMs === null ? null : rfc3339Micros(o.lastFillMs),
    edit_history: o.editHistory,
    leverage: '',
    margin_type: 'UNKNOWN_MARGIN_TYPE',
    retail_portfolio_id: o.portfolioId,
    originating_order_id: o.originatingOrderId,
    attached_order_id: o.attachedOrderId,
    ...(o.attached ? { attached_order_configuration: { trigger_bracket_gtc: o.attached.config } } : {}),
  }
}

/** The REST fill object (keys of `list_fills.json`). */
export function fillView(f: SimFill): { [key: string]: Json } {
  return {
    entry_id: f.entryId,
    trade_id: f.tradeId,
    order_id: f.orderId,
    trade_time: rfc3339Micros(f.timeMs),
    trade_type: 'FILL',
    price: fmt(f.price),
    size: fmt(f.size),
    commission: fmt(f.commission),
    product_id: f.productId,
    sequence_timestamp: rfc3339Micros(f.timeMs),
    liquidity_indicator: f.liquidity,
    size_in_quote: f.sizeInQuote,
    user_id: f.userId,
    side: f.side,
    cursor: String(f.seq),
  }
}

const WS_ORDER_TYPE: Record<string, string> = {
  MARKET: 'Market',
  LIMIT: 'Limit',
  STOP_LIMIT: 'StopLimit',
  BRACKET: 'Bracket',
}

/** The `user` channel order object (keys of `ws/user.json`). */
export function wsOrderView(o: SimOrder): { [key: string]: Json } {
  const terminalNoFill = o.status === 'CANCELLED' || o.status === 'EXPIRED' || o.status === 'FAILED'
  return {
    avg_price: fmt(averagePrice(o)),
    cancel_reason: o.cancelMessage,
    client_order_id: o.clientOrderId,
    completion_percentage: completion(o),
    contract_expiry_type: 'UNKNOWN_CONTRACT_EXPIRY_TYPE',
    cumulative_quantity: fmt(o.filledSize),
    filled_value: fmt(o.filledValue),
    leaves_quantity: terminalNoFill || o.status === 'FILLED' ? '0' : fmt(remaining(o)),
    limit_price: o.limitPrice ? fmt(o.limitPrice) : '',
    number_of_fills: String(o.numberOfFills),
    order_id: o.orderId,
    order_side: o.side,
    order_type: WS_ORDER_TYPE[o.orderType] ?? o.orderType,
    outstanding_hold_amount: fmt(o.hold),
    post_only: o.postOnly ? 'true' : 'false',
    product_id: o.productId,
    product_type: 'SPOT',
    reject_reason: '',
    retail_portfolio_id: o.portfolioId,
    risk_managed_by: 'UNKNOWN_RISK_MANAGEMENT_TYPE',
    status: o.status,
    stop_price: o.stopPrice ? fmt(o.stopPrice) : '',
    time_in_force: o.timeInForce,
    total_fees: fmt(o.totalFees),
    total_value_after_fees: fmt(valueAfterFees(o)),
    trigger_status: o.triggerStatus,
    creation_time: rfc3339Micros(o.createdMs),
    end_time: o.endTimeMs === null ? '0001-01-01T00:00:00Z' : rfc3339Micros(o.endTimeMs),
    start_time: '0001-01-01T00:00:00Z',
  }
}
