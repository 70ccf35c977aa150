import type { Decimal } from 'decimal.js'
import { BookSide } from './bookSide.js'
import type { L2Event } from './parseL2Message.js'

/*
 * Numbers on purpose: the book is a hot, read-only market-data structure. Prices are numeric keys
 * (the exact wire string is kept on each level) and quantities are `number`s. Values read from the
 * book (mid, VWAP, depth) are estimates for decisions and risk checks; nothing read here may become
 * an order field without going through `Decimal` and the product's increments first.
 */

/** A level as returned by the book's read methods (a copy; later updates do not change it). */
export interface OrderBookLevel {
  /** Price as a number (read-only estimates only). */
  readonly price: number
  /** Price exactly as sent by Coinbase. */
  readonly priceString: string
  /** Quantity as a number (read-only estimates only). */
  readonly size: number
  /** Quantity exactly as sent by Coinbase. */
  readonly sizeString: string
}

/** Spread of the book: absolute (quote currency) and in basis points of the mid. */
export interface OrderBookSpread {
  readonly absolute: number
  readonly bps: number
}

/** Liquidity on one side within a distance from the mid. */
export interface OrderBookDepth {
  readonly levels: number
  /** Total base quantity. */
  readonly size: number
  /** Total quote value (Σ price × size). */
  readonly notional: number
}

/** What a market order of a given size would do against the current book. */
export interface OrderBookImpact {
  /** Volume-weighted average fill price of the part that can be filled. */
  readonly vwap: number
  /** Adverse distance of the VWAP from the mid in basis points (>= 0 for a sane book); undefined when a side is empty. */
  readonly bps: number | undefined
  /** Base quantity that the visible book can fill (<= the requested size). */
  readonly filled: number
  /** Quote value of the filled part. */
  readonly notional: number
  /** True when the visible book holds the whole requested size. */
  readonly enoughLiquidity: boolean
  /** Levels consumed (the last one possibly partly). */
  readonly levels: number
}

/** Snapshot of the book as decimal strings, best first: the shape `sim.control.book()` uses. */
export interface OrderBookArrays {
  readonly bids: [price: string, size: string][]
  readonly asks: [price: string, size: string][]
}

/** Side argument of the read methods. */
export type OrderBookSide = 'bid' | 'ask'

/**
 * A per-product L2 order book built from Coinbase `level2` (`l2_data`) snapshots and updates.
 *
 * - `new_quantity` is absolute; `"0"` deletes the level; deleting an absent level is a no-op.
 * - Never crossed: a bid at or above the best ask (or an ask at or below the best bid) is newer than
 *   the opposite levels it crosses, so those are dropped and `crossedUpdates` is incremented.
 * - Fast: see the note at the top of this file — numbers, not Decimal, and nothing from here goes
 *   into an order without Decimal.
 *
 * @example
 * const book = new OrderBook('BTC-USD')
 * for (const event of parseL2Frame(text).events) book.apply(event)
 * book.bestBid()?.priceString // '83277.25'
 * book.impact('buy', 0.5)     // { vwap, bps, filled, enoughLiquidity, ... }
 */
export class OrderBook {
  readonly productId: string
  private readonly bidSide = new BookSide('bid')
  private readonly askSide = new BookSide('ask')
  private crossed = 0
  private applied = 0
  private snapshotSeen = false

  constructor(productId: string) {
    this.productId = productId
  }

  /** True once a snapshot has been applied (updates before it are applied but the book is partial). */
  get hasSnapshot(): boolean {
    return this.snapshotSeen
  }

  /** How many updates crossed the book and made stale opposite levels drop. */
  get crossedUpdates(): number {
    return this.crossed
  }

  /** Level updates applied since creation (snapshots included). */
  get updatesApplied(): number {
    return this.applied
  }

  /** Number of bid levels. */
  get bidCount(): number {
    return this.bidSide.count
  }

