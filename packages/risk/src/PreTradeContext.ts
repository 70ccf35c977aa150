import type {
  Decimal,
  DecimalInput,
  OrderInput,
  OrderSide,
  ProductSpec,
  TradingState,
} from '@gpt-trader/validation'

/** A mark price and when it was observed (epoch ms). */
export interface MarkPrice {
  readonly price: Decimal
  /** Epoch ms of the observation (exchange time when known). */
  readonly at: number
}

/** Best bid and ask and when they were observed (epoch ms). */
export interface BestBidAsk {
  readonly bestBid: Decimal
  readonly bestAsk: Decimal
  readonly at: number
}

/** What filling `size` against the book would cost. */
export interface ImpactEstimate {
  /** Volume-weighted average price of the part that can be filled. */
  readonly averagePrice: Decimal
  /** Base size the book can fill (less than asked = not enough liquidity). */
  readonly filledSize: Decimal
}

/**
 * The small read-only view of the market the risk package needs. The client's local order book and
 * the backtest's simulated book both fit behind it (see `InMemoryMarketView` for a ready one).
 */
export interface MarketView {
  /** The mark price of `symbol` with its timestamp, or undefined when none is known. */
  mark(symbol: string): MarkPrice | undefined
  /** The best bid/ask of `symbol` with its timestamp, or undefined when the book is empty or unknown. */
  bestBidAsk(symbol: string): BestBidAsk | undefined
  /** Walks the book for `size` (base units) on the side a `side` order takes from. */
  impact(symbol: string, side: OrderSide, size: Decimal): ImpactEstimate | undefined
}

/** A held position. */
export interface RiskPosition {
  /** Signed base quantity: positive = long, negative = short. */
  readonly quantity: Decimal
  /** Derivatives only: the liquidation price, for the liquidation-buffer monitor. */
  readonly liquidationPrice?: Decimal | undefined
}

/** An order already working on the exchange. */
export interface RiskOpenOrder {
  readonly productId: string
  readonly side: OrderSide
  /** Remaining (unfilled) base size. */
  readonly size: Decimal
  /** Limit price; orders without one are valued at the mark. */
  readonly price?: Decimal | undefined
}

/** The account. */
export interface RiskPortfolio {
  /** Account equity in quote currency (USD). */
  readonly equity: Decimal
}

/** Correlation between two assets (product ids), or undefined when unknown. */
export type CorrelationLookup = (a: string, b: string) => number | undefined

/**
 * Everything a pre-trade check looks at. Treat it as a snapshot: build it from your portfolio and
 * market state, pass it to `check()`. Money is `Decimal`; times are epoch ms.
 */
export interface PreTradeContext {
  readonly portfolio: RiskPortfolio
  /** Positions by product id (absent = flat). */
  readonly positions: ReadonlyMap<string, RiskPosition>
  readonly openOrders: readonly RiskOpenOrder[]
  readonly market: MarketView
  /** Product specs by product id (increments, limits, status). */
  readonly products: ReadonlyMap<string, ProductSpec>
  /** Account-wide trading state. Default `ACTIVE`. */
  readonly tradingState?: TradingState | undefined
  /** Per-symbol trading states (paused symbols are `REDUCE_ONLY`). Absent = `ACTIVE`. */
  readonly symbolStates?: ReadonlyMap<string, TradingState> | undefined
  /** Correlation source for the correlation cap; without one the check is skipped. */
  readonly correlation?: CorrelationLookup | undefined
}

/** A new order to check. */
export interface RiskOrder extends OrderInput {
  readonly action?: 'place' | undefined
  /** Exchange-side reduce-only flag: the order must not increase |position|. */
  readonly reduceOnly?: boolean | undefined
  /** Leverage asked for (derivatives). Default 1. */
  readonly leverage?: DecimalInput | undefined
}

/** A cancel request: always allowed, even when HALTED. */
export interface RiskCancel {
  readonly action: 'cancel'
  readonly productId: string
  readonly orderId?: string | undefined
}

/** What `check()` takes: a new order or a cancel. */
export type PreTradeOrder = RiskOrder | RiskCancel
