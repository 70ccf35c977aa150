import type { CoinbaseClient } from '@gpt-trader/coinbase-client'
import type { Clock } from '@gpt-trader/guards'
import {
  type Balance,
  type BookSnapshot,
  type Broker,
  type BrokerListener,
  type BrokerOrder,
  type BrokerPosition,
  type FillsPage,
  PaperBroker,
  type PlaceOrderRequest,
} from '@gpt-trader/live-trade'
import { CoinbaseBroker } from '@gpt-trader/live-trade/coinbase'
import type { Decimal, OrderType, ProductSpec, TimeInForce } from '@gpt-trader/validation'
import { BotError } from '../BotError.js'

/** Options of {@link PaperVenue}. */
export interface PaperVenueOptions {
  /** Market data only (see `publicMarketClient`): product specs come from it. */
  client: CoinbaseClient
  /** The products the bot trades. */
  symbols: readonly string[]
  /** COINBASE_ENABLE_DERIVATIVES: without it a futures or perpetual product is refused. */
  derivatives: boolean
  /** Starting balances of the paper account. */
  balances: Readonly<Record<string, string>>
  clock: Clock
}

/**
 * The broker of `PERPS_PAPER=1`: live-trade's `PaperBroker`, built once the venue's product specs
 * (increments, minimums) are known, and fed with the books the bot reads (see `PaperMarketView`).
 * Orders, cancels and fills happen in memory only; nothing is ever sent to the venue. Books that
 * arrive before the specs are kept and applied when the broker is built.
 *
 * @example
 * const venue = new PaperVenue({ client: publicMarketClient(client), symbols: ['BTC-USD'], derivatives: false, balances: { USD: '100000' }, clock })
 * await venue.getBalances() // [{ currency: 'USD', available: 100000, hold: 0 }]
 */
export class PaperVenue implements Broker {
  readonly name = 'paper'
  readonly #options: PaperVenueOptions
  #paper: PaperBroker | undefined
  #ready: Promise<PaperBroker> | undefined
  readonly #listeners = new Set<{ listener: BrokerListener; unsubscribe?: (() => void) | undefined }>()
  readonly #pendingBooks = new Map<string, BookSnapshot>()

  constructor(options: PaperVenueOptions) {
    this.#options = options
  }

  /** The paper broker, once the product specs are loaded. */
  ready(): Promise<PaperBroker> {
    this.#ready ??= this.#create()
    return this.#ready
  }

  /** Replaces a product's paper book (resting paper orders it crosses fill). */
  setBook(symbol: string, snapshot: BookSnapshot): void {
    if (this.#paper) this.#paper.setBook(symbol, snapshot)
    else this.#pendingBooks.set(symbol, snapshot)
  }

  async #create(): Promise<PaperBroker> {
    const { client, symbols, derivatives } = this.#options
    // Product specs as the Coinbase adapter reads them (same parsing as live trading).
    const source = new CoinbaseBroker({ client })
    const specs: ProductSpec[] = await Promise.all(symbols.map((symbol) => source.getProduct(symbol)))
    const futures = specs.filter((s) => s.product_type === 'FUTURE').map((s) => s.product_id)
    if (futures.length > 0 && !derivatives) {
      throw new BotError(
        `${futures.join(', ')}: futures and perpetuals stay behind COINBASE_ENABLE_DERIVATIVES=1, in paper trading too`,
        { code: 'CONFIG_INVALID' },
      )
    }
    const paper = new PaperBroker({
      products: specs,
      balances: this.#options.balances,
      clock: this.#options.clock,
    })
    for (const entry of this.#listeners) entry.unsubscribe = paper.subscribe(entry.listener)
    for (const [symbol, book] of this.#pendingBooks) paper.setBook(symbol, book)
    this.#pendingBooks.clear()
    this.#paper = paper
    return paper
  }

  async getProducts(): Promise<readonly ProductSpec[]> {
    return (await this.ready()).getProducts()
  }

  async getProduct(symbol: string): Promise<ProductSpec> {
    return (await this.ready()).getProduct(symbol)
  }

  async getBalances(): Promise<readonly Balance[]> {
    return (await this.ready()).getBalances()
  }

  async getPositions(): Promise<readonly BrokerPosition[]> {
    return (await this.ready()).getPositions()
  }

  async placeOrder(request: PlaceOrderRequest): Promise<BrokerOrder> {
    return (await this.ready()).placeOrder(request)
  }

  async cancelOrder(order: { exchangeOrderId: string; clientOrderId: string }): Promise<void> {
    return (await this.ready()).cancelOrder(order)
  }

  canEdit(order: { type: OrderType; timeInForce: TimeInForce; postOnly: boolean }): boolean {
    // The paper broker edits what Coinbase edits: good-till-cancelled limit orders.
    return order.type === 'LIMIT' && order.timeInForce === 'GTC'
  }

  async editOrder(request: {
    exchangeOrderId: string
    clientOrderId: string
    price: Decimal
    size: Decimal
  }): Promise<BrokerOrder> {
    return (await this.ready()).editOrder(request)
  }

  async getOrderByClientId(clientOrderId: string): Promise<BrokerOrder | null> {
    return (await this.ready()).getOrderByClientId(clientOrderId)
  }

  async getOrderById(exchangeOrderId: string): Promise<BrokerOrder | null> {
    return (await this.ready()).getOrderById(exchangeOrderId)
  }

  async getOpenOrders(symbol?: string): Promise<readonly BrokerOrder[]> {
    return (await this.ready()).getOpenOrders(symbol)
  }

  async getFillsSince(cursor?: string, filter?: { exchangeOrderId?: string }): Promise<FillsPage> {
    return (await this.ready()).getFillsSince(cursor, filter)
  }

  subscribe(listener: BrokerListener): () => void {
    const entry: { listener: BrokerListener; unsubscribe?: (() => void) | undefined } = {
      listener,
      unsubscribe: this.#paper?.subscribe(listener),
    }
    this.#listeners.add(entry)
    return () => {
      entry.unsubscribe?.()
      this.#listeners.delete(entry)
    }
  }
}
