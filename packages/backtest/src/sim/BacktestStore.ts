import {
  EventProjection,
  type Fill,
  type FillFilter,
  type Order,
  type OrderFilter,
  type Store,
  type TradeEvent,
  type TradeEventInput,
} from '@gpt-trader/live-trade'

/**
 * live-trade's `Store` port for one backtest run: an append-only array of events, kept by reference
 * (no JSON copy — the engine hands over fresh objects and nothing else holds them), with the order
 * and fill views built on demand from the log. The engine keeps its own projection, so projecting
 * every event a second time here would only cost time; the views catch up when someone asks.
 *
 * @example
 * const engine = new ExecutionEngine({ broker, store: new BacktestStore() })
 */
export class BacktestStore implements Store {
  readonly #events: TradeEvent[] = []
  #view: EventProjection | undefined
  #applied = 0

  append(event: TradeEventInput): TradeEvent {
    // The engine builds every event afresh for this call, so numbering it in place copies nothing.
    const stored = event as TradeEvent
    stored.seq = this.#events.length + 1
    this.#events.push(stored)
    return stored
  }

  read(afterSeq = 0): readonly TradeEvent[] {
    return this.#events.slice(afterSeq)
  }

  getOrder(clientOrderId: string): Order | undefined {
    return this.#sync().order(clientOrderId)
  }

  listOrders(filter?: OrderFilter): readonly Order[] {
    return this.#sync().orders(filter)
  }

  listFills(filter?: FillFilter): readonly Fill[] {
    return this.#sync().fills(filter)
  }

  hasFill(tradeId: string): boolean {
    return this.#sync().hasFill(tradeId)
  }

  /** Number of events in the log. */
  get size(): number {
    return this.#events.length
  }

  #sync(): EventProjection {
    this.#view ??= new EventProjection()
    const view = this.#view
    while (this.#applied < this.#events.length) view.apply(this.#events[this.#applied++]!)
    return view
  }
}
