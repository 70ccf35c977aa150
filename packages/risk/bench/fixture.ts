// A 10-symbol portfolio shared by the benchmark: positions, open orders, marks, books and products.
import {
  InMemoryMarketView,
  type PreTradeContext,
  type RiskOpenOrder,
  type RiskOrder,
  type RiskPosition,
} from '@gpt-trader/risk'
import { Decimal, type ProductSpec, productSpec } from '@gpt-trader/validation'

export const NOW = Date.UTC(2026, 0, 5, 14, 30)

const universe = [
  ['BTC-USD', '50000', '0.01', '0.00000001'],
  ['ETH-USD', '3000', '0.01', '0.00000001'],
  ['SOL-USD', '150', '0.01', '0.00000001'],
  ['XRP-USD', '0.5', '0.0001', '0.000001'],
  ['LTC-USD', '80', '0.01', '0.00000001'],
  ['ADA-USD', '0.4', '0.0001', '0.00000001'],
  ['DOGE-USD', '0.1', '0.00001', '0.1'],
  ['BCH-USD', '400', '0.01', '0.00000001'],
  ['AVAX-USD', '30', '0.01', '0.00000001'],
  ['LINK-USD', '15', '0.001', '0.00000001'],
] as const

export function benchContext(): { context: PreTradeContext; orders: RiskOrder[] } {
  const market = new InMemoryMarketView()
  const products = new Map<string, ProductSpec>()
  const positions = new Map<string, RiskPosition>()
  const openOrders: RiskOpenOrder[] = []
  const orders: RiskOrder[] = []
  for (const [id, mid, tick, baseInc] of universe) {
    const m = new Decimal(mid)
    const t = new Decimal(tick)
    products.set(
      id,
      productSpec.parse({
        product_id: id,
        base_increment: baseInc,
        quote_increment: '0.01',
        price_increment: tick,
        base_min_size: baseInc,
        base_max_size: '100000000',
        quote_min_size: '1',
        quote_max_size: '10000000',
        status: 'online',
      }),
    )
    market.setMark(id, m, NOW - 1000)
    const levels = Array.from({ length: 10 }, (_, i) => i + 1)
    market.setBook(
      id,
      {
        bids: levels.map((i) => [m.minus(t.times(i)), new Decimal(1000).div(m).toDecimalPlaces(6)] as const),
        asks: levels.map((i) => [m.plus(t.times(i)), new Decimal(1000).div(m).toDecimalPlaces(6)] as const),
      },
      NOW - 500,
    )
    // $300 long in each symbol and one resting buy of $100 below the mark.
    positions.set(id, { quantity: new Decimal(300).div(m).toDecimalPlaces(6) })
    openOrders.push({
      productId: id,
      side: 'BUY',
      size: new Decimal(100).div(m).toDecimalPlaces(6),
      price: m.minus(t.times(5)),
    })
    // A $50 limit buy one tick above the mark, and a $50 market buy: both pass every check.
    const size = new Decimal(50).div(m).toDecimalPlaces(baseInc === '0.1' ? 1 : 6)
    orders.push({ productId: id, side: 'BUY', type: 'LIMIT', size, price: m.plus(t) })
    orders.push({ productId: id, side: 'BUY', type: 'MARKET', size })
  }
  const context: PreTradeContext = {
    portfolio: { equity: new Decimal(50_000) },
    positions,
    openOrders,
    market,
    products,
    tradingState: 'ACTIVE',
    symbolStates: new Map(),
    correlation: (a, b) => (a === b ? 1 : a.startsWith('BTC') || b.startsWith('BTC') ? 0.8 : 0.3),
  }
  return { context, orders }
}
