import { OrderBook } from '../book/OrderBook.js'
import type { L2Message } from '../book/parseL2Message.js'
import { WebSocketError } from '../errors/NetworkError.js'
import type { CoinbaseWebSocket } from './createCoinbaseWebSocket.js'
import type { WsConnectionKind, WsEvents } from './types.js'

/**
 * Keeps an `OrderBook` per subscribed product in sync from the market connection's `level2`
 * channel. A book is "synced" from its snapshot on; after a sequence gap, a level2 frame that could
 * not be parsed, a reconnect or a close
 * it is cleared and ignores updates until the fresh snapshot (which the connection requests)
 * arrives. Emits `book` on the WebSocket client after every change.
 *
 * @example
 * const feed = new OrderBookFeed(ws)
 * await feed.add(['BTC-USD'])
 * ws.on('book', ({ productId, book }) => console.log(productId, book.mid()))
 */
export class OrderBookFeed {
  private readonly books = new Map<string, OrderBook>()
  private readonly synced = new Set<string>()
  private readonly onL2 = (message: L2Message) => this.handle(message)
  private readonly onReset = (info: { connection: WsConnectionKind }) => {
    if (info.connection === 'market') this.unsync()
  }
  /** Resyncs seen since creation (gaps, reconnects). */
  resyncs = 0

  constructor(private readonly ws: CoinbaseWebSocket) {
    ws.on('l2', this.onL2)
    ws.on('gap', this.onReset)
    ws.on('resync', this.onReset)
    ws.on('open', this.onReset)
    ws.on('close', this.onReset)
  }

  /** Starts books for these products and subscribes `level2` for them. */
  async add(productIds: readonly string[]): Promise<void> {
    for (const id of productIds) if (!this.books.has(id)) this.books.set(id, new OrderBook(id))
    await this.ws.subscribe('level2', productIds)
  }

  /** Drops books and unsubscribes `level2` for these products. */
  async remove(productIds: readonly string[]): Promise<void> {
    for (const id of productIds) {
      this.books.delete(id)
      this.synced.delete(id)
    }
    await this.ws.unsubscribe('level2', productIds)
  }

  /** The book of a product (possibly not synced yet; see {@link isSynced}). */
  book(productId: string): OrderBook | undefined {
    return this.books.get(productId)
  }

  /** True when the product's book is built from a snapshot and every update since. */
  isSynced(productId: string): boolean {
    return this.synced.has(productId)
  }

  /** Resolves once the product's book is synced (immediately when it already is). */
  whenSynced(productId: string): Promise<OrderBook> {
    const book = this.books.get(productId)
    if (book && this.synced.has(productId)) return Promise.resolve(book)
    return new Promise((resolve) => {
      const listener = (info: WsEvents['book'][0]) => {
        if (info.productId === productId && this.synced.has(productId)) {
          this.ws.off('book', listener)
          resolve(info.book)
        }
      }
      this.ws.on('book', listener)
    })
  }

  /** Stops listening (books are kept as they are). */
  close(): void {
    this.ws.off('l2', this.onL2)
    this.ws.off('gap', this.onReset)
    this.ws.off('resync', this.onReset)
    this.ws.off('open', this.onReset)
    this.ws.off('close', this.onReset)
  }

  private unsync(): void {
    if (this.synced.size === 0) return
    this.resyncs++
    for (const id of this.synced) this.books.get(id)?.clear()
    this.synced.clear()
  }

  private handle(message: L2Message): void {
    for (const event of message.events) {
      const book = this.books.get(event.productId)
      if (!book) continue
      if (event.type === 'snapshot') {
        book.apply(event)
        this.synced.add(event.productId)
      } else if (this.synced.has(event.productId)) {
        book.apply(event)
      } else {
        continue
      }
      try {
        this.ws.emit('book', { productId: event.productId, book, type: event.type })
      } catch (cause) {
        this.ws.emit('error', new WebSocketError("A 'book' listener threw", { cause }))
      }
    }
  }
}
