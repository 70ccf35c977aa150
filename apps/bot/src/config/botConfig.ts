import { booleanish, commaList, duration, isProductId } from '@gpt-trader/validation'
import { z } from 'zod'

/** Profile names shipped in `apps/bot/config/`. */
export const profileNames = ['dev', 'canary', 'prod'] as const
/** One of {@link profileNames}. */
export type ProfileName = (typeof profileNames)[number]

const productIdField = z.string().refine((id) => isProductId(id) && id === id.toUpperCase(), {
  message: 'expected an upper-case product id like "BTC-USD"',
})

const decimalString = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .refine((v) => /^\d+(\.\d+)?$/.test(v), { message: 'expected a non-negative decimal like "0.01"' })

const ms = z.union([z.number(), z.string()]).pipe(duration)
const flag = z.union([z.boolean(), z.string(), z.number()]).pipe(booleanish)

const weekday = z.enum(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'])
/** Day names of {@link BotConfig.tradingDays}, index = `Date#getUTCDay()`. */
export const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const

/**
 * zod schema of a profile (`config/<profile>.yaml`) after env and CLI overrides are merged in.
 * Every field has a default, so a profile only says what differs. `risk` is checked separately by
 * `@gpt-trader/risk`'s `resolveRiskConfig` (see `loadConfig`).
 *
 * A new schema per call, kept by nobody: a zod 4 object schema of this size holds about 1 MB of heap,
 * and the bot parses its configuration once.
 */
export const botConfigSchema = () =>
  z.strictObject({
    /** Profile name; also the state directory under `state.root`. */
    profile: z.enum(profileNames),
    /**
     * Where orders go: `sim` (the embedded coinbase-sim on a free loopback port), `coinbase` (real
     * Coinbase Advanced Trade), `paper` (paper fills against live Coinbase market data, PERPS_PAPER=1).
     */
    broker: z.enum(['sim', 'coinbase', 'paper']).prefault('sim'),
    /** Products to trade. */
    symbols: commaList.pipe(z.array(productIdField).min(1, { message: 'expected at least one product id' })),
    /** Time between trading cycles. */
    interval: ms.prefault('5s'),
    /** Stop after this many cycles (`null`: run until a signal). */
    maxCycles: z.number().int().positive().nullable().prefault(null),
    strategy: z
      .strictObject({
        name: z.enum(['ma-cross', 'momentum']).prefault('ma-cross'),
        shortPeriod: z.number().int().positive().prefault(5),
        longPeriod: z.number().int().positive().prefault(20),
        trailingStop: z.number().positive().max(1).prefault(0.01),
      })
      .prefault({})
      .refine((s) => s.longPeriod > s.shortPeriod, {
        message: 'expected longPeriod > shortPeriod',
        path: ['longPeriod'],
      }),
    orders: z
      .strictObject({
        /** MARKET orders, or LIMIT orders at the touch. */
        type: z.enum(['MARKET', 'LIMIT']).prefault('MARKET'),
        /** Time in force of LIMIT orders (IOC = fill what crosses now, cancel the rest). */
        timeInForce: z.enum(['GTC', 'IOC', 'FOK']).prefault('IOC'),
      })
      .prefault({}),
    sizing: z
      .strictObject({
        winRate: z.number().min(0).max(1).prefault(0.55),
        avgWin: z.number().positive().prefault(0.03),
        avgLoss: z.number().negative().prefault(-0.02),
        /** Quote-currency cap on one order's notional. */
        maxNotional: decimalString.optional(),
        /** Base-currency cap on the position per product, e.g. `{ BTC-USD: '0.01' }`. */
        maxPosition: z.record(productIdField, decimalString).prefault({}),
      })
      .prefault({}),
    /** Risk configuration (`@gpt-trader/risk` RiskConfig input), optionally on top of a preset. */
    risk: z.looseObject({ preset: z.enum(['default', 'spot_top10']).prefault('default') }).prefault({}),
    /** UTC days on which new exposure may be opened (with `risk.tradingWindow` for the hours). */
    tradingDays: z.array(weekday).min(1).nullable().prefault(null),
    /** Decide and record, but never send an order. */
    dryRun: flag.prefault(false),
    /** Start in REDUCE_ONLY: only orders that shrink a position. */
    reduceOnly: flag.prefault(false),
    /** Perpetuals and futures (COINBASE_ENABLE_DERIVATIVES=1; INTX access needed on Coinbase). */
    derivatives: flag.prefault(false),
    /** Dev profile only: trade on real Coinbase instead of the sim (SPOT_FORCE_LIVE=1). */
    forceLive: flag.prefault(false),
    shutdown: z
      .strictObject({
        /** Cancel the bot's open orders on SIGINT/SIGTERM. */
        cancelOpenOrders: flag.prefault(true),
        /** Hard limit for a graceful shutdown. */
        timeout: ms.prefault('5s'),
      })
      .prefault({}),
    state: z
      .strictObject({
        /** Directory holding `<profile>/gpt-trader.sqlite` and `<profile>/metrics.json`. */
        root: z.string().min(1).prefault('var/data'),
      })
      .prefault({}),
    telemetry: z
      .strictObject({
        logLevel: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).prefault('info'),
        http: z
          .strictObject({
            enabled: flag.prefault(true),
            host: z.string().min(1).prefault('127.0.0.1'),
            /** 0 picks a free port. */
            port: z.number().int().min(0).max(65_535).prefault(0),
            /** Bearer token; required when `host` is not a loopback address. */
            token: z.string().min(16, { message: 'expected a token of at least 16 characters' }).optional(),
          })
          .prefault({}),
        /** Write `<state>/<profile>/metrics.json` after every cycle. */
        metricsFile: flag.prefault(true),
      })
      .prefault({}),
    coinbase: z
      .strictObject({
        /** REST base URL (default https://api.coinbase.com); e.g. a standalone `coinbase-trader sim`. */
        baseUrl: z.url().optional(),
        /** Market-data WebSocket URL (default wss://advanced-trade-ws.coinbase.com). */
        wsUrl: z.url().optional(),
      })
      .prefault({}),
    marketData: z
      .strictObject({
        /**
         * `ws`: books from the level2 channel, plus ticker and heartbeats, over the WebSocket (REST
         * for candles, and for the book while the WebSocket has none); `rest`: poll REST only.
         */
        source: z.enum(['ws', 'rest']).prefault('ws'),
        /**
         * A symbol whose last book or ticker update (venue time) is older than this, or whose book is
         * resyncing, gets no new exposure (reduce-only orders still go). Heartbeats do not count.
         */
        staleAfter: ms.prefault('30s'),
      })
      .prefault({}),
    alerts: z
      .strictObject({
        /** POST guard breaches and trading-state changes to this URL (Slack-compatible body). */
        webhookUrl: z.url().optional(),
      })
      .prefault({}),
    sim: z
      .strictObject({
        seed: z.number().int().prefault(42),
        /** 0 picks a free port. */
        port: z.number().int().min(0).max(65_535).prefault(0),
        /** Simulated time per cycle in `--dev-fast` (the bot advances the sim's clock). */
        stepMs: ms.prefault('1m'),
        /** Cycles of a `--dev-fast` run. */
        devFastCycles: z.number().int().positive().prefault(60),
        /** Simulated history before the first cycle, so strategies have candles to work with. */
        warmup: ms.prefault('30m'),
      })
      .prefault({}),
  })

/** A validated bot configuration (see {@link botConfigSchema}); `risk` is still the raw input. */
export type BotConfigBase = z.output<ReturnType<typeof botConfigSchema>>
