/**
 * Benchmarks (not tests): matching-engine orders/s on one product with a 1,000-order book, and
 * WebSocket fan-out messages/s to 10 subscribers over loopback (clients in the same process, so
 * the figure includes receiving and the synthetic market's own work per sim second). Each figure is printed next to a
 * baseline measured in the same run (resting-only orders; 1 subscriber).
 * Run: pnpm --filter @gpt-trader/coinbase-sim bench (with BENCH_JSON=<file> it also writes the
 * figures as JSON for scripts/bench-report.mjs).
 */

import { writeBenchJson } from '@gpt-trader/test-utils'
import WebSocket from 'ws'
import { MatchingEngine } from '../src/MatchingEngine.js'
import { D } from '../src/money.js'
import { PRODUCT_CATALOG, toRules } from '../src/products.js'
import { createRandom } from '../src/random.js'
import { startCoinbaseSim } from '../src/startCoinbaseSim.js'

const BTC = toRules(PRODUCT_CATALOG['BTC-USD'] as NonNullable<(typeof PRODUCT_CATALOG)['BTC-USD']>)

function engineWithBook(): MatchingEngine {
  const e = new MatchingEngine({ products: [BTC], now: () => 0, random: createRandom(1) })
  const big = { balances: {}, unlimited: true, makerFeeRate: '0.004', takerFeeRate: '0.006' }
  e.addAccount({ id: 'mm', userId: 'mm', portfolioId: 'mm', ...big })
  e.addAccount({ id: 't', userId: 't', portfolioId: 't', ...big })
  for (let i = 0; i < 500; i++) {
    e.placeOrder('mm', limit('BUY', '0.01', new D(99_990).minus(i).toFixed(2)))
    e.placeOrder('mm', limit('SELL', '0.01', new D(100_010).plus(i).toFixed(2)))
  }
  return e
}
let n = 0
function limit(side: 'BUY' | 'SELL', size: string, price: string) {
  return {
    clientOrderId: `b${++n}`,
    productId: 'BTC-USD',
    side,
    orderConfiguration: { limit_limit_gtc: { base_size: size, limit_price: price } },
  }
}

function benchEngine(crossing: boolean, count: number): number {
  const e = engineWithBook()
  const r = createRandom(2)
  const t = performance.now()
  for (let i = 0; i < count; i++) {
    const side = r.next() < 0.5 ? 'BUY' : 'SELL'
    if (crossing && i % 2 === 0) {
      // Taker sweeping 1-3 levels, then the maker refills the same amount on the other side.
      const size = new D(r.int(3) + 1).mul('0.01').toFixed()
      e.placeOrder('t', {
        clientOrderId: `x${i}`,
        productId: 'BTC-USD',
        side,
        orderConfiguration: { market_market_ioc: { base_size: size } },
      })
      const best = side === 'BUY' ? e.bestAsk('BTC-USD') : e.bestBid('BTC-USD')
      const px = best ? best[0] : new D(100_000)
      for (let k = 0; k <= r.int(3); k++)
        e.placeOrder(
          'mm',
          limit(
            side === 'BUY' ? 'SELL' : 'BUY',
            '0.01',
            (side === 'BUY' ? px.plus(500 + k) : px.minus(500 + k)).toFixed(2),
          ),
        )
    } else {
      const off = 20 + r.int(400)
      const res = e.placeOrder(
        'mm',
        limit(side, '0.01', (side === 'BUY' ? new D(99_990 - off) : new D(100_010 + off)).toFixed(2)),
      )
      if (res.ok) e.cancelOrder('mm', res.order.orderId)
    }
  }
  return count / ((performance.now() - t) / 1000)
}

async function benchFanout(subscribers: number, seconds: number): Promise<number> {
  const sim = await startCoinbaseSim({ products: ['BTC-USD'] })
  const clients: WebSocket[] = []
  let received = 0
  let lastAt = 0
  for (let i = 0; i < subscribers; i++) {
    const ws = new WebSocket(sim.wsUrl)
    await new Promise((r) => ws.once('open', r))
    ws.on('message', () => {
      received++
      lastAt = performance.now()
    })
    for (const channel of ['level2', 'market_trades', 'ticker'])
      ws.send(JSON.stringify({ type: 'subscribe', channel, product_ids: ['BTC-USD'] }))
    ws.send(JSON.stringify({ type: 'subscribe', channel: 'heartbeats' }))
    clients.push(ws)
  }
  await new Promise((r) => setTimeout(r, 200))
  received = 0
  const t = performance.now()
  for (let s = 0; s < seconds; s++) sim.control.advance(1000)
  // Wait until the loopback drains (no new message for 100 ms).
  let last = -1
  while (received !== last) {
    last = received
    await new Promise((r) => setTimeout(r, 100))
  }
  const elapsed = (lastAt - t) / 1000
  for (const c of clients) c.close()
  await sim.close()
  return received / elapsed
}

const fmt = (x: number): string => Math.round(x).toLocaleString('en-US')
const restingOnly = benchEngine(false, 20_000)
const mixed = benchEngine(true, 20_000)
const one = await benchFanout(1, 1000)
const ten = await benchFanout(10, 1000)
console.log(`coinbase-sim benchmarks — Node ${process.version} (${process.platform}/${process.arch})\n`)
console.table([
  { benchmark: 'engine: place+cancel resting limit (baseline), 1,000-order book', 'ops/s': fmt(restingOnly) },
  { benchmark: 'engine: 50% crossing market orders + refills, 1,000-order book', 'ops/s': fmt(mixed) },
  { benchmark: 'ws fan-out: 1 subscriber (baseline), msgs/s', 'ops/s': fmt(one) },
  { benchmark: 'ws fan-out: 10 subscribers, msgs/s', 'ops/s': fmt(ten) },
])
const engineBase = { name: 'place+cancel resting limit', value: restingOnly }
writeBenchJson([
  {
    name: 'engine: place+cancel resting limit, 1,000-order book',
    value: restingOnly,
    unit: 'orders/s',
    higherIsBetter: true,
  },
  {
    name: 'engine: 50% crossing market orders + refills, 1,000-order book',
    value: mixed,
    unit: 'orders/s',
    higherIsBetter: true,
    baseline: engineBase,
  },
  {
    name: 'ws fan-out: 10 subscribers',
    value: ten,
    unit: 'msgs/s',
    higherIsBetter: true,
    baseline: { name: '1 subscriber', value: one },
  },
])
