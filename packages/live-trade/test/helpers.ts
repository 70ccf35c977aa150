import { readFileSync } from 'node:fs'
import { dataPath, loadFixture } from '@gpt-trader/test-utils'
import { type ProductSpec, productSpec } from '@gpt-trader/validation'
import type { Broker, BrokerOrder, PlaceOrderRequest } from '../src/Broker.js'
import { BrokerError } from '../src/errors.js'
import type { Candle } from '../src/strategies/Strategy.js'

/** BTC-USD as Coinbase describes it (fixture), with a 0.00000001 size step and a 0.01 tick. */
export function btcSpec(): ProductSpec {
  return productSpec.parse(loadFixture('rest/get_product.json'))
}

/** A product spec with coarse increments, handy for readable tests. */
export function spec(symbol: string, overrides: Record<string, unknown> = {}): ProductSpec {
  const base = loadFixture('rest/get_product.json') as Record<string, unknown>
  return productSpec.parse({
    ...base,
    product_id: symbol,
    base_increment: '0.001',
    base_min_size: '0.001',
    price_increment: '0.01',
    quote_min_size: '1',
    ...overrides,
  })
}

/** A clock the test moves by hand. */
export function manualClock(start = Date.UTC(2026, 0, 1)): { now(): number; advance(ms: number): void } {
  let t = start
  return {
    now: () => t,
    advance: (ms) => {
      t += ms
    },
  }
}

/** How a {@link faultyBroker} treats the next placements. */
export interface PlaceFaults {
  /** Process the order but never answer (like the sim's `dropResponse`). */
  drop?: number
  /** Process the order, then throw a network error. */
  failAfter?: number
  /** Throw a network error without processing. */
  failBefore?: number
  /** Seen by the wrapper at request time. */
  onPlace?: (request: PlaceOrderRequest) => void
}

/** Wraps a broker and injects faults into `placeOrder`; every other method passes through. */
export function faultyBroker(
  inner: Broker,
  faults: PlaceFaults,
  canEdit?: boolean,
): Broker & { placed: number } {
  const wrapper = Object.create(inner) as Broker & { placed: number }
  wrapper.placed = 0
  wrapper.placeOrder = async (request: PlaceOrderRequest): Promise<BrokerOrder> => {
    wrapper.placed++
    faults.onPlace?.(request)
    if (faults.failBefore && faults.failBefore-- > 0) {
      throw new BrokerError('socket hang up', 'unavailable')
    }
    const result = await inner.placeOrder(request)
    if (faults.drop && faults.drop-- > 0) return new Promise<BrokerOrder>(() => undefined)
    if (faults.failAfter && faults.failAfter-- > 0) throw new BrokerError('ECONNRESET', 'unavailable')
    return result
  }
  if (canEdit !== undefined) wrapper.canEdit = () => canEdit
  // Methods of a class with private fields must run with the real instance as `this`.
  for (const key of [
    'getProducts',
    'getProduct',
    'getBalances',
    'getPositions',
    'cancelOrder',
    'editOrder',
    'getOrderByClientId',
    'getOpenOrders',
    'getFillsSince',
    'subscribe',
  ] as const) {
    const method = inner[key] as (...args: unknown[]) => unknown
    ;(wrapper as unknown as Record<string, unknown>)[key] = (...args: unknown[]) => method.apply(inner, args)
  }
  if (canEdit === undefined) wrapper.canEdit = (order) => inner.canEdit(order)
  return wrapper
}

/** Hourly BTC-USD candles from the shared data (oldest first), for strategy tests and the benchmark. */
export function btcHourlyCandles(limit = 2000): Candle[] {
  cachedText ??= readFileSync(dataPath('candles/coinbase_BTC-USD_1h_2017-07_2020-10_cdd.csv'), 'utf8')
  // Newest first: the oldest `limit` rows are at the end.
  const rows = cachedText.trim().split('\n').slice(2).slice(-limit)
  const candles: Candle[] = []
  for (const row of rows) {
    const [ts, , , open, high, low, close, volume] = row.split(',')
    candles.push({
      time: Number(ts) * 1000,
      open: Number(open),
      high: Number(high),
      low: Number(low),
      close: Number(close),
      volume: Number(volume),
    })
  }
  return candles.reverse()
}

let cachedText: string | undefined
