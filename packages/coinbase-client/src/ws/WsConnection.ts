import type { EventEmitter } from 'eventemitter3'
import IsomorphicWebSocket from 'isomorphic-ws'
import type { Credentials } from '../auth/credentials.js'
import { createWsJwt } from '../auth/jwt.js'
import { parseL2Frame } from '../book/parseL2Message.js'
import { BaseError } from '../errors/BaseError.js'
import { WebSocketError } from '../errors/NetworkError.js'
import { ParseError } from '../errors/ParseError.js'
import { SchemaError } from '../errors/SchemaError.js'
import { resolveSchema } from '../schemas/lazySchema.js'
import { backoffDelay } from '../utils/backoff.js'
import type { Clock } from '../utils/clock.js'
import type { WsChannel, WsConnectionKind, WsEvents, WsMeta, WsStats, WsTimers } from './types.js'
import { type ParsedChannel, wsErrorFrameSchema, wsMessageSchemaFor } from './wsSchemas.js'

/** Handler type checked bivariantly, so both the DOM and `ws` event types fit (React's trick). */
type Handler<E> = { bivarianceHack(event: E): void }['bivarianceHack']

/** The part of the WebSocket API the client uses (browser `WebSocket` and `ws` both fit). */
export interface WebSocketLike {
  readonly readyState: number
  onopen: Handler<unknown> | null
  onclose: Handler<{ code: number; reason: string }> | null
  onerror: Handler<unknown> | null
  onmessage: Handler<{ data: unknown }> | null
  send(data: string): void
  close(code?: number, reason?: string): void
}

/** Constructor of a {@link WebSocketLike}. Defaults to isomorphic-ws (`ws` in Node, the global in browsers). */
export type WebSocketConstructor = new (url: string) => WebSocketLike

/** @internal Settings shared by both connections. */
export interface WsConnectionSettings {
  credentials: Credentials | undefined
  clock: Clock
  /** Clock for JWT times (the venue's time); `clock` drives the watchdog. */
  authClock: Clock
  timers: WsTimers
  random: () => number
  WebSocket: WebSocketConstructor
  /** No frame for this long → reconnect. */
  watchdogMs: number
  reconnectBaseMs: number
  reconnectMaxMs: number
  emitter: EventEmitter<WsEvents>
  stats: WsStats
}

const OPEN = 1

/**
 * One Coinbase WebSocket (market data or user data): subscriptions, heartbeats, watchdog,
 * reconnect with backoff and fresh JWTs, per-connection sequence tracking, frame parsing.
 *
 * @internal Use `createCoinbaseWebSocket`.
 */
export class WsConnection {
  private socket: WebSocketLike | undefined
  /** channel -> product ids (`heartbeats` has none). */
  private readonly wanted = new Map<WsChannel, Set<string>>()
  private lastSequence = -1
  private lastFrameAt = 0
  private attempt = 0
  private started = false
  private closed = false
  private reconnectTimer: unknown
  private watchdogTimer: unknown

  constructor(
    readonly kind: WsConnectionKind,
    readonly url: string,
    private readonly s: WsConnectionSettings,
  ) {
    this.wanted.set('heartbeats', new Set())
  }

  /** True while the socket is open. */
  get isOpen(): boolean {
    return this.socket?.readyState === OPEN
  }

  /** Product ids currently wanted for a channel. */
  products(channel: WsChannel): string[] {
    return [...(this.wanted.get(channel) ?? [])]
  }

  /** Adds products to a channel; sends the subscribe now if open (else on open). */
  async subscribe(channel: WsChannel, productIds: readonly string[]): Promise<void> {
    const set = this.wanted.get(channel) ?? new Set<string>()
    const fresh = productIds.filter((p) => !set.has(p))
    for (const p of productIds) set.add(p)
    const isNew = !this.wanted.has(channel)
    this.wanted.set(channel, set)
    if (!this.started) {
      this.started = true
      this.connect()
      return
    }
    if (this.isOpen && (fresh.length > 0 || isNew)) await this.send('subscribe', channel, fresh)
  }

  /** Removes products (or, with none given, the whole channel). */
  async unsubscribe(channel: WsChannel, productIds?: readonly string[]): Promise<void> {
    const set = this.wanted.get(channel)
    if (!set) return
    const gone = productIds ? productIds.filter((p) => set.has(p)) : [...set]
    for (const p of gone) set.delete(p)
    if (!productIds || set.size === 0) {
      if (channel !== 'heartbeats') this.wanted.delete(channel)
    }
    if (this.isOpen) await this.send('unsubscribe', channel, gone)
  }

