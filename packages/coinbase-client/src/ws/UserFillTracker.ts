import { Decimal } from 'decimal.js'
import { WebSocketError } from '../errors/NetworkError.js'
import type { CoinbaseWebSocket } from './createCoinbaseWebSocket.js'
import type { UserFill, UserOrderDone, WsEvents } from './types.js'
import type { WsUserOrder } from './wsSchemas.js'

const TERMINAL = new Set(['FILLED', 'CANCELLED', 'EXPIRED', 'FAILED'])

interface OrderState {
  cumulative: Decimal
  /** Σ price × size so far (from filled_value when present, else avg_price × cumulative). */
  value: Decimal
  done: boolean
}

/** Options for {@link UserFillTracker}. */
export interface UserFillTrackerOptions {
  /**
   * Emit fills for quantity already filled on orders first seen in a `snapshot` (fills that happened
   * before this process connected). Default false: reconcile those through REST instead.
   */
  emitSnapshotFills?: boolean
  /** How many finished orders to remember for de-duplicating replays. Default 10,000. */
  rememberDone?: number
}

/**
 * Turns the user channel's cumulative order updates into per-fill events (`fill`) and terminal
 * events (`orderDone`), with Decimal math: size = Δ cumulative_quantity, price = Δ filled value /
 * size (filled_value when sent, else avg_price × cumulative_quantity). Replays after a reconnect,
 * duplicates and stale (smaller) cumulative quantities produce nothing.
 *
 * @example
 * const fills = new UserFillTracker(ws)
 * ws.on('fill', (f) => console.log(f.fillId, f.size.toString(), f.price.toString()))
 * await ws.subscribe('user')
 */
export class UserFillTracker {
  private readonly orders = new Map<string, OrderState>()
  private readonly doneOrder: string[] = []
  private readonly emitSnapshotFills: boolean
  private readonly rememberDone: number
  private readonly listener = (event: WsEvents['user'][0]) => {
    for (const order of event.orders) this.update(order, event.type)
  }

  constructor(
    private readonly ws: CoinbaseWebSocket,
    options: UserFillTrackerOptions = {},
  ) {
    this.emitSnapshotFills = options.emitSnapshotFills ?? false
    this.rememberDone = options.rememberDone ?? 10_000
    ws.on('user', this.listener)
  }

  /** Stops listening. */
  close(): void {
    this.ws.off('user', this.listener)
  }

  /** Feeds one order update (exposed for tests and for replaying stored events). */
  update(order: WsUserOrder, type: 'snapshot' | 'update' = 'update'): void {
    const cumulative = order.cumulative_quantity ?? new Decimal(0)
    const value = order.filled_value ?? (order.avg_price ?? new Decimal(0)).times(cumulative)
    const terminal = TERMINAL.has(order.status)
    let state = this.orders.get(order.order_id)
    if (!state) {
      const seedFromSnapshot = type === 'snapshot' && !this.emitSnapshotFills
      state = seedFromSnapshot
        ? { cumulative, value, done: false }
        : { cumulative: new Decimal(0), value: new Decimal(0), done: false }
      this.orders.set(order.order_id, state)
    }
    if (state.done) return
    if (cumulative.gt(state.cumulative)) {
      const size = cumulative.minus(state.cumulative)
      const price = value.minus(state.value).div(size)
      state.cumulative = cumulative
      state.value = value
      const fill: UserFill = {
        fillId: `${order.order_id}:${cumulative.toString()}`,
        orderId: order.order_id,
        clientOrderId: order.client_order_id,
        productId: order.product_id,
        side: order.order_side ?? '',
        size,
        price,
        cumulativeQuantity: cumulative,
        status: order.status,
        terminal,
      }
      this.emit('fill', fill)
    }
    if (terminal) {
      state.done = true
      this.doneOrder.push(order.order_id)
      if (this.doneOrder.length > this.rememberDone) {
        const old = this.doneOrder.shift()
        if (old !== undefined) this.orders.delete(old)
      }
      const done: UserOrderDone = {
        orderId: order.order_id,
        clientOrderId: order.client_order_id,
        productId: order.product_id,
        status: order.status,
        cumulativeQuantity: state.cumulative,
      }
      this.emit('orderDone', done)
    }
  }

  private emit<E extends 'fill' | 'orderDone'>(event: E, value: WsEvents[E][0]): void {
    try {
      ;(this.ws.emit as (e: E, v: WsEvents[E][0]) => boolean)(event, value)
    } catch (cause) {
      this.ws.emit('error', new WebSocketError(`A '${event}' listener threw`, { cause }))
    }
  }
}
