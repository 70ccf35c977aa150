import { Decimal, type DecimalInput, toDecimal } from '@gpt-trader/validation'
import { add, product } from './decimalMath.js'
import { fillFromStored } from './EventProjection.js'
import type { Fill } from './Fill.js'
import type { TradeEvent } from './TradeEvent.js'

const ZERO = new Decimal(0)
/** Decimal places kept for the cost basis left after a partial close (far below any price tick). */
const COST_DP = 24

/**
 * A position in one product, as of the fills counted so far. Signed: a short (derivatives) has a
 * negative quantity.
 */
export interface Position {
  symbol: string
  /** Base quantity (negative for a short). */
  quantity: Decimal
  /** Cost of the open quantity at entry prices (signed like the quantity). */
  costBasis: Decimal
  /** costBasis / quantity, or undefined when flat. */
  averageEntryPrice: Decimal | undefined
  /** Realized PnL before fees. */
  realizedPnl: Decimal
  /** Fees paid on this product's fills. */
  fees: Decimal
  /** realizedPnl − fees. */
  realizedPnlNet: Decimal
  /** The price unrealized PnL is marked at (last mark, else the last fill price). */
  mark: Decimal
  /** quantity × mark − costBasis. */
  unrealizedPnl: Decimal
  /** quantity × mark. */
  marketValue: Decimal
}

/** Portfolio totals from {@link PositionTracker.snapshot}. */
export interface PortfolioSnapshot {
  /** Quote-currency cash: starting cash − buys + sells − fees. */
  cash: Decimal
  /** cash + Σ quantity × mark. */
  equity: Decimal
  realizedPnlNet: Decimal
  unrealizedPnl: Decimal
  fees: Decimal
  positions: Position[]
}

interface Book {
  quantity: Decimal
  costBasis: Decimal
  realized: Decimal
  fees: Decimal
  mark: Decimal
  /** Price of the last fill (the average entry price when one price opened the whole position). */
  lastPrice: Decimal
  /** costBasis / quantity and realized − fees, cached until the next fill (null: not computed yet). */
  derived: { averageEntryPrice: Decimal | undefined; realizedPnlNet: Decimal } | null
}

/**
 * Positions, PnL, cash and equity from fills, in exact Decimal arithmetic. Quantities, cash and PnL
 * are sums and products only (no rounding). The one division — splitting the cost basis when a
 * position shrinks, kept to 24 decimal places — cannot break the books: the cost taken out and the cost left are computed as a
 * difference, so realized + unrealized + fees always reconcile with cash and equity exactly.
 *
 * Rebuilt from the stored events with {@link PositionTracker.fromEvents}; the same events always give
 * the same positions.
 *
 * @example
 * const tracker = new PositionTracker({ startingCash: '10000' })
 * tracker.applyFill(fill)
 * tracker.mark('BTC-USD', '67100')
 * tracker.snapshot().equity.toFixed()
 */
export class PositionTracker {
  #books = new Map<string, Book>()
  /** {@link PositionTracker.heldQuantities}, built on first use after each fill. */
  #held: ReadonlyMap<string, { readonly quantity: Decimal }> | undefined
  #cash: Decimal
  readonly startingCash: Decimal

  constructor(options: { startingCash?: DecimalInput | undefined } = {}) {
    this.startingCash = toDecimal(options.startingCash ?? '0', 'startingCash')
    this.#cash = this.startingCash
  }

  /**
   * Rebuilds a tracker from a stored event log (`order.fill` events; everything else is ignored).
   *
   * @example
   * const tracker = PositionTracker.fromEvents(await store.read(), { startingCash: '10000' })
   */
  static fromEvents(
    events: Iterable<TradeEvent>,
    options: { startingCash?: DecimalInput | undefined } = {},
  ): PositionTracker {
    const tracker = new PositionTracker(options)
    for (const event of events) {
      if (event.type === 'order.fill') tracker.applyFill(fillFromStored(event.clientOrderId, event.fill))
    }
    return tracker
  }

  /** Quote cash now. */
  get cash(): Decimal {
    return this.#cash
  }

  /** Counts one fill. The caller deduplicates by trade id (the engine does). */
  applyFill(fill: Fill): void {
    const book = this.#book(fill.symbol, fill.price)
    book.derived = null
    this.#held = undefined
    const signed = fill.side === 'BUY' ? fill.size : fill.size.neg()
    const notional = product(fill.price, fill.size)
    this.#cash = fill.side === 'BUY' ? this.#cash.minus(notional) : this.#cash.plus(notional)
    // A zero fee (±0) changes neither sum: x ∓ 0 is x, so the two copies are skipped.
    if (!fill.fee.isZero()) {
      this.#cash = this.#cash.minus(fill.fee)
      book.fees = book.fees.plus(fill.fee)
    }
    book.mark = fill.price
    book.lastPrice = fill.price

    const q = book.quantity
    if (q.isZero() || q.isNegative() === signed.isNegative()) {
      // Opening or adding: the cost basis grows by the trade's signed notional.
      book.quantity = add(q, signed)
      book.costBasis = add(book.costBasis, product(fill.price, signed))
      return
    }
    // Reducing, closing or flipping.
    // The smaller of the fill and |position| as the instance itself (Decimal.min would copy it), and
    // q − closing as a subtraction (the same exact sum as adding its negation).
    const held = q.isNegative() ? q.neg() : q
    const closing = fill.size.lte(held) ? fill.size : held
    const closingSigned = q.isNegative() ? closing.neg() : closing
    const remaining = q.minus(closingSigned)
    // Cost left on the remaining quantity; the cost removed is the difference, so nothing leaks.
    // Rounded to COST_DP places so every later sum stays a short, exactly representable decimal.
    const costLeft = remaining.isZero()
      ? ZERO
      : book.costBasis.times(remaining).div(q).toDecimalPlaces(COST_DP, Decimal.ROUND_HALF_EVEN)
    const costRemoved = book.costBasis.minus(costLeft)
    // Realized = value received for the closed quantity − its cost (signed for shorts).
    book.realized = book.realized.plus(product(fill.price, closingSigned).minus(costRemoved))
    book.quantity = remaining
    book.costBasis = costLeft
    const opening = fill.size.minus(closing)
    if (opening.gt(0)) {
      const openSigned = fill.side === 'BUY' ? opening : opening.neg()
      book.quantity = book.quantity.plus(openSigned)
      book.costBasis = book.costBasis.plus(fill.price.times(openSigned))
    }
  }

