import type { CoinbaseClient } from '@gpt-trader/coinbase-client'
import type { Candle, MarketDataSource, MarketSnapshot } from '@gpt-trader/live-trade'
import type { InMemoryMarketView, RuntimeMonitor } from '@gpt-trader/risk'
import { Decimal } from '@gpt-trader/validation'

/** One side's levels, best first; exact Decimals (they can become limit prices). */
export interface BookLevels {
  bids: readonly { price: Decimal; size: Decimal }[]
  asks: readonly { price: Decimal; size: Decimal }[]
}

/** Options of {@link ClientMarketData}. */
export interface ClientMarketDataOptions {
  client: CoinbaseClient
  /** Risk's market view, refreshed with every snapshot (marks, books for impact checks). */
  view: InMemoryMarketView
  /** Risk's runtime monitor: marks (staleness, volatility) and book health (spread, depth). */
  monitor?: RuntimeMonitor | undefined
  /** Venue time (the sim's clock in dev). */
  now: () => number
  /** One-minute candles to fetch (default 60). */
  candles?: number | undefined
  /** Book levels per side (default 50). */
  depth?: number | undefined
}

/**
 * The bot's market data over REST (coinbase-client): for each snapshot, the last one-minute candles
 * and the L2 book (`/product_book`). Snapshots feed the strategy; the same book refreshes risk's
 * market view and runtime monitor. Candle values are numbers (indicators only); the mark and the
 * touch are Decimals because they can become limit prices.
 *
 * @example
 * const market = new ClientMarketData({ client, view: new InMemoryMarketView(), now: () => Date.now() })
 * const snapshot = await market.snapshot('BTC-USD')
 */
export class ClientMarketData implements MarketDataSource {
  #options: ClientMarketDataOptions
  /** Last snapshot per symbol (for `/status`). */
  readonly last = new Map<string, MarketSnapshot>()

  constructor(options: ClientMarketDataOptions) {
    this.#options = options
  }

  /** Risk's market view that every snapshot refreshes. */
  get view(): InMemoryMarketView {
    return this.#options.view
  }

  async snapshot(symbol: string): Promise<MarketSnapshot> {
    return this.snapshotWith(symbol, undefined)
  }

  /**
   * A snapshot with the book given (e.g. from the WebSocket) instead of fetched: only the candles
   * come from REST then. Without a book it is {@link snapshot}.
   */
  async snapshotWith(symbol: string, given: BookLevels | undefined): Promise<MarketSnapshot> {
    const { client, view, monitor } = this.#options
    const now = this.#options.now()
    const count = this.#options.candles ?? 60
    const [candleResult, book] = await Promise.all([
      client.getCandles({
        product_id: symbol,
        start: Math.floor(now / 1000) - count * 60,
        end: Math.floor(now / 1000),
        granularity: 'ONE_MINUTE',
      }),
      given === undefined
        ? client
            .getProductBook({ product_id: symbol, limit: this.#options.depth ?? 50 })
            .then((b) => ({ bids: b.pricebook.bids, asks: b.pricebook.asks }))
        : given,
    ])
    // Indicators only: numbers are fine here (never an order field).
    const candles: Candle[] = candleResult.candles
      .map((c) => ({
        time: c.start.getTime(),
        open: c.open.toNumber(),
        high: c.high.toNumber(),
        low: c.low.toNumber(),
        close: c.close.toNumber(),
        volume: c.volume.toNumber(),
      }))
      .sort((a, b) => a.time - b.time)
    const bids = book.bids
    const asks = book.asks
    const bestBid = bids[0]?.price
    const bestAsk = asks[0]?.price
    const lastClose = candleResult.candles[0]?.close
    const mark =
      bestBid !== undefined && bestAsk !== undefined
        ? bestBid.plus(bestAsk).div(2)
        : (lastClose ?? new Decimal(0))
    view.setMark(symbol, mark, now)
    view.setBook(
      symbol,
      {
        bids: bids.map((l) => [l.price, l.size] as const),
        asks: asks.map((l) => [l.price, l.size] as const),
      },
      now,
    )
    if (monitor !== undefined) {
      monitor.recordMark(symbol, mark, now)
      if (bestBid !== undefined && bestAsk !== undefined) {
        const side = (levels: BookLevels['bids']) =>
          levels.reduce((sum, l) => sum.plus(l.price.times(l.size)), new Decimal(0))
        const depth = Decimal.min(side(bids), side(asks))
        monitor.recordBook(symbol, { bestBid, bestAsk, depth })
      }
    }
    const snapshot: MarketSnapshot = { symbol, at: now, mark, bestBid, bestAsk, candles }
    this.last.set(symbol, snapshot)
    return snapshot
  }
}
