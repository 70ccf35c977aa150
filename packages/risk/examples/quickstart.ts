import {
  InMemoryMarketView,
  InMemoryStateStore,
  LiveRiskManager,
  type PreTradeContext,
} from '@gpt-trader/risk'
import { Decimal, productSpec } from '@gpt-trader/validation'

let now = Date.UTC(2026, 0, 5, 14, 30) // an injected clock: tests and backtests control time
const clock = { now: () => now }
const store = new InMemoryStateStore() // the bot passes its SQLite-backed store here

export const risk = new LiveRiskManager({ preset: 'spot_top10', store, clock })
risk.on('action', (a) => console.log(`action: ${a.type} (${a.scope}) because ${a.reason}`))

const market = new InMemoryMarketView()
  .setMark('BTC-USD', '50000', now - 1_000)
  .setBook('BTC-USD', { bids: [['49999.99', '2']], asks: [['50000.01', '2']] }, now - 500)
const context: PreTradeContext = {
  portfolio: { equity: new Decimal('100000') },
  positions: new Map([['BTC-USD', { quantity: new Decimal('0.1') }]]),
  openOrders: [],
  market,
  products: new Map([
    [
      'BTC-USD',
      productSpec.parse({
        product_id: 'BTC-USD',
        base_increment: '0.00000001',
        quote_increment: '0.01',
        price_increment: '0.01',
        base_min_size: '0.00000001',
        base_max_size: '3400',
        quote_min_size: '1',
        quote_max_size: '150000000',
        status: 'online',
      }),
    ],
  ]),
}

const show = (label: string, order: Parameters<typeof risk.preTrade>[0]) => {
  const verdict = risk.preTrade(order, context)
  console.log(`${label}: ${verdict.accepted ? 'accepted' : `${verdict.code} - ${verdict.message}`}`)
}
const buy = (size: string, price: string) =>
  ({
    productId: 'BTC-USD',
    side: 'BUY',
    type: 'LIMIT',
    size: new Decimal(size),
    price: new Decimal(price),
  }) as const

show('buy 0.1 @ 50000', buy('0.1', '50000')) // 5,000 held + 5,000 = the 10,000 cap
show('buy 0.1 @ 50000.20', buy('0.1', '50000.20')) // 10,000.02: over the cap

risk.monitor.recordEquity('100000') // first equity of the UTC day
risk.monitor.recordEquity('99750') // a 250 USD loss
risk.evaluate()
console.log(`state: ${risk.tradingState}`)
show('buy 0.01 in REDUCE_ONLY', buy('0.01', '50000'))
show('sell 0.1 in REDUCE_ONLY', { ...buy('0.1', '50000'), side: 'SELL' })

now = Date.UTC(2026, 0, 6) // next UTC day: the daily-loss latch resets
risk.evaluate()
console.log(`next day: ${risk.tradingState}, daily PnL ${risk.snapshot().dailyPnl}`)