  /** Sets the mark price used for unrealized PnL and equity. */
  mark(symbol: string, price: DecimalInput): void {
    const value = toDecimal(price, 'price')
    this.#book(symbol, value).mark = value
  }

  /** cash + Σ quantity × mark: the same value as `snapshot().equity`, without building the views. */
  equity(): Decimal {
    let equity = this.#cash
    for (const book of this.#books.values()) equity = equity.plus(book.quantity.times(book.mark))
    return equity
  }

  /** The base quantity held in one product (zero if never traded): `position(symbol).quantity` without the PnL view. */
  quantity(symbol: string): Decimal {
    return this.#books.get(symbol)?.quantity ?? ZERO
  }

  /** Position in one product (a flat position if never traded). */
  position(symbol: string): Position {
    const book = this.#books.get(symbol)
    return book ? view(symbol, book) : view(symbol, newBook(ZERO))
  }

  /** Every product ever traded or marked, flat ones included, sorted by symbol. */
  positions(): Position[] {
    return [...this.#books.keys()].sort().map((symbol) => view(symbol, this.#books.get(symbol)!))
  }

  /**
   * The quantity of every product with a non-zero position, by symbol in symbol order: what a
   * pre-trade check needs, without building the PnL views of {@link PositionTracker.positions}. The
   * same (read-only) map is returned until the next fill, so a consumer can tell by identity that
   * nothing changed. @internal
   */
  heldQuantities(): ReadonlyMap<string, { readonly quantity: Decimal }> {
    if (this.#held === undefined) {
      const held = new Map<string, { readonly quantity: Decimal }>()
      for (const symbol of [...this.#books.keys()].sort()) {
        const quantity = this.#books.get(symbol)!.quantity
        if (!quantity.isZero()) held.set(symbol, { quantity })
      }
      this.#held = held
    }
    return this.#held
  }

  /** Cash, equity and PnL totals. */
  snapshot(): PortfolioSnapshot {
    const positions = this.positions()
    let equity = this.#cash
    let realized = ZERO
    let unrealized = ZERO
    let fees = ZERO
    for (const p of positions) {
      equity = equity.plus(p.marketValue)
      realized = realized.plus(p.realizedPnlNet)
      unrealized = unrealized.plus(p.unrealizedPnl)
      fees = fees.plus(p.fees)
    }
    return { cash: this.#cash, equity, realizedPnlNet: realized, unrealizedPnl: unrealized, fees, positions }
  }

  #book(symbol: string, initialMark: Decimal): Book {
    let book = this.#books.get(symbol)
    if (!book) {
      book = newBook(initialMark)
      this.#books.set(symbol, book)
    }
    return book
  }
}

function newBook(mark: Decimal): Book {
  return { quantity: ZERO, costBasis: ZERO, realized: ZERO, fees: ZERO, mark, lastPrice: mark, derived: null }
}

/**
 * costBasis / quantity. A position opened at one price has costBasis = price × quantity exactly (when
 * that product needs no rounding): the exact quotient is the price, which is what the 64-digit
 * division returns, so the division is skipped.
 */
function averageEntry(book: Book): Decimal | undefined {
  const { quantity, costBasis, lastPrice } = book
  if (quantity.isZero()) return undefined
  if (lastPrice.sd() + quantity.sd() <= 64 && costBasis.eq(lastPrice.times(quantity))) return lastPrice
  return costBasis.div(quantity)
}

function view(symbol: string, book: Book): Position {
  const marketValue = book.quantity.times(book.mark)
  // Only the mark moves between fills: the division and the net PnL are computed once per fill.
  book.derived ??= {
    averageEntryPrice: averageEntry(book),
    realizedPnlNet: book.realized.minus(book.fees),
  }
  return {
    symbol,
    quantity: book.quantity,
    costBasis: book.costBasis,
    averageEntryPrice: book.derived.averageEntryPrice,
    realizedPnl: book.realized,
    fees: book.fees,
    realizedPnlNet: book.derived.realizedPnlNet,
    mark: book.mark,
    unrealizedPnl: marketValue.minus(book.costBasis),
    marketValue,
  }
}
