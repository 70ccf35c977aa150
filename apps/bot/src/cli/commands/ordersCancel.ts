import { isTerminalStatus, type Order, type TradeEvent } from '@gpt-trader/live-trade'
import type { Logger } from 'pino'
import { BotError } from '../../BotError.js'
import type { LoadedConfig } from '../../config/loadConfig.js'
import type { CliIo } from '../main.js'
import { withVenue } from './withVenue.js'

/** Options of {@link runOrdersCancel} (parsed CLI flags). */
export interface OrdersCancelOptions {
  io: CliIo
  log: Logger
  json: boolean
  /** Client order ids or exchange order ids. */
  ids: readonly string[]
  all: boolean
  symbol?: string | undefined
}

/** One line of the `orders cancel` result. */
export interface CancelResult {
  /** The id as given (or the client order id for `--all`). */
  id: string
  clientOrderId?: string | undefined
  exchangeOrderId?: string | undefined
  symbol?: string | undefined
  cancelled: boolean
  /** Order status after the attempt. */
  status?: string | undefined
  /** Why it was not cancelled (the venue's reason when it gave one). */
  reason?: string | undefined
}

/**
 * `coinbase-trader orders cancel <id...> | --all [--symbol S]`: cancels orders at the profile's venue
 * through the execution engine over the profile's store, so each request, confirmation or refusal
 * is recorded there. Ids may be client or exchange order ids; an order the store does not know is
 * looked up at the venue and adopted first. `--all` cancels every working order of the store plus
 * the venue's open orders that carry the bot's client-id prefix (other orders are never touched).
 * Resolves to 0 when every order was cancelled, 1 otherwise.
 *
 * The embedded sim (dev) and the paper broker live inside a `run`, so there is nothing to cancel
 * from another process: point dev at a standalone sim (`SPOT_FORCE_LIVE=1` +
 * `COINBASE_API_BASE_URL`) instead.
 */
export async function runOrdersCancel(loaded: LoadedConfig, options: OrdersCancelOptions): Promise<number> {
  const { config } = loaded
  if (options.ids.length === 0 && !options.all) {
    throw new BotError('orders cancel: give one or more order ids, or --all', { code: 'USAGE' })
  }
  if (options.ids.length > 0 && options.all) {
    throw new BotError('orders cancel: --all cancels every working order; give it without ids', {
      code: 'USAGE',
    })
  }
  if (options.symbol !== undefined && !options.all) {
    throw new BotError('orders cancel: --symbol only filters --all', { code: 'USAGE' })
  }
  if (config.broker === 'sim' || config.broker === 'paper') {
    throw new BotError(
      `orders cancel: profile ${config.profile} uses broker ${config.broker}, whose orders live only inside a running bot; for dev, run a standalone \`coinbase-trader sim\` and set SPOT_FORCE_LIVE=1 COINBASE_API_BASE_URL=… COINBASE_CREDENTIALS_FILE=…`,
      { code: 'USAGE' },
    )
  }
  const results = await withVenue(loaded, options.log, async ({ container, broker, now }) => {
    const store = container.createStore()
    try {
      const engine = await container.createEngine(broker, store, now)
      await engine.start()
      try {
        const out: CancelResult[] = []
        const targets: { id: string; order: Order | undefined }[] = []
        if (options.all) {
          const working = new Map(engine.openOrders(options.symbol).map((o) => [o.clientOrderId, o]))
          for (const venueOrder of await broker.getOpenOrders(options.symbol)) {
            if (working.has(venueOrder.clientOrderId) || !engine.isOwnClientOrderId(venueOrder.clientOrderId))
              continue
            const adopted = await engine.adopt(venueOrder)
            working.set(adopted.clientOrderId, adopted)
          }
          for (const o of working.values()) targets.push({ id: o.clientOrderId, order: o })
        } else {
          for (const id of options.ids) {
            let order = engine.order(id) ?? engine.orders().find((o) => o.exchangeOrderId === id)
            if (order === undefined) {
              const venueOrder =
                (await broker.getOrderByClientId(id).catch(() => null)) ??
                (await broker.getOrderById?.(id).catch(() => null)) ??
                null
              if (venueOrder) order = await engine.adopt(venueOrder)
            }
            targets.push({ id, order })
          }
        }
        for (const { id, order } of targets) {
          if (order === undefined) {
            out.push({ id, cancelled: false, reason: 'NOT_FOUND: unknown to the store and the venue' })
            continue
          }
          const base = {
            id,
            clientOrderId: order.clientOrderId,
            exchangeOrderId: order.exchangeOrderId,
            symbol: order.symbol,
          }
          if (isTerminalStatus(order.status)) {
            out.push({
              ...base,
              cancelled: false,
              status: order.status,
              reason: `ORDER_NOT_OPEN: ${order.status}`,
            })
            continue
          }
          try {
            const after = await engine.cancel(order.clientOrderId)
            const cancelled = after.status === 'CANCELLED'
            out.push({
              ...base,
              exchangeOrderId: after.exchangeOrderId,
              cancelled,
              status: after.status,
              ...(cancelled ? {} : { reason: refusal(store.read(), after) }),
            })
          } catch (error) {
            out.push({
              ...base,
              cancelled: false,
              status: engine.order(order.clientOrderId)?.status,
              reason: error instanceof Error ? error.message : String(error),
            })
          }
        }
        return out
      } finally {
        await engine.stop()
      }
    } finally {
      store.close()
    }
  })
  print(results, options)
  return results.every((r) => r.cancelled) ? 0 : 1
}

/** The venue's reason from the last refused cancel of `order`, else its status. */
function refusal(events: readonly TradeEvent[], order: Order): string {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]
    if (e?.type === 'order.cancel' && e.clientOrderId === order.clientOrderId && e.phase === 'refused') {
      return e.reason ?? 'refused'
    }
  }
  return order.status === 'CANCEL_PENDING'
    ? 'UNCONFIRMED: the venue did not confirm the cancel (still CANCEL_PENDING)'
    : `ORDER_NOT_OPEN: ${order.status}`
}

function print(results: readonly CancelResult[], options: OrdersCancelOptions): void {
  const { io } = options
  if (options.json) {
    io.stdout.write(`${JSON.stringify(results)}\n`)
    return
  }
  if (results.length === 0) {
    io.stdout.write('no working orders to cancel\n')
    return
  }
  const width = Math.max(...results.map((r) => r.id.length), 2)
  io.stdout.write(`${'id'.padEnd(width)}  ${'symbol'.padEnd(9)}  result\n`)
  for (const r of results) {
    const result = r.cancelled ? 'cancelled' : `not cancelled: ${r.reason ?? r.status ?? 'unknown'}`
    io.stdout.write(`${r.id.padEnd(width)}  ${(r.symbol ?? '-').padEnd(9)}  ${result}\n`)
  }
}
