import { z } from 'zod'
import { lazySchema, resolveSchema } from './lazySchema.js'
import { openEnum, primitives } from './primitives.js'

/** `product_type` values. */
export const productTypes = ['UNKNOWN_PRODUCT_TYPE', 'SPOT', 'FUTURE'] as const

const perpetualDetails = lazySchema('perpetualDetails', () => {
  const p = primitives()
  return z.looseObject({
    open_interest: p.optDecimalOrNull,
    funding_rate: p.optDecimalOrNull,
    funding_time: p.optTimestampOrNull,
    max_leverage: p.optDecimalOrNull,
    base_asset_uuid: p.optString,
    underlying_type: p.optString,
  })
})

const futureProductDetails = lazySchema('futureProductDetails', () => {
  const p = primitives()
  return z.looseObject({
    venue: p.optString,
    contract_code: p.optString,
    contract_expiry: p.optTimestampOrNull,
    contract_size: p.optDecimalOrNull,
    contract_root_unit: p.optString,
    group_description: p.optString,
    contract_expiry_timezone: p.optString,
    group_short_description: p.optString,
    risk_managed_by: p.optString,
    contract_expiry_type: openEnum([
      'UNKNOWN_CONTRACT_EXPIRY_TYPE',
      'EXPIRING',
      'PERPETUAL',
    ] as const).optional(),
    perpetual_details: resolveSchema(perpetualDetails).nullable().optional(),
    contract_display_name: p.optString,
    time_to_expiry_ms: z.union([z.string(), z.number()]).optional(),
    non_crypto: p.optBoolean,
    contract_expiry_name: p.optString,
    twenty_four_by_seven: p.optBoolean,
  })
})

/**
 * A product (`GET /products/{id}`, `/market/products/{id}`, items of `/products`). Increments and size
 * limits are `Decimal`; fields Coinbase leaves empty (`""`) are `null`.
 */
export const productSchema = lazySchema('productSchema', () => {
  const p = primitives()
  return z.looseObject({
    product_id: z.string(),
    price: p.optDecimalOrNull,
    price_percentage_change_24h: p.optDecimalOrNull,
    volume_24h: p.optDecimalOrNull,
    volume_percentage_change_24h: p.optDecimalOrNull,
    base_increment: p.decimal,
    quote_increment: p.decimal,
    quote_min_size: p.decimal,
    quote_max_size: p.decimal,
    base_min_size: p.decimal,
    base_max_size: p.decimal,
    base_name: p.optString,
    quote_name: p.optString,
    watched: p.optBoolean,
    is_disabled: p.optBoolean,
    new: p.optBoolean,
    status: p.optString,
    cancel_only: p.optBoolean,
    limit_only: p.optBoolean,
    post_only: p.optBoolean,
    trading_disabled: p.optBoolean,
    auction_mode: p.optBoolean,
    product_type: openEnum(productTypes).optional(),
    quote_currency_id: p.optString,
    base_currency_id: p.optString,
    fcm_trading_session_details: z.unknown().optional(),
    mid_market_price: p.optDecimalOrNull,
    alias: p.optString,
    alias_to: z.array(z.string()).optional(),
    base_display_symbol: p.optString,
    quote_display_symbol: p.optString,
    view_only: p.optBoolean,
    price_increment: p.decimal,
    display_name: p.optString,
    product_venue: openEnum(['UNKNOWN_VENUE_TYPE', 'CBE', 'FCM', 'INTX'] as const).optional(),
    approximate_quote_24h_volume: p.optDecimalOrNull,
    new_at: p.optTimestampOrNull,
    market_cap: p.optDecimalOrNull,
    best_bid_price: p.optDecimalOrNull,
    best_ask_price: p.optDecimalOrNull,
    high_24h: p.optDecimalOrNull,
    low_24h: p.optDecimalOrNull,
    future_product_details: resolveSchema(futureProductDetails).nullable().optional(),
  })
})

/** Parsed product. */
export type Product = z.output<typeof productSchema>

/** `GET /products` and `/market/products`. */
export const listProductsResponseSchema = lazySchema('listProductsResponseSchema', () => {
  const p = primitives()
  return z.looseObject({
    products: z.array(resolveSchema(productSchema)),
    num_products: p.integer.optional(),
  })
})

/** One price level `{ price, size }`. */
export const priceLevelSchema = lazySchema('priceLevelSchema', () => {
  const p = primitives()
  return z.looseObject({ price: p.decimal, size: p.decimal })
})

/** A price book: bids and asks best first. */
export const pricebookSchema = lazySchema('pricebookSchema', () => {
  const p = primitives()
  return z.looseObject({
    product_id: z.string(),
    bids: z.array(resolveSchema(priceLevelSchema)),
    asks: z.array(resolveSchema(priceLevelSchema)),
    time: p.optTimestampOrNull,
  })
})

/** Parsed price book. */
export type Pricebook = z.output<typeof pricebookSchema>

/** `GET /product_book` and `/market/product_book`. */
export const productBookResponseSchema = lazySchema('productBookResponseSchema', () => {
  const p = primitives()
  return z.looseObject({
    pricebook: resolveSchema(pricebookSchema),
    last: p.optDecimalOrNull,
    mid_market: p.optDecimalOrNull,
    spread_bps: p.optDecimalOrNull,
    spread_absolute: p.optDecimalOrNull,
  })
})

/** `GET /best_bid_ask`. */
export const bestBidAskResponseSchema = lazySchema('bestBidAskResponseSchema', () =>
  z.looseObject({ pricebooks: z.array(resolveSchema(pricebookSchema)) }),
)

/** One candle. `start` is the bucket start. */
export const candleSchema = lazySchema('candleSchema', () => {
  const p = primitives()
  return z.looseObject({
    start: p.unixSeconds,
    low: p.decimal,
    high: p.decimal,
    open: p.decimal,
    close: p.decimal,
    volume: p.decimal,
  })
})

/** Parsed candle. */
export type Candle = z.output<typeof candleSchema>

/** `GET /products/{id}/candles` (newest first). */
export const candlesResponseSchema = lazySchema('candlesResponseSchema', () =>
  z.looseObject({ candles: z.array(resolveSchema(candleSchema)) }),
)

/** One public trade. `side` is the maker's side. */
export const marketTradeSchema = lazySchema('marketTradeSchema', () => {
  const p = primitives()
  return z.looseObject({
    trade_id: z.string(),
    product_id: z.string(),
    price: p.decimal,
    size: p.decimal,
    time: p.timestamp,
    side: p.side,
    bid: p.optDecimalOrNull,
    ask: p.optDecimalOrNull,
    exchange: p.optString,
  })
})

/** Parsed public trade. */
export type MarketTrade = z.output<typeof marketTradeSchema>

/** `GET /products/{id}/ticker`. */
export const marketTradesResponseSchema = lazySchema('marketTradesResponseSchema', () => {
  const p = primitives()
  return z.looseObject({
    trades: z.array(resolveSchema(marketTradeSchema)),
    best_bid: p.optDecimalOrNull,
    best_ask: p.optDecimalOrNull,
  })
})

/** `GET /time`: all three fields are strings on the wire. */
export const serverTimeResponseSchema = lazySchema('serverTimeResponseSchema', () => {
  const p = primitives()
  return z.looseObject({
    iso: p.timestamp,
    epochSeconds: p.integer,
    epochMillis: p.integer,
  })
})
