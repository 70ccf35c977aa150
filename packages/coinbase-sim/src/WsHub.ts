import type { WebSocket } from 'ws'
import { verifyJwt } from './auth.js'
import { rfc3339Micros, rfc3339Nanos } from './clock.js'
import type { ActiveFault } from './faults.js'
import { fmt } from './money.js'
import type { SimExchange } from './SimExchange.js'
import type { EngineEvent, SimOrder, SimTrade } from './types.js'
import { type Json, wsOrderView } from './views.js'

const MARKET_CHANNELS = new Set([
  'heartbeats',
  'ticker',
  'ticker_batch',
  'level2',
  'market_trades',
  'candles',
  'status',
  'user',
  'futures_balance_summary',
])
const USER_ENDPOINT_CHANNELS = new Set(['heartbeats', 'user', 'futures_balance_summary'])
const AUTH_CHANNELS = new Set(['user', 'futures_balance_summary'])
const PRODUCTLESS = new Set(['heartbeats', 'futures_balance_summary'])
/** Coinbase rejects sessions asking for too many level2 products (~16 work, 32 fail). */
const MAX_L2_PRODUCTS = 16
const NO_SUBSCRIBE_TIMEOUT_MS = 5000

interface Conn {
  ws: WebSocket
  userEndpoint: boolean
  seq: number
  subs: Map<string, Set<string>>
  openedMs: number
  /** Account of the user channel (after a valid JWT). */
  accountId: string | null
  everSubscribed: boolean
}

