import type { Decimal, OrderSide, OrderType, ProductSpec, TimeInForce } from '@gpt-trader/validation'
import type { Liquidity } from './Fill.js'

/** Order status as a venue reports it (Coinbase's vocabulary, reduced). */
export type BrokerOrderStatus =
  | 'PENDING'
  | 'OPEN'
  | 'FILLED'
  | 'CANCELLED'
  | 'EXPIRED'
  | 'REJECTED'
  | 'FAILED'

/** What the engine asks a broker to place. The client order id is already assigned and stored. */
export interface PlaceOrderRequest {
  clientOrderId: string
  symbol: string
  side: OrderSide
  type: OrderType
  size: Decimal
  price?: Decimal | undefined
  stopPrice?: Decimal | undefined
  timeInForce: TimeInForce
  postOnly: boolean
}

/** An order as the venue sees it. */
export interface BrokerOrder {
  exchangeOrderId: string
  clientOrderId: string
  symbol: string
  side: OrderSide
  type: OrderType
  size: Decimal
  price?: Decimal | undefined
  timeInForce?: TimeInForce | undefined
  status: BrokerOrderStatus
  filledSize: Decimal
  averageFillPrice?: Decimal | undefined
  fees: Decimal
  createdAt: number
  /** Venue reason for REJECTED / FAILED / CANCELLED. */
  reason?: string | undefined
}

/** A fill as the venue reports it. */
export interface BrokerFill {
  tradeId: string
  exchangeOrderId: string
  /** Empty when the venue does not say (the engine then matches by exchange order id). */
  clientOrderId: string
  symbol: string
  side: OrderSide
  price: Decimal
  size: Decimal
  fee: Decimal
  liquidity: Liquidity
  time: number
}

/** One currency's balance. */
export interface Balance {
  currency: string
  available: Decimal
  hold: Decimal
}

/** A venue-side position (derivatives); spot brokers return none and positions come from fills. */
export interface BrokerPosition {
  symbol: string
  quantity: Decimal
  entryPrice?: Decimal | undefined
}

/** A market data update: best bid / ask and last trade price. */
export interface MarketUpdate {
  symbol: string
  bestBid?: Decimal | undefined
  bestAsk?: Decimal | undefined
  last?: Decimal | undefined
  time: number
}

/** Callbacks for the broker's streams. Any may be omitted. */
export interface BrokerListener {
  order?(order: BrokerOrder): void
  fill?(fill: BrokerFill): void
  market?(update: MarketUpdate): void
}

/** A page of fills and the cursor to continue from. */
export interface FillsPage {
  fills: readonly BrokerFill[]
  /** Pass to the next `getFillsSince`; opaque to the caller. */
  cursor: string
}

/**
 * The port between the engine and a venue. Adapters: `PaperBroker` (here), `CoinbaseBroker`
 * (`@gpt-trader/live-trade/coinbase`), and the backtest's simulated broker.
 *
 * Errors are `BrokerError`s: `rejected` means the venue refused (the order does not exist);
 * `unavailable` means the outcome is unknown (the engine looks the order up by client id, never
 * resends); `not_found` from lookups and cancels.
 */
export interface Broker {
  readonly name: string
  getProducts(): Promise<readonly ProductSpec[]>
  getProduct(symbol: string): Promise<ProductSpec>
  getBalances(): Promise<readonly Balance[]>
  getPositions(): Promise<readonly BrokerPosition[]>
  placeOrder(request: PlaceOrderRequest): Promise<BrokerOrder>
  /** Requests a cancel; the final status comes from `getOrderByClientId` or the order stream. */
  cancelOrder(order: { exchangeOrderId: string; clientOrderId: string }): Promise<void>
  /** True if the venue can amend this order in place (Coinbase: GTC limit orders). */
  canEdit(order: { type: OrderType; timeInForce: TimeInForce; postOnly: boolean }): boolean
  /** Amends price and/or size in place. Only called when `canEdit` said yes. */
  editOrder(request: {
    exchangeOrderId: string
    clientOrderId: string
    price: Decimal
    size: Decimal
  }): Promise<BrokerOrder>
  /** The order with this client order id, or null if the venue has none. */
  getOrderByClientId(clientOrderId: string): Promise<BrokerOrder | null>
  /**
   * The order with this venue id, or null. Optional: the Reconciler uses it to recognise its own
   * orders behind fills that carry no client order id (Coinbase fills do not).
   */
  getOrderById?(exchangeOrderId: string): Promise<BrokerOrder | null>
  getOpenOrders(symbol?: string): Promise<readonly BrokerOrder[]>
  /** Fills after `cursor` (all known fills when omitted), oldest first; optionally one order's only. */
  getFillsSince(cursor?: string, filter?: { exchangeOrderId?: string }): Promise<FillsPage>
  /** Subscribes to order updates, fills and market data. Returns the unsubscribe function. */
  subscribe(listener: BrokerListener): () => void
}
