// Builders shared by the risk tests: product specs, a market view and contexts with exact values.
import { loadFixture } from '@gpt-trader/test-utils'
import { Decimal, type ProductSpec, productSpec } from '@gpt-trader/validation'
import {
  InMemoryMarketView,
  type PreTradeContext,
  type RiskOpenOrder,
  type RiskOrder,
  type RiskPosition,
} from '../src/index.js'

/** 2026-01-05 14:30:00 UTC, a Monday. */
export const NOW = Date.UTC(2026, 0, 5, 14, 30)

export const d = (value: string) => new Decimal(value)

/** A spot spec like BTC-USD's (real Coinbase payload), renamed. */
export function spotSpec(id: string, overrides: Record<string, unknown> = {}): ProductSpec {
  const raw = loadFixture('rest/get_product.json') as Record<string, unknown>
  return productSpec.parse({ ...raw, product_id: id, ...overrides })
}

export function perpSpec(): ProductSpec {
  return productSpec.parse(loadFixture('rest/get_product_perp_intx.json'))
}

export const SYMBOLS = [
  'BTC-USD',
  'ETH-USD',
  'SOL-USD',
  'XRP-USD',
  'LTC-USD',
  'ADA-USD',
  'DOGE-USD',
  'BCH-USD',
  'AVAX-USD',
  'LINK-USD',
] as const

export interface ContextOptions {
  equity?: string
  marks?: Record<string, string>
  /** Spread half-width around the mark for the default book (absolute). Default 0.01. */
  halfSpread?: string
  positions?: Record<string, string>
  openOrders?: readonly { productId: string; side: 'BUY' | 'SELL'; size: string; price?: string }[]
  markAt?: number
  bookAt?: number
  tradingState?: PreTradeContext['tradingState']
  symbolStates?: Record<string, 'ACTIVE' | 'REDUCE_ONLY' | 'HALTED'>
  correlation?: PreTradeContext['correlation']
  products?: ProductSpec[]
}

/** A context where every symbol has a mark, a deep book (10 × 1,000 units a side), and a spec. */
export function makeContext(options: ContextOptions = {}): PreTradeContext & { market: InMemoryMarketView } {
  const market = new InMemoryMarketView()
  const marks = options.marks ?? { 'BTC-USD': '50000', 'ETH-USD': '3000', 'SOL-USD': '100' }
  const products = new Map<string, ProductSpec>()
  const half = d(options.halfSpread ?? '0.01')
  for (const [symbol, mark] of Object.entries(marks)) {
    market.setMark(symbol, mark, options.markAt ?? NOW - 1_000)
    const m = d(mark)
    market.setBook(
      symbol,
      {
        bids: Array.from(
          { length: 10 },
          (_, i) => [m.minus(half).minus(d('0.01').times(i)), '1000'] as const,
        ),
        asks: Array.from({ length: 10 }, (_, i) => [m.plus(half).plus(d('0.01').times(i)), '1000'] as const),
      },
      options.bookAt ?? NOW - 500,
    )
    products.set(symbol, spotSpec(symbol))
  }
  for (const spec of options.products ?? []) products.set(spec.product_id, spec)
  const positions = new Map<string, RiskPosition>()
  for (const [symbol, qty] of Object.entries(options.positions ?? {}))
    positions.set(symbol, { quantity: d(qty) })
  const openOrders: RiskOpenOrder[] = (options.openOrders ?? []).map((o) => ({
    productId: o.productId,
    side: o.side,
    size: d(o.size),
    ...(o.price === undefined ? {} : { price: d(o.price) }),
  }))
  return {
    portfolio: { equity: d(options.equity ?? '100000') },
    positions,
    openOrders,
    market,
    products,
    tradingState: options.tradingState,
    symbolStates: new Map(Object.entries(options.symbolStates ?? {})),
    correlation: options.correlation,
  }
}

export function limit(
  productId: string,
  side: 'BUY' | 'SELL',
  size: string,
  price: string,
  extra: Partial<RiskOrder> = {},
): RiskOrder {
  return { productId, side, type: 'LIMIT', size: d(size), price: d(price), ...extra }
}

export function market(
  productId: string,
  side: 'BUY' | 'SELL',
  size: string,
  extra: Partial<RiskOrder> = {},
): RiskOrder {
  return { productId, side, type: 'MARKET', size: d(size), ...extra }
}

export const fixedClock = (at = NOW) => ({ now: () => at })

/** A clock tests can move. */
export function manualClock(start = NOW) {
  let now = start
  return {
    now: () => now,
    set: (at: number) => {
      now = at
    },
    advance: (ms: number) => {
      now += ms
    },
  }
}
