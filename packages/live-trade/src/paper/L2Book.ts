import { Decimal, type DecimalInput, toDecimal } from '@gpt-trader/validation'

/** One price level. */
export interface BookLevel {
  price: Decimal
  size: Decimal
}

/** A book snapshot as plain decimal strings, best level first on each side. */
export interface BookSnapshot {
  bids: readonly (readonly [DecimalInput, DecimalInput])[]
  asks: readonly (readonly [DecimalInput, DecimalInput])[]
}

/**
 * A simple level-2 book for paper trading: price levels with sizes, bids best (highest) first, asks
 * best (lowest) first. Liquidity taken by paper orders is removed until the next snapshot or update
 * restores it, so two market orders in a row walk deeper, as they would at the venue.
 *
 * @example
 * const book = new L2Book()
 * book.replace({ bids: [['99', '1']], asks: [['101', '2']] })
 * book.bestAsk()?.price.toFixed() // '101'
 */
export class L2Book {
  readonly bids: BookLevel[] = []
  readonly asks: BookLevel[] = []

  /** Replaces both sides with a snapshot (sorted here; zero-size levels dropped). */
  replace(snapshot: BookSnapshot): void {
    this.bids.length = 0
    this.asks.length = 0
    for (const [price, size] of snapshot.bids) this.set('BUY', price, size)
    for (const [price, size] of snapshot.asks) this.set('SELL', price, size)
  }

  /** Sets one level (`side` BUY = bids); size 0 removes it. */
  set(side: 'BUY' | 'SELL', priceInput: DecimalInput, sizeInput: DecimalInput): void {
    const price = toDecimal(priceInput, 'price')
    const size = toDecimal(sizeInput, 'size')
    const levels = side === 'BUY' ? this.bids : this.asks
    // Bids descend, asks ascend; `before` says whether `price` sorts ahead of a level.
    const before = (level: BookLevel) => (side === 'BUY' ? price.gt(level.price) : price.lt(level.price))
    let i = 0
    while (i < levels.length && !levels[i]!.price.eq(price) && !before(levels[i]!)) i++
    const existing = levels[i]
    if (existing?.price.eq(price)) {
      if (size.isZero()) levels.splice(i, 1)
      else existing.size = size
    } else if (!size.isZero()) {
      levels.splice(i, 0, { price, size })
    }
  }

  bestBid(): BookLevel | undefined {
    return this.bids[0]
  }

  bestAsk(): BookLevel | undefined {
    return this.asks[0]
  }

  /**
   * Takes up to `size` from the side a `taker` order hits (BUY takes asks), at prices no worse than
   * `limit` (any price when undefined). Returns the executions, best price first, and removes them.
   */
  take(taker: 'BUY' | 'SELL', size: Decimal, limit?: Decimal): BookLevel[] {
    const levels = taker === 'BUY' ? this.asks : this.bids
    const out: BookLevel[] = []
    let left = size
    while (left.gt(0) && levels.length > 0) {
      const level = levels[0]!
      if (limit !== undefined && (taker === 'BUY' ? level.price.gt(limit) : level.price.lt(limit))) break
      const qty = Decimal.min(left, level.size)
      out.push({ price: level.price, size: qty })
      left = left.minus(qty)
      if (qty.eq(level.size)) levels.shift()
      else level.size = level.size.minus(qty)
    }
    return out
  }

  /** Size available to a taker up to `limit`, without taking it. */
  available(taker: 'BUY' | 'SELL', limit?: Decimal): Decimal {
    const levels = taker === 'BUY' ? this.asks : this.bids
    let total = new Decimal(0)
    for (const level of levels) {
      if (limit !== undefined && (taker === 'BUY' ? level.price.gt(limit) : level.price.lt(limit))) break
      total = total.plus(level.size)
    }
    return total
  }

  /** Cost of taking `size` (quote), or undefined when the book is too thin. */
  cost(taker: 'BUY' | 'SELL', size: Decimal): Decimal | undefined {
    const levels = taker === 'BUY' ? this.asks : this.bids
    let left = size
    let cost = new Decimal(0)
    for (const level of levels) {
      const qty = Decimal.min(left, level.size)
      cost = cost.plus(qty.times(level.price))
      left = left.minus(qty)
      if (left.isZero()) return cost
    }
    return undefined
  }
}
