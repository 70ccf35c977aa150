import { Decimal, type DecimalInput, type OrderSide, toDecimal } from '@gpt-trader/validation'
import { cmp } from './compare.js'
import type { BestBidAsk, ImpactEstimate, MarketView, MarkPrice } from './PreTradeContext.js'

/** One price level: `[price, size]`. */
export type BookLevel = readonly [price: DecimalInput, size: DecimalInput]

interface Book {
  /** Best first: bids descending, asks ascending. */
  bids: ReadonlyArray<readonly [Decimal, Decimal]>
  asks: ReadonlyArray<readonly [Decimal, Decimal]>
  top: BestBidAsk | undefined
}

const ZERO = new Decimal(0)

/**
 * Levels as Decimals, empty ones dropped. A finite Decimal of this package is used as is; the field
 * name for an error is only spelled out for values that need converting.
 */
function readLevels(side: readonly BookLevel[], field: string): (readonly [Decimal, Decimal])[] {
  const out: (readonly [Decimal, Decimal])[] = []
  for (let i = 0; i < side.length; i++) {
    const [p, s] = side[i]!
    const price = p instanceof Decimal && p.isFinite() ? p : toDecimal(p, `${field}[${i}].price`)
    const size = s instanceof Decimal && s.isFinite() ? s : toDecimal(s, `${field}[${i}].size`)
    if (size.isPositive()) out.push([price, size])
  }
  return out
}

/**
 * A {@link MarketView} backed by plain maps: set marks and book levels, read marks, best bid/ask and
 * impact estimates. Handy for tests, backtests and small bots.
 *
 * @example
 * const market = new InMemoryMarketView()
 * market.setMark('BTC-USD', '50000', Date.now())
 * market.setBook('BTC-USD', { bids: [['49999', '2']], asks: [['50001', '2']] }, Date.now())
 */
export class InMemoryMarketView implements MarketView {
  readonly #marks = new Map<string, MarkPrice>()
  readonly #books = new Map<string, Book>()

  /** Records the mark of `symbol` observed at `at` (epoch ms). */
  setMark(symbol: string, price: DecimalInput, at: number): this {
    this.#marks.set(symbol, { price: toDecimal(price, 'price'), at })
    return this
  }

  /** Replaces the book of `symbol` (levels in any order; they are sorted best first). */
  setBook(
    symbol: string,
    levels: { bids: readonly BookLevel[]; asks: readonly BookLevel[] },
    at: number,
  ): this {
    const bids = readLevels(levels.bids, 'bids')
    const asks = readLevels(levels.asks, 'asks')
    if (bids.length > 1) bids.sort((a, b) => b[0].comparedTo(a[0]))
    if (asks.length > 1) asks.sort((a, b) => a[0].comparedTo(b[0]))
    const bestBid = bids[0]?.[0]
    const bestAsk = asks[0]?.[0]
    const top = bestBid !== undefined && bestAsk !== undefined ? { bestBid, bestAsk, at } : undefined
    this.#books.set(symbol, { bids, asks, top })
    return this
  }

  mark(symbol: string): MarkPrice | undefined {
    return this.#marks.get(symbol)
  }

  bestBidAsk(symbol: string): BestBidAsk | undefined {
    return this.#books.get(symbol)?.top
  }

  impact(symbol: string, side: OrderSide, size: Decimal): ImpactEstimate | undefined {
    const book = this.#books.get(symbol)
    if (book === undefined) return undefined
    const levels = side === 'BUY' ? book.asks : book.bids
    const first = levels[0]
    if (first === undefined) return { averagePrice: ZERO, filledSize: ZERO }
    // Most orders fit in the top level: its price is the VWAP, no division needed.
    if (cmp(size, first[1]) <= 0) return { averagePrice: first[0], filledSize: size }
    let remaining = size
    let filled = ZERO
    let cost = ZERO
    for (let i = 0; i < levels.length && remaining.isPositive(); i++) {
      const [price, available] = levels[i]!
      const take = available.lt(remaining) ? available : remaining
      filled = filled.plus(take)
      cost = cost.plus(take.times(price))
      remaining = remaining.minus(take)
    }
    if (filled.isZero()) return { averagePrice: ZERO, filledSize: ZERO }
    return { averagePrice: cost.div(filled), filledSize: filled }
  }
}