  /** Number of ask levels. */
  get askCount(): number {
    return this.askSide.count
  }

  /**
   * Applies one validated `l2_data` event (from `parseL2Message`). A snapshot replaces the book.
   * Events for another product are ignored and return false.
   */
  apply(event: L2Event): boolean {
    if (event.productId !== this.productId) return false
    if (event.type === 'snapshot') this.loadSnapshot(event)
    else this.applyLevels(event)
    this.applied += event.prices.length
    return true
  }

  /** Removes every level and forgets the snapshot (e.g. while waiting for a resync). */
  clear(): void {
    this.bidSide.clear()
    this.askSide.clear()
    this.snapshotSeen = false
  }

  /**
   * Sets one level from decimal strings (convenience for tests and REST `product_book` seeding).
   * `size` "0" deletes it.
   */
  setLevel(side: OrderBookSide, price: string, size: string): void {
    const p = Number(price)
    const q = Number(size)
    if (!(p > 0) || !(q >= 0)) throw new RangeError(`Invalid level ${price} @ ${size}`)
    this.setOne(side === 'bid' ? 0 : 1, p, q, price, size)
  }

  /** Best (highest) bid. */
  bestBid(): OrderBookLevel | undefined {
    return levelAt(this.bidSide, 0)
  }

  /** Best (lowest) ask. */
  bestAsk(): OrderBookLevel | undefined {
    return levelAt(this.askSide, 0)
  }

  /** Mid price, or undefined when a side is empty. */
  mid(): number | undefined {
    if (this.bidSide.count === 0 || this.askSide.count === 0) return undefined
    return (this.bidSide.bestPrice() + this.askSide.bestPrice()) / 2
  }

  /** Best ask - best bid, absolute and in bps of the mid; undefined when a side is empty. */
  spread(): OrderBookSpread | undefined {
    if (this.bidSide.count === 0 || this.askSide.count === 0) return undefined
    const bid = this.bidSide.bestPrice()
    const ask = this.askSide.bestPrice()
    const mid = (bid + ask) / 2
    return { absolute: ask - bid, bps: ((ask - bid) / mid) * 10_000 }
  }

  /** The best `n` levels of a side, best first. */
  depth(side: OrderBookSide, n: number): OrderBookLevel[] {
    const book = side === 'bid' ? this.bidSide : this.askSide
    const out: OrderBookLevel[] = []
    if (n <= 0) return out
    book.walk((price, size, slot) => {
      out.push({ price, priceString: book.priceString(slot), size, sizeString: book.sizeString(slot) })
      return out.length < n
    })
    return out
  }

  /** Liquidity of a side within `bps` basis points of the mid (zero when a side is empty). */
  depthWithinBps(side: OrderBookSide, bps: number): OrderBookDepth {
    const mid = this.mid()
    if (mid === undefined) return { levels: 0, size: 0, notional: 0 }
    const limit = side === 'bid' ? mid * (1 - bps / 10_000) : mid * (1 + bps / 10_000)
    let levels = 0
    let size = 0
    let notional = 0
    const book = side === 'bid' ? this.bidSide : this.askSide
    book.walk((price, q) => {
      if (side === 'bid' ? price < limit : price > limit) return false
      levels++
      size += q
      notional += price * q
      return true
    })
    return { levels, size, notional }
  }