  /** Asks for a fresh level2 snapshot: unsubscribe + subscribe the same products. */
  async resyncLevel2(): Promise<void> {
    const products = this.products('level2')
    if (products.length === 0 || !this.isOpen) return
    await this.send('unsubscribe', 'level2', products)
    await this.send('subscribe', 'level2', products)
  }

  /** Closes for good: no reconnect. */
  close(): void {
    this.closed = true
    this.clearTimers()
    const socket = this.socket
    this.socket = undefined
    if (socket) {
      detach(socket)
      safeClose(socket, 1000, 'client closed')
      this.emit('close', { connection: this.kind, code: 1000, reason: 'client closed', willReconnect: false })
    }
  }

  private connect(): void {
    if (this.closed) return
    let socket: WebSocketLike
    try {
      socket = new this.s.WebSocket(this.url)
    } catch (cause) {
      this.emit('error', new WebSocketError(`Cannot open WebSocket ${this.url}`, { cause }))
      this.scheduleReconnect()
      return
    }
    this.socket = socket
    this.lastSequence = -1
    // The watchdog also covers a handshake that never completes.
    this.lastFrameAt = this.s.clock.now()
    this.armWatchdog()
    socket.onopen = () => {
      if (this.socket !== socket) return
      this.attempt = 0
      this.lastFrameAt = this.s.clock.now()
      this.emit('open', { connection: this.kind, url: this.url })
      this.subscribeAll().catch((cause: unknown) => this.emitError(cause, 'resubscribe failed'))
    }
    socket.onmessage = (event) => {
      if (this.socket !== socket) return
      this.lastFrameAt = this.s.clock.now()
      this.s.stats.framesReceived++
      try {
        this.onFrame(event.data)
      } catch (cause) {
        // Never let anything escape into the socket's callback.
        this.emitError(cause, 'frame handling failed')
      }
    }
    socket.onerror = () => {
      if (this.socket !== socket) return
      // Browsers give no detail here; the close event that follows drives the reconnect.
      this.emit('error', new WebSocketError(`WebSocket error on ${this.url}`))
    }
    socket.onclose = (event) => {
      if (this.socket !== socket) return
      this.socket = undefined
      this.clearTimers()
      const willReconnect = !this.closed
      this.emit('close', {
        connection: this.kind,
        code: event.code,
        reason: String(event.reason ?? ''),
        willReconnect,
      })
      if (willReconnect) this.scheduleReconnect()
    }
  }

  private scheduleReconnect(): void {
    if (this.closed) return
    const delayMs = backoffDelay(
      this.attempt,
      { baseDelayMs: this.s.reconnectBaseMs, maxDelayMs: this.s.reconnectMaxMs },
      this.s.random,
    )
    this.attempt++
    this.s.stats.reconnects++
    this.emit('reconnect', { connection: this.kind, attempt: this.attempt, delayMs })
    this.reconnectTimer = this.s.timers.setTimeout(() => {
      this.reconnectTimer = undefined
      this.connect()
    }, delayMs)
  }

  private armWatchdog(): void {
    const check = Math.max(10, Math.floor(this.s.watchdogMs / 4))
    this.watchdogTimer = this.s.timers.setTimeout(() => {
      this.watchdogTimer = undefined
      const socket = this.socket
      if (!socket || this.closed) return
      const idle = this.s.clock.now() - this.lastFrameAt
      if (idle > this.s.watchdogMs) {
        this.emit('error', new WebSocketError(`No frame from ${this.url} for ${idle} ms; reconnecting`))
        // Do not wait for a close handshake from a peer that stopped talking.
        this.socket = undefined
        detach(socket)
        safeClose(socket, 4000, 'watchdog')
        this.emit('close', { connection: this.kind, code: 4000, reason: 'watchdog', willReconnect: true })
        this.scheduleReconnect()
        return
      }
      this.armWatchdog()
    }, check)
  }

  private clearTimers(): void {
    if (this.watchdogTimer !== undefined) this.s.timers.clearTimeout(this.watchdogTimer)
    if (this.reconnectTimer !== undefined) this.s.timers.clearTimeout(this.reconnectTimer)
    this.watchdogTimer = undefined
    this.reconnectTimer = undefined
  }

