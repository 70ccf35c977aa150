import { Decimal } from '@gpt-trader/validation'
import type { MarkPrice, PreTradeContext, RiskOpenOrder, RiskPosition } from './PreTradeContext.js'

const ZERO = new Decimal(0)

/** Worst-case exposure of one symbol, in quote currency. */
export interface SymbolExposure {
  /** Signed position notional at the mark. */
  readonly position: Decimal
  /** Notional of the open buys (limit price, or the mark). */
  readonly buys: Decimal
  /** Notional of the open sells. */
  readonly sells: Decimal
  /** `max(|position + buys|, |position − sells|)`: the exposure if every open order on one side fills. */
  readonly worst: Decimal
}

/** @internal */
export class ExposureEntry implements SymbolExposure {
  position = ZERO
  buys = ZERO
  sells = ZERO
  /** position + buys */
  long = ZERO
  /** position − sells */
  short = ZERO
  /** |position + buys| */
  up = ZERO
  /** |position − sells| */
  down = ZERO
  worst = ZERO
  /** Total over every symbol minus this one's worst case. */
  rest = ZERO
}

/**
 * Exposure of the existing book (positions + open orders), worked out once per snapshot and reused
 * while the snapshot is unchanged. "Unchanged" is checked on every use without allocating: the same
 * position objects under the same keys, the same open-order objects in the same order, and the same
 * mark objects from the market view for every mark the totals used. Anything else recomputes.
 */
export class ExposureBook {
  #valid = false
  #positionKeys: string[] = []
  #positionValues: RiskPosition[] = []
  #orders: RiskOpenOrder[] = []
  #markSymbols: string[] = []
  #marks: (MarkPrice | undefined)[] = []
  readonly #entries = new Map<string, ExposureEntry>()
  #total = ZERO
  #missingMark: string | undefined

  /** Makes the totals match `context`; returns this. */
  refresh(context: PreTradeContext): this {
    if (!this.#valid || !this.#matches(context)) this.#rebuild(context)
    return this
  }

  /** Sum of the worst-case exposures of every symbol. */
  get total(): Decimal {
    return this.#total
  }

  /** A held symbol (or an open market order's symbol) without a mark, if any: the totals are unknown then. */
  get missingMark(): string | undefined {
    return this.#missingMark
  }

  /** Exposure of `symbol`, or undefined when flat with no open orders. */
  get(symbol: string): SymbolExposure | undefined {
    return this.#entries.get(symbol)
  }

  /** @internal up / down legs, for the incremental per-order computation. */
  legs(symbol: string): ExposureEntry | undefined {
    return this.#entries.get(symbol)
  }

  /** Every symbol with exposure. */
  entries(): IterableIterator<[string, SymbolExposure]> {
    return this.#entries.entries()
  }

  #matches(context: PreTradeContext): boolean {
    const positions = context.positions
    const keys = this.#positionKeys
    if (positions.size !== keys.length) return false
    for (let i = 0; i < keys.length; i++) {
      if (positions.get(keys[i]!) !== this.#positionValues[i]) return false
    }
    const orders = context.openOrders
    const known = this.#orders
    if (orders.length !== known.length) return false
    for (let i = 0; i < known.length; i++) if (orders[i] !== known[i]) return false
    const market = context.market
    const symbols = this.#markSymbols
    for (let i = 0; i < symbols.length; i++) {
      if (market.mark(symbols[i]!) !== this.#marks[i]) return false
    }
    return true
  }

  #rebuild(context: PreTradeContext): void {
    this.#entries.clear()
    this.#positionKeys = []
    this.#positionValues = []
    this.#markSymbols = []
    this.#marks = []
    this.#orders = [...context.openOrders]
    this.#missingMark = undefined
    const market = context.market
    const markOf = (symbol: string): MarkPrice | undefined => {
      const index = this.#markSymbols.indexOf(symbol)
      if (index >= 0) return this.#marks[index]
      const mark = market.mark(symbol)
      this.#markSymbols.push(symbol)
      this.#marks.push(mark)
      if (mark === undefined) this.#missingMark ??= symbol
      return mark
    }
    const entry = (symbol: string): ExposureEntry => {
      let e = this.#entries.get(symbol)
      if (e === undefined) {
        e = new ExposureEntry()
        this.#entries.set(symbol, e)
      }
      return e
    }
    for (const [symbol, position] of context.positions) {
      this.#positionKeys.push(symbol)
      this.#positionValues.push(position)
      if (position.quantity.isZero()) continue
      const mark = markOf(symbol)
      entry(symbol).position = mark === undefined ? ZERO : position.quantity.times(mark.price)
    }
    for (const open of this.#orders) {
      const price = open.price ?? markOf(open.productId)?.price
      const e = entry(open.productId)
      if (price === undefined) continue
      const amount = open.size.times(price)
      if (open.side === 'BUY') e.buys = e.buys.plus(amount)
      else e.sells = e.sells.plus(amount)
    }
    let total = ZERO
    for (const e of this.#entries.values()) {
      e.long = e.position.plus(e.buys)
      e.short = e.position.minus(e.sells)
      e.up = e.long.abs()
      e.down = e.short.abs()
      e.worst = e.up.gt(e.down) ? e.up : e.down
      total = total.plus(e.worst)
    }
    for (const e of this.#entries.values()) e.rest = total.minus(e.worst)
    this.#total = total
    this.#valid = true
  }
}
