import { z } from 'zod'
import { lazyProxy, lazySchema, memo, resolveSchema } from '../schemas/lazySchema.js'
import { primitives } from '../schemas/primitives.js'

/*
 * zod schemas for every WebSocket channel except level2 (which has its own fast parser in
 * src/book). Money becomes Decimal; unknown extra fields are kept (`looseObject`). Each schema is
 * built on first use (a channel's schema when its first frame arrives), then cached.
 */

const envelope = () => ({
  client_id: z.string().optional(),
  timestamp: z.string(),
  sequence_num: z.number().int().nonnegative(),
})

const eventType = memo('ws eventType', () => z.enum(['snapshot', 'update']))

/** One ticker (channels `ticker` and `ticker_batch`; the batch has no best bid/ask). */
export const wsTickerSchema = lazySchema('wsTickerSchema', () => {
  const { decimal } = primitives()
  const optDecimal = decimal.optional()
  return z.looseObject({
    type: z.string().optional(),
    product_id: z.string(),
    price: decimal,
    volume_24_h: optDecimal,
    low_24_h: optDecimal,
    high_24_h: optDecimal,
    low_52_w: optDecimal,
    high_52_w: optDecimal,
    price_percent_chg_24_h: optDecimal,
    best_bid: optDecimal,
    best_bid_quantity: optDecimal,
    best_ask: optDecimal,
    best_ask_quantity: optDecimal,
  })
})

/** One public trade (`market_trades`); `side` is the maker's side. */
export const wsTradeSchema = lazySchema('wsTradeSchema', () => {
  const p = primitives()
  return z.looseObject({
    trade_id: z.string(),
    product_id: z.string(),
    price: p.decimal,
    size: p.decimal,
    side: z.string(),
    time: p.timestamp,
  })
})

/** One 5-minute candle (`candles`). */
export const wsCandleSchema = lazySchema('wsCandleSchema', () => {
  const p = primitives()
  return z.looseObject({
    start: p.unixSeconds,
    high: p.decimal,
    low: p.decimal,
    open: p.decimal,
    close: p.decimal,
    volume: p.decimal,
    product_id: z.string(),
  })
})

/** One order on the `user` channel: cumulative state, not a fill. */
export const wsUserOrderSchema = lazySchema('wsUserOrderSchema', () => {
  const p = primitives()
  return z.looseObject({
    order_id: z.string(),
    client_order_id: z.string().optional().default(''),
    product_id: z.string(),
    status: z.string(),
    order_side: p.optString,
    order_type: p.optString,
    avg_price: p.optDecimalOrNull,
    cumulative_quantity: p.optDecimalOrNull,
    leaves_quantity: p.optDecimalOrNull,
    filled_value: p.optDecimalOrNull,
    total_fees: p.optDecimalOrNull,
    limit_price: p.optDecimalOrNull,
    stop_price: p.optDecimalOrNull,
    number_of_fills: z.union([z.string(), z.number()]).optional(),
    creation_time: p.optTimestampOrNull,
  })
})

/** Event schema builders, one per channel; each runs only when its channel's first frame arrives. */
const channelSchemas = {
  ticker: () => z.looseObject({ type: eventType(), tickers: z.array(resolveSchema(wsTickerSchema)) }),
  ticker_batch: () => z.looseObject({ type: eventType(), tickers: z.array(resolveSchema(wsTickerSchema)) }),
  market_trades: () => z.looseObject({ type: eventType(), trades: z.array(resolveSchema(wsTradeSchema)) }),
  candles: () => z.looseObject({ type: eventType(), candles: z.array(resolveSchema(wsCandleSchema)) }),
  heartbeats: () =>
    z.looseObject({
      current_time: z.string(),
      heartbeat_counter: z.union([
        z.number().int().nonnegative(),
        z
          .string()
          .regex(/^\d{1,15}$/, 'expected a non-negative integer counter')
          .transform((v) => Number(v)),
      ]),
    }),
  status: () =>
    z.looseObject({
      type: eventType(),
      products: z.array(z.looseObject({ id: z.string(), status: z.string() })),
    }),
  subscriptions: () => z.looseObject({ subscriptions: z.record(z.string(), z.array(z.string())) }),
  user: () =>
    z.looseObject({
      type: eventType(),
      orders: z.array(resolveSchema(wsUserOrderSchema)).optional().default([]),
      positions: z.unknown().optional(),
    }),
  futures_balance_summary: () =>
    z.looseObject({
      type: eventType(),
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
    events: z.output<ReturnType<(typeof channelSchemas)[C]>>[]
  }
}[ParsedChannel]

type FrameSchemas = { [C in ParsedChannel]: z.ZodType }

const channels = Object.keys(channelSchemas) as ParsedChannel[]

/** Memoised frame-schema builders: the hot path reads the cached schema, it never rebuilds it. */
const frameSchemaOf = Object.fromEntries(
  channels.map((channel) => [
    channel,
    memo<z.ZodType>(`ws ${channel}`, () =>
      z.looseObject({
        channel: z.literal(channel),
        ...envelope(),
        events: z.array(channelSchemas[channel]()),
      }),
    ),
  ]),
) as { [C in ParsedChannel]: () => z.ZodType }

/**
 * The schema of a whole frame of `channel` (built on the channel's first frame, then cached), or
 * `undefined` for a channel this client does not parse with zod.
 */
export function wsMessageSchemaFor(channel: unknown): z.ZodType | undefined {
  return typeof channel === 'string' && Object.hasOwn(frameSchemaOf, channel)
    ? frameSchemaOf[channel as ParsedChannel]()
    : undefined
}

/** Schema of a whole frame, chosen by its `channel` (each built on first use). */
export const wsMessageSchemas: FrameSchemas = Object.fromEntries(
  channels.map((channel) => [channel, lazyProxy(frameSchemaOf[channel])]),
) as FrameSchemas

/** `{"type":"error","message":"..."}` — not in the envelope format. */
export const wsErrorFrameSchema = lazySchema('wsErrorFrameSchema', () =>
  z.looseObject({ type: z.literal('error'), message: z.string() }),
)

/** Parsed user-channel order. */
export type WsUserOrder = z.output<typeof wsUserOrderSchema>
/** Parsed ticker. */
export type WsTicker = z.output<typeof wsTickerSchema>
/** Parsed public trade. */
export type WsTrade = z.output<typeof wsTradeSchema>
/** Parsed candle. */
export type WsCandle = z.output<typeof wsCandleSchema>
