import { z } from 'zod'
import {
  decimal,
  decimalOrNull,
  integer,
  openEnum,
  side,
  timestamp,
  timestampOrNull,
  unixSeconds,
} from './primitives.js'

/** `product_type` values. */
export const productTypes = ['UNKNOWN_PRODUCT_TYPE', 'SPOT', 'FUTURE'] as const

const perpetualDetails = z.looseObject({
  open_interest: decimalOrNull.optional(),
  funding_rate: decimalOrNull.optional(),
  funding_time: timestampOrNull.optional(),
  max_leverage: decimalOrNull.optional(),
  base_asset_uuid: z.string().optional(),
  underlying_type: z.string().optional(),
})

const futureProductDetails = z.looseObject({
  venue: z.string().optional(),
  contract_code: z.string().optional(),
  contract_expiry: timestampOrNull.optional(),
  contract_size: decimalOrNull.optional(),
  contract_root_unit: z.string().optional(),
  group_description: z.string().optional(),
  contract_expiry_timezone: z.string().optional(),
  group_short_description: z.string().optional(),
  risk_managed_by: z.string().optional(),
  contract_expiry_type: openEnum([
    'UNKNOWN_CONTRACT_EXPIRY_TYPE',
    'EXPIRING',
    'PERPETUAL',
  ] as const).optional(),
  perpetual_details: perpetualDetails.nullable().optional(),
  contract_display_name: z.string().optional(),
  time_to_expiry_ms: z.union([z.string(), z.number()]).optional(),
  non_crypto: z.boolean().optional(),
  contract_expiry_name: z.string().optional(),
  twenty_four_by_seven: z.boolean().optional(),
})

/**
 * A product (`GET /products/{id}`, `/market/products/{id}`, items of `/products`). Increments and size
 * limits are `Decimal`; fields Coinbase leaves empty (`""`) are `null`.
 */
export const productSchema = z.looseObject({
  product_id: z.string(),
  price: decimalOrNull.optional(),
  price_percentage_change_24h: decimalOrNull.optional(),
  volume_24h: decimalOrNull.optional(),
  volume_percentage_change_24h: decimalOrNull.optional(),
  base_increment: decimal,
  quote_increment: decimal,
  quote_min_size: decimal,
  quote_max_size: decimal,
  base_min_size: decimal,
  base_max_size: decimal,
  base_name: z.string().optional(),
  quote_name: z.string().optional(),
  watched: z.boolean().optional(),
  is_disabled: z.boolean().optional(),
  new: z.boolean().optional(),
  status: z.string().optional(),
  cancel_only: z.boolean().optional(),
  limit_only: z.boolean().optional(),
  post_only: z.boolean().optional(),
  trading_disabled: z.boolean().optional(),
  auction_mode: z.boolean().optional(),
  product_type: openEnum(productTypes).optional(),
  quote_currency_id: z.string().optional(),
  base_currency_id: z.string().optional(),
  fcm_trading_session_details: z.unknown().optional(),
  mid_market_price: decimalOrNull.optional(),
  alias: z.string().optional(),
  alias_to: z.array(z.string()).optional(),
  base_display_symbol: z.string().optional(),
  quote_display_symbol: z.string().optional(),
  view_only: z.boolean().optional(),
  price_increment: decimal,
  display_name: z.string().optional(),
  product_venue: openEnum(['UNKNOWN_VENUE_TYPE', 'CBE', 'FCM', 'INTX'] as const).optional(),
  approximate_quote_24h_volume: decimalOrNull.optional(),
  new_at: timestampOrNull.optional(),
  market_cap: decimalOrNull.optional(),
  best_bid_price: decimalOrNull.optional(),
  best_ask_price: decimalOrNull.optional(),
  high_24h: decimalOrNull.optional(),
  low_24h: decimalOrNull.optional(),
  future_product_details: futureProductDetails.nullable().optional(),
})

/** Parsed product. */
export type Product = z.output<typeof productSchema>

/** `GET /products` and `/market/products`. */
export const listProductsResponseSchema = z.looseObject({
  products: z.array(productSchema),
  num_products: integer.optional(),
})

/** One price level `{ price, size }`. */
export const priceLevelSchema = z.looseObject({ price: decimal, size: decimal })

/** A price book: bids and asks best first. */
export const pricebookSchema = z.looseObject({
  product_id: z.string(),
  bids: z.array(priceLevelSchema),
  asks: z.array(priceLevelSchema),
  time: timestampOrNull.optional(),
})

/** Parsed price book. */
export type Pricebook = z.output<typeof pricebookSchema>

/** `GET /product_book` and `/market/product_book`. */
export const productBookResponseSchema = z.looseObject({
  pricebook: pricebookSchema,
  last: decimalOrNull.optional(),
  mid_market: decimalOrNull.optional(),
  spread_bps: decimalOrNull.optional(),
  spread_absolute: decimalOrNull.optional(),
})

/** `GET /best_bid_ask`. */
export const bestBidAskResponseSchema = z.looseObject({ pricebooks: z.array(pricebookSchema) })

/** One candle. `start` is the bucket start. */
export const candleSchema = z.looseObject({
  start: unixSeconds,
  low: decimal,
  high: decimal,
  open: decimal,
  close: decimal,
  volume: decimal,
})

/** Parsed candle. */
export type Candle = z.output<typeof candleSchema>

/** `GET /products/{id}/candles` (newest first). */
export const candlesResponseSchema = z.looseObject({ candles: z.array(candleSchema) })

/** One public trade. `side` is the maker's side. */
export const marketTradeSchema = z.looseObject({
  trade_id: z.string(),
  product_id: z.string(),
  price: decimal,
  size: decimal,
  time: timestamp,
  side,
  bid: decimalOrNull.optional(),
  ask: decimalOrNull.optional(),
  exchange: z.string().optional(),
})

/** Parsed public trade. */
export type MarketTrade = z.output<typeof marketTradeSchema>

/** `GET /products/{id}/ticker`. */
export const marketTradesResponseSchema = z.looseObject({
  trades: z.array(marketTradeSchema),
  best_bid: decimalOrNull.optional(),
  best_ask: decimalOrNull.optional(),
})

/** `GET /time`: all three fields are strings on the wire. */
export const serverTimeResponseSchema = z.looseObject({
  iso: timestamp,
  epochSeconds: integer,
  epochMillis: integer,
})