interface Pending {
  levels: Map<string, Map<string, { side: 'bid' | 'offer'; price: string; size: string; timeMs: number }>>
  trades: Map<string, SimTrade[]>
  orders: Map<string, SimOrder>
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** Go `time.Time` String() format, as Coinbase prints `current_time` on heartbeats. */
function goTime(ms: number, startMs: number): string {
  const iso = new Date(ms).toISOString()
  const mono = ((ms - startMs) / 1000).toFixed(9)
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}000000 +0000 UTC m=+${mono}`
}

/**
 * The WebSocket side: connections, subscriptions, the per-connection sequence counter, and the
 * translation of engine events into Coinbase channel messages (flushed once per request / tick).
 */
export class WsHub {
  readonly conns = new Set<Conn>()
  private pending: Pending = { levels: new Map(), trades: new Map(), orders: new Map() }
  private lastTickerBatchMs = 0
  /** Level2 snapshots held back by the `wsHoldSnapshots` fault. */
  private held: { conn: Conn; ids: string[] }[] = []

  constructor(
    private readonly ex: SimExchange,
    private readonly now: () => number,
    private readonly authNow: () => number,
    private readonly deadlineNow: () => number,
    private readonly faults: () => ActiveFault[],
  ) {
    ex.engine.subscribe((e) => this.onEngine(e))
    ex.onTick((nowMs) => this.onTick(nowMs))
  }

  private stale(productId: string): boolean {
    return this.ex.stale(productId)
  }

  private onEngine(e: EngineEvent): void {
    // Nobody to send to (the bot's embedded sim, REST-only tests): buffering would only make garbage;
    // a connection that subscribes later starts from a snapshot anyway.
    if (this.conns.size === 0) return
    if (e.type === 'level') {
      let m = this.pending.levels.get(e.productId)
      if (!m) {
        m = new Map()
        this.pending.levels.set(e.productId, m)
      }
      const price = fmt(e.price)
      m.set(`${e.side}:${price}`, { side: e.side, price, size: fmt(e.size), timeMs: e.timeMs })
    } else if (e.type === 'trade') {
      const list = this.pending.trades.get(e.trade.productId) ?? []
      list.push(e.trade)
      this.pending.trades.set(e.trade.productId, list)
    } else if (e.type === 'order' && !e.order.internal) {
      this.pending.orders.set(e.order.orderId, e.order)
    }
  }

  /** Adds a new connection. */
  add(ws: WebSocket, userEndpoint: boolean): void {
    const conn: Conn = {
      ws,
      userEndpoint,
      seq: 0,
      subs: new Map(),
      openedMs: this.deadlineNow(),
      accountId: null,
      everSubscribed: false,
    }
    this.conns.add(conn)
    ws.on('message', (data, isBinary) => {
      // A bug in one handler must never take the server down: answer with an error frame instead.
      this.onMessage(conn, isBinary ? '' : data.toString()).catch(() =>
        this.error(conn, 'failure to subscribe'),
      )
    })
    ws.on('close', () => this.conns.delete(conn))
    ws.on('error', () => this.conns.delete(conn))
  }

  /** Closes connections that did not subscribe within 5 s (sim time). */
  enforceSubscribeDeadline(): void {
    const nowMs = this.deadlineNow()
    for (const c of this.conns)
      if (!c.everSubscribed && nowMs - c.openedMs >= NO_SUBSCRIBE_TIMEOUT_MS)
        c.ws.close(1008, 'no subscribe within 5s')
  }

  private sendRaw(conn: Conn, text: string): void {
    if (conn.ws.readyState === conn.ws.OPEN) conn.ws.send(text)
  }

  private takeFault(kind: 'wsSkipSequence' | 'wsDuplicate' | 'wsMalformed'): boolean {
    for (const f of this.faults()) {
      if (f.fault.kind === kind && f.remaining > 0) {
        f.remaining--
        return true
      }
    }
    return false
  }

  /** An `authReject` fault without a REST `match` also refuses WebSocket auth (one use per refusal). */
  private authRejected(): boolean {
    for (const f of this.faults()) {
      if (f.fault.kind === 'authReject' && !f.fault.match && f.remaining > 0) {
        f.remaining--
        return true
      }
    }
    return false
  }

  /** Sends one envelope; `events` may be pre-serialised JSON shared by every connection. */
  private send(conn: Conn, channel: string, events: Json[] | string): void {
    if (this.takeFault('wsSkipSequence')) conn.seq++
    const eventsJson = typeof events === 'string' ? events : JSON.stringify(events)
    // Built by concatenation so one serialisation of `events` serves every subscriber.
    let text = `{"channel":${JSON.stringify(channel)},"client_id":"","timestamp":"${rfc3339Nanos(this.now())}","sequence_num":${conn.seq++},"events":${eventsJson}}`
    if (this.takeFault('wsMalformed')) text = text.slice(0, Math.max(1, Math.floor(text.length / 2)))
    this.sendRaw(conn, text)
    if (this.takeFault('wsDuplicate')) this.sendRaw(conn, text)
  }

  private error(conn: Conn, message: string): void {
    this.sendRaw(conn, JSON.stringify({ type: 'error', message }))
  }

  private async onMessage(conn: Conn, text: string): Promise<void> {
    let msg: unknown
    try {
      msg = JSON.parse(text)
    } catch {
      this.error(conn, 'failure to subscribe')
      return
    }
    if (
      !isRecord(msg) ||
      (msg.type !== 'subscribe' && msg.type !== 'unsubscribe') ||
      typeof msg.channel !== 'string'
    ) {
      this.error(conn, 'failure to subscribe')
      return
    }
    const channel = msg.channel
    const allowed = conn.userEndpoint ? USER_ENDPOINT_CHANNELS : MARKET_CHANNELS
    if (!allowed.has(channel)) {
      this.error(conn, 'failure to subscribe')
      return
    }
    const rawIds = msg.product_ids
    if (rawIds !== undefined && (!Array.isArray(rawIds) || rawIds.some((p) => typeof p !== 'string'))) {
      this.error(conn, 'failure to subscribe')
      return
    }
    const ids = (rawIds as string[] | undefined) ?? []
    if (msg.type === 'unsubscribe') {
      const set = conn.subs.get(channel)
      if (set) {
        if (ids.length === 0) conn.subs.delete(channel)
        else for (const id of ids) set.delete(id)
        if (set.size === 0) conn.subs.delete(channel)
      }
      this.sendAck(conn)
      return
    }
    if (AUTH_CHANNELS.has(channel)) {
      const token = msg.jwt
      const key =
        typeof token === 'string' && !this.authRejected()
          ? await verifyJwt({ token, keys: this.ex.keys, nowMs: this.authNow() })
          : null
      if (!key) {
        this.error(conn, 'authentication failure')
        return
      }
      conn.accountId = key.accountId
    }
    const known = (id: string): boolean => this.ex.engine.rules(id) !== undefined
    if (!PRODUCTLESS.has(channel) && channel !== 'user' && (ids.length === 0 || !ids.every(known))) {
      this.error(conn, 'failure to subscribe')
      return
    }
    if (channel === 'level2') {
      const current = conn.subs.get('level2')?.size ?? 0
      if (current + ids.length > MAX_L2_PRODUCTS) {
        this.error(conn, 'too many L2 streams requested in a single session')
        return
      }
    }
    conn.everSubscribed = true
    const set = conn.subs.get(channel) ?? new Set<string>()
    const fresh = PRODUCTLESS.has(channel) ? [] : ids.filter((id) => !set.has(id))
    if (PRODUCTLESS.has(channel)) set.add(channel)
    else if (channel === 'user' && ids.length === 0) set.add('*')
    for (const id of ids) set.add(id)
    conn.subs.set(channel, set)
    this.snapshot(conn, channel, fresh, ids)
    this.sendAck(conn)
  }

  private sendAck(conn: Conn): void {
    const subs: { [k: string]: Json } = {}
    for (const [ch, set] of conn.subs) {
      if (ch === 'user') subs[ch] = [this.ex.account(conn.accountId ?? '')?.userId ?? '']
      else subs[ch] = [...set]
    }
    this.send(conn, 'subscriptions', [{ subscriptions: subs }])
  }

  private tickerJson(id: string, withBest: boolean): { [k: string]: Json } {
    const live = this.ex.live(id)
    const scale = live.priceScale
    const t: { [k: string]: Json } = {
      type: 'ticker',
      product_id: id,
      price: live.price ? live.price.toFixed(scale) : '',
      volume_24_h: live.volume24h.toFixed(8),
      low_24_h: live.low24h.toFixed(scale),
      high_24_h: live.high24h.toFixed(scale),
      low_52_w: live.low24h.toFixed(scale),
      high_52_w: live.high24h.toFixed(scale),
      price_percent_chg_24_h: live.change24h.toFixed(14),
    }
    if (withBest) {
      const top = this.ex.top(id)
      t.best_bid = top.bid
      t.best_bid_quantity = top.bidSize
      t.best_ask = top.ask
      t.best_ask_quantity = top.askSize
    }
    return t
  }

  private candleJson(id: string, nowMs: number): Json {
    const nowSec = Math.floor(nowMs / 1000)
    const start = Math.floor(nowSec / 300) * 300
    const c = this.ex.candles.get(id)?.query(start, start + 300, 300)[0]
    const scale = this.ex.priceScale(id)
    const price = this.ex.engine.lastPrice(id)?.toNumber() ?? 0
    return {
      start: String(start),
      high: (c?.high ?? price).toFixed(scale),
      low: (c?.low ?? price).toFixed(scale),
      open: (c?.open ?? price).toFixed(scale),
      close: (c?.close ?? price).toFixed(scale),
      volume: (c?.volume ?? 0).toFixed(8),
      product_id: id,
    }
  }

  private userOrders(conn: Conn): SimOrder[] {
    const set = conn.subs.get('user')
    return this.ex.engine.userOrders.filter(
      (o) => o.accountId === conn.accountId && (!set || set.has('*') || set.has(o.productId)),
    )
  }

  private balanceSummary(conn: Conn): Json {
    const usd = this.ex.balances(conn.accountId ?? '').USD?.available ?? '0'
    const window = (type: string): Json => ({
      margin_window_type: type,
      margin_level: 'MARGIN_LEVEL_TYPE_BASE',
      initial_margin: '0',
      maintenance_margin: '0',
      liquidation_buffer_percentage: '1000',
      total_hold: '0',
      futures_buying_power: usd,
    })
    return {
      futures_buying_power: usd,
      total_usd_balance: usd,
      cbi_usd_balance: usd,
      cfm_usd_balance: '0',
      total_open_orders_hold_amount: '0',
      unrealized_pnl: '0',
      daily_realized_pnl: '0',
      initial_margin: '0',
      available_margin: '0',
      liquidation_threshold: '0',
      liquidation_buffer_amount: '0',
      liquidation_buffer_percentage: '1000',
      intraday_margin_window_measure: window('FCM_MARGIN_WINDOW_TYPE_INTRADAY'),
      overnight_margin_window_measure: window('FCM_MARGIN_WINDOW_TYPE_OVERNIGHT'),
    }
  }

  private snapshot(conn: Conn, channel: string, fresh: string[], ids: string[]): void {
    const now = this.now()
    switch (channel) {
      case 'heartbeats':
        return
      case 'level2':
        if (fresh.length > 0 && this.holding()) {
          this.held.push({ conn, ids: fresh })
          return
        }
        this.sendL2Snapshots(conn, fresh)
        return
      case 'market_trades':
        for (const id of fresh) {
          const trades = [...(this.ex.engine.trades.get(id) ?? [])].reverse().slice(0, 100)
          this.send(conn, 'market_trades', [{ type: 'snapshot', trades: trades.map(tradeJson) }])
        }
        return
      case 'ticker':
      case 'ticker_batch':
        if (fresh.length > 0)
          this.send(conn, channel, [
            { type: 'snapshot', tickers: fresh.map((id) => this.tickerJson(id, channel === 'ticker')) },
          ])
        return
      case 'candles':
        if (fresh.length > 0)
          this.send(conn, 'candles', [
            { type: 'snapshot', candles: fresh.map((id) => this.candleJson(id, now)) },
          ])
        return
      case 'status':
        this.send(conn, 'status', [
          {
            type: 'snapshot',
            products: ids.map((id) => {
              const s = this.ex.engine.rules(id)?.spec
              return {
                product_type: s?.productType ?? 'SPOT',
                id,
                base_currency: s?.base ?? '',
                quote_currency: s?.quote ?? '',
                base_increment: s?.baseIncrement ?? '',
                quote_increment: s?.quoteIncrement ?? '',
                display_name: s ? `${s.base}/${s.quote}` : id,
                status: 'online',
                status_message: '',
                min_market_funds: s?.quoteMinSize ?? '',
              }
            }),
          },
        ])
        return
      case 'user': {
        const open = this.userOrders(conn).filter((o) => o.status === 'OPEN' || o.status === 'PENDING')
        const positions: Json = {
          perpetual_futures_positions: [],
          expiring_futures_positions: [],
          prediction_market_positions: [],
        }
        // Batches of 50; a batch shorter than 50 (possibly empty) ends the snapshot.
        for (let i = 0; ; i += 50) {
          const batch = open.slice(i, i + 50)
          this.send(conn, 'user', [{ type: 'snapshot', orders: batch.map(wsOrderView), positions }])
          if (batch.length < 50) break
        }
        return
      }
      case 'futures_balance_summary':
        this.send(conn, 'futures_balance_summary', [
          { type: 'snapshot', fcm_balance_summary: this.balanceSummary(conn) },
        ])
        return
    }
  }

  private holding(): boolean {
    return this.faults().some((f) => f.fault.kind === 'wsHoldSnapshots')
  }

  /** One level2 snapshot per product: the whole current book. */
  private sendL2Snapshots(conn: Conn, ids: readonly string[]): void {
    const now = this.now()
    for (const id of ids) {
      const book = this.ex.engine.level2(id)
      const t = rfc3339Micros(now)
      const updates: Json[] = [
        ...book.bids.map(([p, s]) => ({
          side: 'bid',
          event_time: t,
          price_level: fmt(p),
          new_quantity: fmt(s),
        })),
        ...book.asks.map(([p, s]) => ({
          side: 'offer',
          event_time: t,
          price_level: fmt(p),
          new_quantity: fmt(s),
        })),
      ]
      this.send(conn, 'l2_data', [{ type: 'snapshot', product_id: id, updates }])
    }
  }

  /** Sends the snapshots held by `wsHoldSnapshots` once it is gone (to connections still subscribed). */
  private releaseHeld(): void {
    if (this.held.length === 0 || this.holding()) return
    const held = this.held
    this.held = []
    for (const { conn, ids } of held) {
      if (!this.conns.has(conn)) continue
      const subscribed = ids.filter((id) => conn.subs.get('level2')?.has(id))
      if (subscribed.length > 0) this.sendL2Snapshots(conn, subscribed)
    }
  }

  /** Sends everything the engine produced since the last flush. */
  flush(): void {
    this.releaseHeld()
    const p = this.pending
    this.pending = { levels: new Map(), trades: new Map(), orders: new Map() }
    if (this.conns.size === 0) return
    for (const conn of this.conns) {
      for (const [id, levels] of p.levels) {
        if (!conn.subs.get('level2')?.has(id) || this.stale(id)) continue
        const updates: Json[] = [...levels.values()].map((l) => ({
          side: l.side,
          event_time: rfc3339Micros(l.timeMs),
          price_level: l.price,
          new_quantity: l.size,
        }))
        this.send(conn, 'l2_data', [{ type: 'update', product_id: id, updates }])
      }
      for (const [id, trades] of p.trades) {
        if (this.stale(id)) continue
        if (conn.subs.get('market_trades')?.has(id))
          this.send(conn, 'market_trades', [{ type: 'update', trades: trades.map(tradeJson) }])
        if (conn.subs.get('ticker')?.has(id))
          this.send(conn, 'ticker', [{ type: 'update', tickers: [this.tickerJson(id, true)] }])
      }
      if (conn.subs.has('user') && conn.accountId) {
        const set = conn.subs.get('user') as Set<string>
        const orders = [...p.orders.values()].filter(
          (o) => o.accountId === conn.accountId && (set.has('*') || set.has(o.productId)),
        )
        if (orders.length > 0) this.send(conn, 'user', [{ type: 'update', orders: orders.map(wsOrderView) }])
      }
    }
  }

  private onTick(nowMs: number): void {
    this.flush()
    const batch = nowMs - this.lastTickerBatchMs >= 5000
    if (batch) this.lastTickerBatchMs = nowMs
    for (const conn of this.conns) {
      if (conn.subs.has('heartbeats'))
        this.send(conn, 'heartbeats', [
          {
            current_time: goTime(nowMs, this.ex.startMs),
            heartbeat_counter: Math.floor((nowMs - this.ex.startMs) / 1000),
          },
        ])
      const candles = [...(conn.subs.get('candles') ?? [])].filter((id) => !this.stale(id))
      if (candles.length > 0)
        this.send(conn, 'candles', [
          { type: 'update', candles: candles.map((id) => this.candleJson(id, nowMs)) },
        ])
      const tb = [...(conn.subs.get('ticker_batch') ?? [])].filter((id) => !this.stale(id))
      if (batch && tb.length > 0)
        this.send(conn, 'ticker_batch', [
          { type: 'update', tickers: tb.map((id) => this.tickerJson(id, false)) },
        ])
      if (conn.subs.has('futures_balance_summary') && conn.accountId)
        this.send(conn, 'futures_balance_summary', [
          { type: 'update', fcm_balance_summary: this.balanceSummary(conn) },
        ])
    }
    this.enforceSubscribeDeadline()
  }

  /** Closes every connection with `code`. */
  disconnectAll(code: number): void {
    for (const c of this.conns) c.ws.close(code, 'Going Away')
  }
}

function tradeJson(t: SimTrade): Json {
  return {
    trade_id: t.tradeId,
    product_id: t.productId,
    price: fmt(t.price),
    size: fmt(t.size),
    side: t.side,
    time: rfc3339Micros(t.timeMs),
  }
}
