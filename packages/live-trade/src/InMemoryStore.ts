import { EventProjection, type FillFilter, type OrderFilter } from './EventProjection.js'
import { LiveTradeError } from './errors.js'
import type { Fill } from './Fill.js'
import type { Order } from './Order.js'
import type { OrderStatus } from './OrderStatus.js'
import type { Store } from './Store.js'
import type { TradeEvent, TradeEventInput } from './TradeEvent.js'

/**
 * A {@link Store} in memory, for tests, backtests and paper trading. Events are deep-copied on the way
 * in (as plain JSON data, exactly what a database store would keep), so nothing the caller mutates
 * later can change the log, and an event that contradicts the log (an unknown order, a status change
 * from the wrong status, a trade id counted twice) is refused with `STORE_CORRUPT` before it is kept.
 * The order and fill views are folded from the log on first use.
 *
 * @example
 * const store = new InMemoryStore()
 * const engine = new ExecutionEngine({ broker, store })
 * // later, a "restart": a new engine over the same store rebuilds the same orders and positions
 * const again = new ExecutionEngine({ broker, store })
 */
export class InMemoryStore implements Store {
  #events: TradeEvent[] = []
  #view = new EventProjection()
  #applied = 0
  #status = new Map<string, OrderStatus>()
  #tradeIds = new Set<string>()

  /** @param events events to start from (e.g. read from another store). */
  constructor(events: readonly TradeEvent[] = []) {
    for (const event of events) this.#push(copy(event) as TradeEvent)
  }

  append(event: TradeEventInput): TradeEvent {
    const stored = { ...(copy(event) as TradeEventInput), seq: this.#events.length + 1 } as TradeEvent
    this.#push(stored)
    return stored
  }

  read(afterSeq = 0): readonly TradeEvent[] {
    return this.#events.slice(afterSeq)
  }

  getOrder(clientOrderId: string): Order | undefined {
    return this.#folded().order(clientOrderId)
  }

  listOrders(filter?: OrderFilter): readonly Order[] {
    return this.#folded().orders(filter)
  }

  listFills(filter?: FillFilter): readonly Fill[] {
    return this.#folded().fills(filter)
  }

  hasFill(tradeId: string): boolean {
    return this.#tradeIds.has(tradeId)
  }

  /** Number of events in the log. */
  get size(): number {
    return this.#events.length
  }

  #folded(): EventProjection {
    while (this.#applied < this.#events.length) this.#view.apply(this.#events[this.#applied++]!)
    return this.#view
  }

  #push(event: TradeEvent): void {
    // Checked first: an event that contradicts the log never enters it.
    this.#check(event)
    this.#events.push(event)
  }

  #check(event: TradeEvent): void {
    if (event.type === 'order.intent') {
      if (this.#status.has(event.clientOrderId))
        throw corrupt(event, `duplicate intent for ${event.clientOrderId}`)
      this.#status.set(event.clientOrderId, 'NEW')
      return
    }
    if (!('clientOrderId' in event) || event.type === 'reconciliation.diff') return
    const status = this.#status.get(event.clientOrderId)
    if (status === undefined) throw corrupt(event, `no intent for ${event.clientOrderId}`)
    if (event.type === 'order.state') {
      if (status !== event.from) {
        throw corrupt(event, `${event.clientOrderId} is ${status}, event says ${event.from}`)
      }
      this.#status.set(event.clientOrderId, event.to)
    } else if (event.type === 'order.fill') {
      if (this.#tradeIds.has(event.fill.tradeId))
        throw corrupt(event, `fill ${event.fill.tradeId} counted twice`)
      this.#tradeIds.add(event.fill.tradeId)
    }
  }
}

function corrupt(event: TradeEvent, why: string): LiveTradeError {
  return new LiveTradeError(`Cannot apply event #${event.seq} (${event.type}): ${why}.`, 'STORE_CORRUPT')
}

/**
 * Deep copy of plain JSON data with JSON's rules (keys holding `undefined` are dropped), without the
 * string round trip of `JSON.parse(JSON.stringify(…))`.
 */
function copy(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value
  const toJSON = (value as { toJSON?: unknown }).toJSON
  // Like JSON: a Decimal (or a Date) is stored as its string form.
  if (typeof toJSON === 'function') return copy(toJSON.call(value))
  if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : copy(item)))
  const out: Record<string, unknown> = {}
  for (const key in value) {
    const item = (value as Record<string, unknown>)[key]
    if (item !== undefined && typeof item !== 'function') out[key] = copy(item)
  }
  return out
}
