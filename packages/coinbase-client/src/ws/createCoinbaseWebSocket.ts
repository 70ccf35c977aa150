import { EventEmitter } from 'eventemitter3'
import type { Credentials } from '../auth/credentials.js'
import { type CredentialsSource, parseCredentials } from '../auth/credentials.js'
import { CredentialsRequired } from '../errors/ExchangeError.js'
import { InvalidArgument } from '../errors/InvalidCredentials.js'
import { type Clock, systemClock } from '../utils/clock.js'
import type { WsChannel, WsEvents, WsStats, WsTimers } from './types.js'
import { defaultWebSocket, type WebSocketConstructor, WsConnection } from './WsConnection.js'

/** Options for {@link createCoinbaseWebSocket}. */
export interface CoinbaseWebSocketOptions {
  /** CDP credentials; needed for `user` / `futures_balance_summary`, sent (as a fresh JWT) on every subscribe when given. */
  credentials?: CredentialsSource | undefined
  /** Market-data endpoint. Default `wss://advanced-trade-ws.coinbase.com`. */
  wsUrl?: string | undefined
  /** User-order endpoint. Default `wss://advanced-trade-ws-user.coinbase.com`. */
  wsUserUrl?: string | undefined
  /** No frame for this long → reconnect. Default 30,000 ms (heartbeats arrive every second). */
  watchdogMs?: number | undefined
  /** First reconnect delay (exponential, with jitter). Default 500 ms. */
  reconnectBaseMs?: number | undefined
  /** Longest reconnect delay. Default 30,000 ms. */
  reconnectMaxMs?: number | undefined
  /** Injected clock (JWT times, watchdog). */
  clock?: Clock | undefined
  /**
   * Clock for JWT `nbf`/`exp` only (default `clock`): e.g. local time corrected by the offset to the
   * venue's `/time`, or a simulated exchange's clock, while the watchdog keeps running on `clock`.
   */
  authClock?: Clock | undefined
  /** Injected timers (watchdog, reconnect). */
  timers?: WsTimers | undefined
  /** Injected randomness for the jitter, returns [0, 1). */
  random?: (() => number) | undefined
  /** WebSocket implementation; default isomorphic-ws. */
  WebSocket?: WebSocketConstructor | undefined
}

/** Default endpoints. */
export const COINBASE_WS_URL = 'wss://advanced-trade-ws.coinbase.com'
/** Default user-order endpoint. */
export const COINBASE_WS_USER_URL = 'wss://advanced-trade-ws-user.coinbase.com'

const USER_CHANNELS: ReadonlySet<WsChannel> = new Set(['user', 'futures_balance_summary'])

const globalTimers: WsTimers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
}

/**
 * Coinbase Advanced Trade WebSocket client: a market-data connection and a user-order connection,
 * each opened on first subscribe. Heartbeats on every connection, a watchdog, reconnect with
 * exponential backoff + jitter and fresh JWTs, sequence-gap detection (gap → fresh level2
 * snapshot), typed events and async-iterator streams. Nothing throws from a socket callback:
 * problems arrive as typed errors on the `error` event.
 *
 * @example
 * const ws = createCoinbaseWebSocket({ wsUrl: sim.wsUrl })
 * ws.on('ticker', (t) => console.log(t.product_id, t.price.toString()))
 * await ws.subscribe('ticker', ['BTC-USD'])
 * for await (const trade of ws.stream('trades')) { ... }
 */
export class CoinbaseWebSocket extends EventEmitter<WsEvents> {
  /** Counters (frames, duplicates, gaps, malformed, reconnects, error frames). */
  readonly stats: WsStats = {
    framesReceived: 0,
    duplicatesIgnored: 0,
    gaps: 0,
    malformed: 0,
    reconnects: 0,
    errorFrames: 0,
  }
  /** Market-data connection. */
  readonly market: WsConnection
  /** User-order connection. */
  readonly user: WsConnection
  private readonly hasCredentials: boolean
  private readonly streams = new Set<() => void>()

