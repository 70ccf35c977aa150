import { type CoinbaseWebSocket, OrderBookFeed, type WsStats } from '@gpt-trader/coinbase-client'
import type { MarketDataSource, MarketSnapshot } from '@gpt-trader/live-trade'
import { Decimal } from '@gpt-trader/validation'
import type { BotMetrics } from '../telemetry/BotMetrics.js'
import type { BookLevels, ClientMarketData } from './ClientMarketData.js'

/** Options of {@link WsMarketData}. */
export interface WsMarketDataOptions {
  /** The REST market data: candles always, the book while the WebSocket has none for a symbol. */
  rest: ClientMarketData
  /** A WebSocket client (market connection only is used). */
  ws: CoinbaseWebSocket
  symbols: readonly string[]
  /** Venue time (the sim's clock in dev): freshness is measured with it. */
  now: () => number
  /** A symbol with no book or ticker update for longer than this is stale. */
  staleAfterMs: number
  /** Book levels per side handed to the strategy and risk (default 50). */
  depth?: number | undefined
  metrics?: BotMetrics | undefined
}

type Counted = 'reconnects' | 'gaps' | 'malformed'

/**
 * The bot's WebSocket market data: level2 books (coinbase-client's `OrderBookFeed`, which resyncs
 * from a fresh snapshot after a sequence gap, a lost frame or a reconnect), ticker and heartbeats
 * for the configured symbols. Snapshots take the book from the WebSocket and the one-minute candles
 * from REST; while a symbol's book is not synced the REST book stands in.
 *
 * Freshness per symbol: a symbol is stale while its book is resyncing, before its first update, or
 * when its last book or ticker update is older than `staleAfterMs` of venue time. While the
 * connection is down (not open at all), the REST book of the snapshot is the fallback and counts as
 * fresh data for `staleAfterMs`. Heartbeats keep
 * the connection alive but are not market data, so they never make a symbol fresh. The bot's risk
 * gate refuses new exposure on stale symbols (reduce-only orders still go).
 *
 * Metrics: WebSocket reconnects, sequence gaps and malformed frames (from the client's counters),
 * the number of stale symbols and a 0/1 gauge per symbol.
 *
 * @example
 * const market = new WsMarketData({ rest, ws, symbols: ['BTC-USD'], now: () => Date.now(), staleAfterMs: 30_000 })
 * await market.start()
 * market.stale('BTC-USD') // undefined when fresh, else why not
 */
export class WsMarketData implements MarketDataSource {
  readonly ws: CoinbaseWebSocket
  readonly feed: OrderBookFeed
  readonly #options: WsMarketDataOptions
  readonly #lastData = new Map<string, number>()
  /** Venue time of the last REST book per symbol, taken while the WebSocket was down. */
  readonly #restBook = new Map<string, number>()
  readonly #counted: Record<Counted, number> = { reconnects: 0, gaps: 0, malformed: 0 }
  #lastHeartbeatMs = Number.NEGATIVE_INFINITY
  #waiters: { target: number; resolve: (reached: boolean) => void }[] = []
  #started = false

  constructor(options: WsMarketDataOptions) {
    this.#options = options
    this.ws = options.ws
    this.feed = new OrderBookFeed(options.ws)
  }

  /** Risk's market view (refreshed by every snapshot). */
  get view(): ClientMarketData['view'] {
    return this.#options.rest.view
  }

  /** Last snapshot per symbol (for `/status`). */
  get last(): ClientMarketData['last'] {
    return this.#options.rest.last
  }

  /** Venue time of the last heartbeat (from its `current_time`). */
  get lastHeartbeatMs(): number {
    return this.#lastHeartbeatMs
  }

  /** The client's counters (frames, duplicates ignored, gaps, malformed, reconnects). */
  get stats(): Readonly<WsStats> {
    return this.ws.stats
  }