  /**
   * Walks the book as a market order of `size` (base units) would: `buy` consumes asks, `sell` bids.
   * Returns undefined when the consumed side is empty. The result is an estimate for risk checks.
   *
   * @example
   * const { vwap, bps, enoughLiquidity } = book.impact('buy', '0.25') ?? {}
   */
  impact(side: 'buy' | 'sell', size: number | string | Decimal): OrderBookImpact | undefined {
    const wanted = typeof size === 'number' ? size : Number(size.toString())
    if (!(wanted > 0)) throw new RangeError(`impact size must be > 0, got ${String(size)}`)
    const book = side === 'buy' ? this.askSide : this.bidSide
    if (book.count === 0) return undefined
    let filled = 0
    let notional = 0
    let levels = 0
    book.walk((price, q) => {
      const take = Math.min(q, wanted - filled)
      filled += take
      notional += take * price
      levels++
      return filled < wanted
    })
    const vwap = notional / filled
    const mid = this.mid()
    const bps = mid === undefined ? undefined : ((side === 'buy' ? vwap - mid : mid - vwap) / mid) * 10_000
    // Sizes are summed as floats; treat a shortfall below float noise as filled.
    const enoughLiquidity = filled >= wanted * (1 - 1e-12)
    return { vwap, bps, filled, notional, enoughLiquidity, levels }
  }

  /** The book as decimal strings, best first (optionally only the best `limit` levels per side). */
  toArrays(limit = Number.POSITIVE_INFINITY): OrderBookArrays {
    return { bids: toPairs(this.bidSide, limit), asks: toPairs(this.askSide, limit) }
  }

  private loadSnapshot(event: L2Event): void {
    const { sides, prices, sizes, priceStrings, sizeStrings } = event
    const n = prices.length
    const bidIdx: number[] = []
    const askIdx: number[] = []
    for (let i = 0; i < n; i++) (sides[i] === 0 ? bidIdx : askIdx).push(i)
    this.snapshotSeen = true
    const bestBid = bidIdx.length > 0 ? (prices[bidIdx[0] as number] as number) : Number.NEGATIVE_INFINITY
    const bestAsk = askIdx.length > 0 ? (prices[askIdx[0] as number] as number) : Number.POSITIVE_INFINITY
    // Bulk load (the usual case: each side best first, no zero sizes, not crossed) — or, for anything
    // odd, replay the levels one by one so the usual rules apply.
    if (
      bestBid < bestAsk &&
      this.bidSide.load(prices, sizes, priceStrings, sizeStrings, bidIdx) &&
      this.askSide.load(prices, sizes, priceStrings, sizeStrings, askIdx)
    ) {
      return
    }
    this.bidSide.clear()
    this.askSide.clear()
    this.applyLevels(event)
  }

  private applyLevels(event: L2Event): void {
    const { sides, prices, sizes, priceStrings, sizeStrings } = event
    const n = prices.length
    for (let i = 0; i < n; i++) {
      this.setOne(
        sides[i] as number,
        prices[i] as number,
        sizes[i] as number,
        priceStrings[i] as string,
        sizeStrings[i] as string,
      )
    }
  }

  private setOne(side: number, price: number, size: number, priceString: string, sizeString: string): void {
    if (side === 0) {
      if (size > 0 && this.askSide.count > 0 && price >= this.askSide.bestPrice()) {
        while (this.askSide.count > 0 && this.askSide.bestPrice() <= price) this.askSide.popBest()
        this.crossed++
      }
      this.bidSide.set(price, size, priceString, sizeString)
    } else {
      if (size > 0 && this.bidSide.count > 0 && price <= this.bidSide.bestPrice()) {
        while (this.bidSide.count > 0 && this.bidSide.bestPrice() >= price) this.bidSide.popBest()
        this.crossed++
      }
      this.askSide.set(price, size, priceString, sizeString)
    }
  }
}

function levelAt(side: BookSide, rank: number): OrderBookLevel | undefined {
  let out: OrderBookLevel | undefined
  side.walk((price, size, slot, i) => {
    if (i < rank) return true
    out = { price, priceString: side.priceString(slot), size, sizeString: side.sizeString(slot) }
    return false
  })
  return out
}

function toPairs(side: BookSide, limit: number): [string, string][] {
  const out: [string, string][] = []
  if (limit <= 0) return out
  side.walk((_price, _size, slot) => {
    out.push([side.priceString(slot), side.sizeString(slot)])
    return out.length < limit
  })
  return out
}