  /** Heartbeats first, then one message per channel, each with a fresh JWT. */
  private async subscribeAll(): Promise<void> {
    const socket = this.socket
    for (const [channel, products] of this.wanted) {
      if (this.socket !== socket) return
      if (
        channel !== 'heartbeats' &&
        channel !== 'futures_balance_summary' &&
        channel !== 'user' &&
        products.size === 0
      )
        continue
      await this.send('subscribe', channel, [...products])
    }
  }

  private async send(
    type: 'subscribe' | 'unsubscribe',
    channel: WsChannel,
    productIds: readonly string[],
  ): Promise<void> {
    const message: Record<string, unknown> = { type, channel }
    if (channel !== 'heartbeats' && channel !== 'futures_balance_summary' && productIds.length > 0)
      message.product_ids = [...productIds]
    if (this.s.credentials) message.jwt = await createWsJwt(this.s.credentials, this.s.authClock)
    const socket = this.socket
    if (!socket || socket.readyState !== OPEN) return
    socket.send(JSON.stringify(message))
  }

  private onFrame(data: unknown): void {
    const text = typeof data === 'string' ? data : decodeBinary(data)
    if (text === undefined) {
      this.malformed(new ParseError('WebSocket frame is not text', { source: `ws ${this.kind}` }))
      return
    }
    // level2 is the hot path: its own parser, no zod, no intermediate objects.
    const head = text.indexOf('"l2_data"')
    if (head !== -1 && head < 40) {
      let message: ReturnType<typeof parseL2Frame>
      try {
        message = parseL2Frame(text)
      } catch (error) {
        const sequence = readSequence(text)
        if (sequence !== undefined && !this.accept(sequence)) return
        this.malformed(error)
        // Level2 data was lost: books are out of sync until a fresh snapshot, which we ask for.
        this.emit('resync', { connection: this.kind, reason: 'malformed' })
        this.resyncLevel2().catch((cause: unknown) => this.emitError(cause, 'level2 resync failed'))
        return
      }
      if (!this.accept(message.sequence)) return
      const meta: WsMeta = {
        connection: this.kind,
        channel: 'l2_data',
        timestamp: message.timestamp,
        sequence: message.sequence,
      }
      const first = message.events[0]
      if (first) meta.type = first.type
      this.emit('l2', message, meta)
      return
    }
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch (cause) {
      this.malformed(
        new ParseError('WebSocket frame is not valid JSON', {
          source: `ws ${this.kind}`,
          snippet: text,
          cause,
        }),
      )
      return
    }
    if (typeof value !== 'object' || value === null) {
      this.malformed(
        new SchemaError(`ws ${this.kind}`, [
          { path: [], code: 'invalid_type', message: 'expected an object' },
        ]),
      )
      return
    }
    const raw = value as Record<string, unknown>
    if (raw.type === 'error') {
      const frame = resolveSchema(wsErrorFrameSchema).safeParse(value)
      const serverMessage = frame.success ? frame.data.message : String(raw.message ?? '')
      this.s.stats.errorFrames++
      this.emit('error', new WebSocketError(`Coinbase WebSocket error: ${serverMessage}`, { serverMessage }))
      return
    }
    const channel = raw.channel
    const schema = wsMessageSchemaFor(channel)
    if (!schema) {
      this.malformed(
        new SchemaError(`ws ${this.kind}`, [
          { path: ['channel'], code: 'invalid_value', message: `unknown channel ${JSON.stringify(channel)}` },
        ]),
      )
      return
    }
    if (typeof raw.sequence_num === 'number' && !this.accept(raw.sequence_num)) return
    const parsed = schema.safeParse(value)
    if (!parsed.success) {
      this.malformed(
        new SchemaError(
          `ws ${String(channel)}`,
          parsed.error.issues.map((i) => ({ path: i.path, code: i.code, message: i.message })),
          { cause: parsed.error },
        ),
      )
      return
    }
    this.dispatch(
      channel as ParsedChannel,
      parsed.data as { timestamp: string; sequence_num: number; events: unknown[] },
    )
  }

