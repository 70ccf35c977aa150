import { z } from 'zod'
import { decimal, decimalOrNull, timestamp, timestampOrNull, unixSeconds } from '../schemas/primitives.js'

/*
 * zod schemas for every WebSocket channel except level2 (which has its own fast parser in
 * src/book). Money becomes Decimal; unknown extra fields are kept (`looseObject`).
 */

const envelope = {
  client_id: z.string().optional(),
  timestamp: z.string(),
  sequence_num: z.number().int().nonnegative(),
}

const eventType = z.enum(['snapshot', 'update'])

/** One ticker (channels `ticker` and `ticker_batch`; the batch has no best bid/ask). */
export const wsTickerSchema = z.looseObject({
  type: z.string().optional(),
  product_id: z.string(),
  price: decimal,
  volume_24_h: decimal.optional(),
  low_24_h: decimal.optional(),
  high_24_h: decimal.optional(),
  low_52_w: decimal.optional(),
  high_52_w: decimal.optional(),
  price_percent_chg_24_h: decimal.optional(),
  best_bid: decimal.optional(),
  best_bid_quantity: decimal.optional(),
  best_ask: decimal.optional(),
  best_ask_quantity: decimal.optional(),
})

/** One public trade (`market_trades`); `side` is the maker's side. */
export const wsTradeSchema = z.looseObject({
  trade_id: z.string(),
  product_id: z.string(),
  price: decimal,
  size: decimal,
  side: z.string(),
  time: timestamp,
})

/** One 5-minute candle (`candles`). */
export const wsCandleSchema = z.looseObject({
  start: unixSeconds,
  high: decimal,
  low: decimal,
  open: decimal,
  close: decimal,
  volume: decimal,
  product_id: z.string(),
})

/** One order on the `user` channel: cumulative state, not a fill. */
export const wsUserOrderSchema = z.looseObject({
  order_id: z.string(),
  client_order_id: z.string().optional().default(''),
  product_id: z.string(),
  status: z.string(),
  order_side: z.string().optional(),
  order_type: z.string().optional(),
  avg_price: decimalOrNull.optional(),
  cumulative_quantity: decimalOrNull.optional(),
  leaves_quantity: decimalOrNull.optional(),
  filled_value: decimalOrNull.optional(),
  total_fees: decimalOrNull.optional(),
  limit_price: decimalOrNull.optional(),
  stop_price: decimalOrNull.optional(),
  number_of_fills: z.union([z.string(), z.number()]).optional(),
  creation_time: timestampOrNull.optional(),
})

const channelSchemas = {
  ticker: z.looseObject({ type: eventType, tickers: z.array(wsTickerSchema) }),
  ticker_batch: z.looseObject({ type: eventType, tickers: z.array(wsTickerSchema) }),
  market_trades: z.looseObject({ type: eventType, trades: z.array(wsTradeSchema) }),
  candles: z.looseObject({ type: eventType, candles: z.array(wsCandleSchema) }),
  heartbeats: z.looseObject({
    current_time: z.string(),
    heartbeat_counter: z.union([
      z.number().int().nonnegative(),
      z
        .string()
        .regex(/^\d{1,15}$/, 'expected a non-negative integer counter')
        .transform((v) => Number(v)),
    ]),
  }),
  status: z.looseObject({
    type: eventType,
    products: z.array(z.looseObject({ id: z.string(), status: z.string() })),
  }),
  subscriptions: z.looseObject({ subscriptions: z.record(z.string(), z.array(z.string())) }),
  user: z.looseObject({
    type: eventType,
    orders: z.array(wsUserOrderSchema).optional().default([]),
    positions: z.unknown().optional(),
  }),
  futures_balance_summary: z.looseObject({
    type: eventType,
    fcm_balance_summary: z.record(z.string(), z.unknown()),
  }),
} as const

/** Channels parsed with zod (every channel but `l2_data`). */
export type ParsedChannel = keyof typeof channelSchemas

/** A parsed frame of one of the zod-parsed channels. */
export type WsMessage = {
  [C in ParsedChannel]: {
    channel: C
    client_id?: string | undefined
    timestamp: string
    sequence_num: number
    events: z.output<(typeof channelSchemas)[C]>[]
  }
}[ParsedChannel]

/** Schema of a whole frame, chosen by its `channel`. */
export const wsMessageSchemas: { [C in ParsedChannel]: z.ZodType } = Object.fromEntries(
  Object.entries(channelSchemas).map(([channel, event]) => [
    channel,
    z.looseObject({ channel: z.literal(channel), ...envelope, events: z.array(event) }),
  ]),
) as unknown as { [C in ParsedChannel]: z.ZodType }

/** `{"type":"error","message":"..."}` — not in the envelope format. */
export const wsErrorFrameSchema = z.looseObject({ type: z.literal('error'), message: z.string() })

/** Parsed user-channel order. */
export type WsUserOrder = z.output<typeof wsUserOrderSchema>
/** Parsed ticker. */
export type WsTicker = z.output<typeof wsTickerSchema>
/** Parsed public trade. */
export type WsTrade = z.output<typeof wsTradeSchema>
/** Parsed candle. */
export type WsCandle = z.output<typeof wsCandleSchema>
