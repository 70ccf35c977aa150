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
import { BacktestError } from '../BacktestError.js'
import { FillHasher } from '../results/fingerprint.js'

/** Options of {@link BacktestStore}. */
export interface BacktestStoreOptions {
  /**
   * Keep the event log (default `true`). `false` numbers and accepts every event but keeps none: for
   * a run whose log nobody reads back (`runBacktest`'s own store: the engine keeps its projection),
   * it saves holding ~9 events per order in memory. Reading the log or the views then throws
   * `EVENTS_NOT_KEPT` once an event was dropped.
   */
  keepEvents?: boolean | undefined
  /**
   * Fingerprint the fills as their `order.fill` events arrive (default `false`): see
   * {@link BacktestStore.fillsFingerprint}. The events already hold the canonical decimal strings, so
   * this saves formatting every fill's price, size and fee again after the run.
   */
  fingerprintFills?: boolean | undefined
}

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
  readonly #keep: boolean
  readonly #hasher: FillHasher | undefined
  #seq = 0
  #view: EventProjection | undefined
  #applied = 0

  constructor(options: BacktestStoreOptions = {}) {
    this.#keep = options.keepEvents ?? true
    this.#hasher = options.fingerprintFills ? new FillHasher() : undefined
  }

  append(event: TradeEventInput): TradeEvent {
    // The engine builds every event afresh for this call, so numbering it in place copies nothing.
    const stored = event as TradeEvent
    stored.seq = ++this.#seq
    if (this.#keep) this.#events.push(stored)
    if (this.#hasher !== undefined && stored.type === 'order.fill') {
      const f = stored.fill
      this.#hasher.add(f.time, f.symbol, f.side, f.price, f.size, f.fee, f.liquidity)
    }
    return stored
  }

  /**
   * With `fingerprintFills`: the fingerprint of the fills appended so far, in append order — the
   * same value as `fingerprintFills()` over those fills — and how many there were. Undefined without
   * the option.
   *
   * @example
   * const store = new BacktestStore({ keepEvents: false, fingerprintFills: true })
   * store.fillsFingerprint() // { fingerprint: 'e3b0c442…', fills: 0 }
   */
  fillsFingerprint(): { fingerprint: string; fills: number } | undefined {
    const hasher = this.#hasher
    return hasher === undefined ? undefined : { fingerprint: hasher.digest(), fills: hasher.count }
  }

  read(afterSeq = 0): readonly TradeEvent[] {
    this.#requireLog()
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

  /** Number of events appended (kept or not). */
  get size(): number {
    return this.#seq
  }

  #requireLog(): void {
    if (this.#seq > this.#events.length) {
      throw new BacktestError(
        'This BacktestStore does not keep its events (keepEvents: false): its log cannot be read.',
        'EVENTS_NOT_KEPT',
      )
    }
  }

  #sync(): EventProjection {
    this.#requireLog()
    this.#view ??= new EventProjection()
    const view = this.#view
    while (this.#applied < this.#events.length) view.apply(this.#events[this.#applied++]!)
    return view
  }
}