  /** Subscribes heartbeats, ticker and level2 for the symbols (the connection opens now). */
  async start(): Promise<void> {
    if (this.#started) return
    this.#started = true
    const ws = this.ws
    const touch = (symbol: string) => this.#lastData.set(symbol, this.#options.now())
    ws.on('book', ({ productId }) => touch(productId))
    ws.on('ticker', (ticker) => touch(ticker.product_id))
    ws.on('heartbeat', ({ currentTime }) => this.#onHeartbeat(currentTime))
    for (const event of ['reconnect', 'gap', 'error', 'resync'] as const) ws.on(event, () => this.#count())
    const symbols = [...this.#options.symbols]
    await ws.subscribe('heartbeats')
    await ws.subscribe('ticker', symbols)
    await this.feed.add(symbols)
  }

  /** Why `symbol` may not take new exposure now, or undefined when its data is fresh. */
  stale(symbol: string, now: number = this.#options.now()): string | undefined {
    if (!this.feed.isSynced(symbol)) {
      // WebSocket down (not merely resyncing): the REST book just fetched is the fallback data.
      const rest = this.#restBook.get(symbol)
      if (!this.ws.market.isOpen && rest !== undefined && now - rest <= this.#options.staleAfterMs)
        return undefined
      return this.ws.market.isOpen
        ? `${symbol} order book is resyncing`
        : `${symbol} has no WebSocket book (connection down) and no recent REST book`
    }
    const at = this.#lastData.get(symbol)
    if (at === undefined) return `no market data for ${symbol} yet`
    const age = now - at
    if (age > this.#options.staleAfterMs)
      return `${symbol} market data is ${Math.round(age / 1000)} s old (limit ${Math.round(this.#options.staleAfterMs / 1000)} s)`
    return undefined
  }

  /** The symbols that are stale now. */
  staleSymbols(): string[] {
    const now = this.#options.now()
    return this.#options.symbols.filter((s) => this.stale(s, now) !== undefined)
  }

  async snapshot(symbol: string): Promise<MarketSnapshot> {
    this.#gauge()
    const book = this.feed.isSynced(symbol) ? this.feed.book(symbol) : undefined
    let levels: BookLevels | undefined
    if (book !== undefined) {
      const depth = this.#options.depth ?? 50
      const side = (s: 'bid' | 'ask') =>
        book
          .depth(s, depth)
          .map((l) => ({ price: new Decimal(l.priceString), size: new Decimal(l.sizeString) }))
      levels = { bids: side('bid'), asks: side('ask') }
      // An empty side is no book: let REST answer instead.
      if (levels.bids.length === 0 || levels.asks.length === 0) levels = undefined
    }
    const snapshot = await this.#options.rest.snapshotWith(symbol, levels)
    if (levels === undefined) this.#restBook.set(symbol, snapshot.at)
    else this.#restBook.delete(symbol)
    return snapshot
  }

  /**
   * Resolves true once a heartbeat stamped at or after `targetMs` (venue time) arrived — every frame
   * the venue sent before it has been handled then, since frames arrive in order — or false after
   * `timeoutMs` of real time. The `--dev-fast` driver calls it after advancing the sim's clock.
   */
  settle(targetMs: number, timeoutMs: number): Promise<boolean> {
    if (this.#lastHeartbeatMs >= targetMs) return Promise.resolve(true)
    return new Promise((resolve) => {
      const waiter = {
        target: targetMs,
        resolve: (reached: boolean) => {
          clearTimeout(timer)
          resolve(reached)
        },
      }
      const timer = setTimeout(() => {
        this.#waiters = this.#waiters.filter((w) => w !== waiter)
        resolve(false)
      }, timeoutMs)
      this.#waiters.push(waiter)
    })
  }

  /** Updates the stale-symbol gauges and the WebSocket counters now. */
  refreshMetrics(): void {
    this.#count()
    this.#gauge()
  }

  /** Closes the WebSocket for good. */
  close(): void {
    this.feed.close()
    this.ws.close()
    for (const w of this.#waiters.splice(0)) w.resolve(false)
  }

  #onHeartbeat(currentTime: string): void {
    const at = parseGoTime(currentTime)
    if (at === undefined || at <= this.#lastHeartbeatMs) return
    this.#lastHeartbeatMs = at
    if (this.#waiters.length === 0) return
    const done = this.#waiters.filter((w) => w.target <= at)
    this.#waiters = this.#waiters.filter((w) => w.target > at)
    for (const w of done) w.resolve(true)
  }

  /** Moves the client's counters into the Prometheus counters (deltas since the last call). */
  #count(): void {
    const metrics = this.#options.metrics
    if (metrics === undefined) return
    const stats = this.ws.stats
    const counters = {
      reconnects: metrics.wsReconnects,
      gaps: metrics.wsGaps,
      malformed: metrics.wsMalformed,
    }
    for (const key of Object.keys(counters) as Counted[]) {
      const delta = stats[key] - this.#counted[key]
      if (delta > 0) counters[key].inc(delta)
      this.#counted[key] = stats[key]
    }
  }

  #gauge(): void {
    const metrics = this.#options.metrics
    if (metrics === undefined) return
    const now = this.#options.now()
    let stale = 0
    for (const symbol of this.#options.symbols) {
      const s = this.stale(symbol, now) === undefined ? 0 : 1
      stale += s
      metrics.symbolStale.set({ symbol }, s)
    }
    metrics.staleSymbols.set(stale)
  }
}

/**
 * Parses the `current_time` of a heartbeat, Go's `time.Time` format as Coinbase sends it
 * (`2026-01-01 00:00:01.123456789 +0000 UTC m=+1.000000001`); undefined when unreadable.
 */
export function parseGoTime(text: string): number | undefined {
  const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(\.\d+)? ([+-])(\d{2})(\d{2})/.exec(text)
  if (m === null) return undefined
  const [, date, time, fraction = '', sign, hh, mm] = m
  const ms = Date.parse(`${date}T${time}${fraction.slice(0, 4)}Z`)
  if (Number.isNaN(ms)) return undefined
  const offset = (Number(hh) * 60 + Number(mm)) * 60_000
  return sign === '-' ? ms + offset : ms - offset
}

/**
 * The market-data WebSocket URL that goes with a REST base URL: Coinbase's default for
 * `api.coinbase.com` (undefined), else the same host's `/ws` (a standalone coinbase-sim).
 *
 * @example
 * marketWsUrl('http://127.0.0.1:8080') // 'ws://127.0.0.1:8080/ws'
 */
export function marketWsUrl(baseUrl: string | undefined): string | undefined {
  if (baseUrl === undefined) return undefined
  const url = new URL(baseUrl)
  if (url.hostname === 'api.coinbase.com') return undefined
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:'
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/ws`
  return url.toString()
}