  /** Sequence bookkeeping: false for duplicates / out-of-order frames; emits `gap` (and resyncs) on a jump. */
  private accept(sequence: number): boolean {
    const last = this.lastSequence
    if (last >= 0 && sequence <= last) {
      this.s.stats.duplicatesIgnored++
      return false
    }
    this.lastSequence = sequence
    if (last >= 0 && sequence > last + 1) {
      this.s.stats.gaps++
      this.emit('gap', { connection: this.kind, expected: last + 1, received: sequence })
      this.emit('resync', { connection: this.kind, reason: 'gap' })
      this.resyncLevel2().catch((cause: unknown) => this.emitError(cause, 'level2 resync failed'))
    }
    return true
  }

  private dispatch(
    channel: ParsedChannel,
    message: { timestamp: string; sequence_num: number; events: unknown[] },
  ): void {
    const base = {
      connection: this.kind,
      channel,
      timestamp: message.timestamp,
      sequence: message.sequence_num,
    }
    for (const ev of message.events) {
      const event = ev as Record<string, unknown> & { type?: 'snapshot' | 'update' }
      const meta: WsMeta = event.type ? { ...base, type: event.type } : { ...base }
      switch (channel) {
        case 'heartbeats': {
          const e = event as unknown as { heartbeat_counter: number; current_time: string }
          this.emit('heartbeat', { counter: e.heartbeat_counter, currentTime: e.current_time }, meta)
          break
        }
        case 'ticker':
        case 'ticker_batch':
          for (const t of event.tickers as WsEvents['ticker'][0][]) this.emit('ticker', t, meta)
          break
        case 'market_trades':
          for (const t of event.trades as WsEvents['trades'][0][]) this.emit('trades', t, meta)
          break
        case 'candles':
          for (const c of event.candles as WsEvents['candles'][0][]) this.emit('candles', c, meta)
          break
        case 'status':
          this.emit('status', event.products as WsEvents['status'][0], meta)
          break
        case 'subscriptions':
          this.emit('subscriptions', event.subscriptions as Record<string, string[]>, meta)
          break
        case 'user':
          this.emit('user', event as unknown as WsEvents['user'][0], meta)
          break
        case 'futures_balance_summary':
          this.emit('futuresBalanceSummary', event.fcm_balance_summary as Record<string, unknown>, meta)
          break
      }
    }
  }

  private malformed(error: unknown): void {
    this.s.stats.malformed++
    this.emitError(error, 'malformed frame')
  }

  private emitError(cause: unknown, what: string): void {
    const error =
      cause instanceof BaseError ? cause : new WebSocketError(`WebSocket ${this.kind}: ${what}`, { cause })
    this.emit('error', error)
  }

  /** Emits without ever letting a listener's exception reach the socket callback. */
  private emit<E extends keyof WsEvents>(event: E, ...args: WsEvents[E]): void {
    try {
      ;(this.s.emitter.emit as (e: E, ...a: WsEvents[E]) => boolean)(event, ...args)
    } catch (cause) {
      if (event === 'error') return
      try {
        this.s.emitter.emit('error', new WebSocketError(`A '${String(event)}' listener threw`, { cause }))
      } catch {
        // An 'error' listener threw too: nothing more to report to.
      }
    }
  }
}

function detach(socket: WebSocketLike): void {
  socket.onopen = null
  socket.onmessage = null
  socket.onclose = null
  socket.onerror = () => {}
}

function safeClose(socket: WebSocketLike, code: number, reason: string): void {
  try {
    const terminate = (socket as { terminate?: () => void }).terminate
    if (typeof terminate === 'function') terminate.call(socket)
    else socket.close(code, reason)
  } catch {
    // Closing a socket that never opened can throw in browsers; it is gone either way.
  }
}

function decodeBinary(data: unknown): string | undefined {
  if (data instanceof ArrayBuffer) return new TextDecoder().decode(data)
  if (ArrayBuffer.isView(data)) return new TextDecoder().decode(data)
  if (Array.isArray(data) && data.every((d) => ArrayBuffer.isView(d))) {
    return data.map((d: ArrayBufferView) => new TextDecoder().decode(d)).join('')
  }
  return undefined
}

/** `sequence_num` of a frame the parser refused, when it can still be read. */
function readSequence(text: string): number | undefined {
  const m = /"sequence_num"\s*:\s*(\d{1,15})/.exec(text)
  return m?.[1] === undefined ? undefined : Number(m[1])
}

/** @internal The default WebSocket implementation. */
export const defaultWebSocket = IsomorphicWebSocket as unknown as WebSocketConstructor