  constructor(options: CoinbaseWebSocketOptions = {}) {
    super()
    // Parse up front: a malformed key fails here, before anything is sent.
    const credentials: Credentials | undefined =
      options.credentials === undefined ? undefined : parseCredentials(options.credentials)
    this.hasCredentials = credentials !== undefined
    const watchdogMs = options.watchdogMs ?? 30_000
    if (!(watchdogMs > 0)) throw new InvalidArgument(`watchdogMs must be > 0, got ${String(watchdogMs)}`)
    const clock = options.clock ?? systemClock
    const settings = {
      credentials,
      clock,
      authClock: options.authClock ?? clock,
      timers: options.timers ?? globalTimers,
      random: options.random ?? Math.random,
      WebSocket: options.WebSocket ?? defaultWebSocket,
      watchdogMs,
      reconnectBaseMs: options.reconnectBaseMs ?? 500,
      reconnectMaxMs: options.reconnectMaxMs ?? 30_000,
      emitter: this,
      stats: this.stats,
    }
    this.market = new WsConnection('market', options.wsUrl ?? COINBASE_WS_URL, settings)
    this.user = new WsConnection('user', options.wsUserUrl ?? COINBASE_WS_USER_URL, settings)
  }

  /**
   * Subscribes to one channel (one message per channel, as Coinbase requires). Opens the right
   * connection on first use. `user` and `futures_balance_summary` need credentials.
   */
  async subscribe(channel: WsChannel, productIds: readonly string[] = []): Promise<void> {
    const connection = this.connectionFor(channel)
    await connection.subscribe(channel, productIds)
  }

  /** Unsubscribes products from a channel (all of them when none are given). */
  async unsubscribe(channel: WsChannel, productIds?: readonly string[]): Promise<void> {
    await this.connectionFor(channel).unsubscribe(channel, productIds)
  }

  /**
   * An async iterator over one event's first argument. Buffers up to `highWaterMark` values
   * (oldest dropped beyond that); ends when the client is closed or the loop breaks.
   *
   * @example
   * for await (const ticker of ws.stream('ticker')) if (ticker.product_id === 'BTC-USD') break
   */
  stream<E extends keyof WsEvents>(
    event: E,
    options: { highWaterMark?: number } = {},
  ): AsyncIterableIterator<WsEvents[E][0]> {
    const limit = options.highWaterMark ?? 10_000
    const queue: WsEvents[E][0][] = []
    const waiting: ((r: IteratorResult<WsEvents[E][0]>) => void)[] = []
    let done = false
    const listener = (value: WsEvents[E][0]) => {
      const next = waiting.shift()
      if (next) next({ value, done: false })
      else {
        queue.push(value)
        if (queue.length > limit) queue.shift()
      }
    }
    const finish = () => {
      if (done) return
      done = true
      ;(this.off as (e: E, fn: (v: WsEvents[E][0]) => void) => this)(event, listener)
      this.streams.delete(finish)
      for (const w of waiting.splice(0)) w({ value: undefined, done: true })
    }
    ;(this.on as (e: E, fn: (v: WsEvents[E][0]) => void) => this)(event, listener)
    this.streams.add(finish)
    const iterator: AsyncIterableIterator<WsEvents[E][0]> = {
      next: () => {
        const value = queue.shift()
        if (value !== undefined) return Promise.resolve({ value, done: false })
        if (done) return Promise.resolve({ value: undefined, done: true })
        return new Promise((resolve) => waiting.push(resolve))
      },
      return: () => {
        finish()
        return Promise.resolve({ value: undefined, done: true })
      },
      [Symbol.asyncIterator]: () => iterator,
    }
    return iterator
  }

  /** Closes both connections for good and ends every stream. */
  close(): void {
    this.market.close()
    this.user.close()
    for (const finish of [...this.streams]) finish()
  }

  private connectionFor(channel: WsChannel): WsConnection {
    if (USER_CHANNELS.has(channel)) {
      if (!this.hasCredentials) throw new CredentialsRequired(`WebSocket channel '${channel}'`)
      return this.user
    }
    return this.market
  }
}

/**
 * Creates a {@link CoinbaseWebSocket}.
 *
 * @example
 * const ws = createCoinbaseWebSocket({ credentials, wsUrl: sim.wsUrl, wsUserUrl: sim.wsUserUrl })
 * ws.on('fill', (fill) => console.log(fill.orderId, fill.size.toString(), fill.price.toString()))
 * await ws.subscribe('user')
 */
export function createCoinbaseWebSocket(options: CoinbaseWebSocketOptions = {}): CoinbaseWebSocket {
  return new CoinbaseWebSocket(options)
}
