import { Decimal } from '@gpt-trader/validation'
import { expect, it } from 'vitest'
import { btcHourlyCandles, manualClock, spec } from '../test/helpers.js'
import { ExecutionEngine } from './ExecutionEngine.js'
import { InMemoryStore } from './InMemoryStore.js'
import { PositionTracker } from './PositionTracker.js'
import { PaperBroker } from './paper/PaperBroker.js'
import { FilterPipeline } from './strategies/FilterPipeline.js'
import { MovingAverageCrossStrategy } from './strategies/MovingAverageCrossStrategy.js'
import type { MarketSnapshot } from './strategies/Strategy.js'
import { VolumeFilter } from './strategies/VolumeFilter.js'
import { TradingLoop } from './TradingLoop.js'

it('trades the baseline strategy over real hourly BTC-USD candles, end to end, and the books balance', async () => {
  const candles = btcHourlyCandles(800)
  const clock = manualClock(candles[0]!.time)
  const product = spec('BTC-USD', { base_increment: '0.00000001', base_min_size: '0.00000001' })
  const broker = new PaperBroker({ products: [product], balances: { USD: '10000' }, clock })
  const store = new InMemoryStore()
  const engine = new ExecutionEngine({ broker, store, startingCash: '10000', clock })
  await engine.start()
  let index = 30
  const market = {
    snapshot: (symbol: string): MarketSnapshot => {
      const window = candles.slice(index - 30, index)
      const last = window[window.length - 1]!
      const mark = new Decimal(last.close.toFixed(2))
      return {
        symbol,
        at: last.time,
        mark,
        bestBid: mark.minus('0.01'),
        bestAsk: mark.plus('0.01'),
        candles: window,
      }
    },
  }
  const loop = new TradingLoop({
    engine,
    strategy: new MovingAverageCrossStrategy(),
    filters: new FilterPipeline([new VolumeFilter({ minRatio: 0.5 })]),
    symbols: ['BTC-USD'],
    market,
    products: [product],
    sizing: { winRate: 0.55, avgWin: 0.03, avgLoss: -0.02 },
    clock,
  })
  const outcomes = new Map<string, number>()
  for (; index <= candles.length; index++) {
    const snapshot = market.snapshot('BTC-USD')
    clock.advance(3_600_000)
    // The paper book follows the candle close, deep enough for the sizes traded.
    broker.setBook('BTC-USD', {
      bids: [[snapshot.bestBid!, '5']],
      asks: [[snapshot.bestAsk!, '5']],
    })
    const { traces } = await loop.runCycle()
    await engine.idle()
    for (const t of traces) outcomes.set(t.outcome, (outcomes.get(t.outcome) ?? 0) + 1)
  }
  expect(outcomes.get('placed')).toBeGreaterThan(5)
  expect(outcomes.get('hold')).toBeGreaterThan(100)
  const orders = engine.orders()
  expect(orders.every((o) => o.status === 'FILLED')).toBe(true)
  // Spot: never sold more than was held.
  expect(engine.positions.position('BTC-USD').quantity.isNegative()).toBe(false)
  const s = engine.positions.snapshot()
  expect(s.equity.eq(s.cash.plus(s.positions[0]!.quantity.times(s.positions[0]!.mark)))).toBe(true)
  // The venue's balances agree with the fills to the last digit.
  const balances = new Map((await broker.getBalances()).map((b) => [b.currency, b.available.plus(b.hold)]))
  expect(balances.get('USD')?.eq(s.cash)).toBe(true)
  expect(balances.get('BTC')?.eq(s.positions[0]!.quantity)).toBe(true)
  // And the stored events rebuild the same positions.
  const rebuilt = PositionTracker.fromEvents(store.read(), { startingCash: '10000' })
  rebuilt.mark('BTC-USD', s.positions[0]!.mark)
  expect(rebuilt.snapshot()).toEqual(s)
  // Every placed order has its decision trace stored before its intent.
  const events = store.read()
  for (const order of orders) {
    const decision = events.findIndex(
      (e) => e.type === 'decision' && e.trace.clientOrderId === order.clientOrderId,
    )
    const intent = events.findIndex(
      (e) => e.type === 'order.intent' && e.clientOrderId === order.clientOrderId,
    )
    expect(decision).toBeGreaterThanOrEqual(0)
    expect(decision).toBeLessThan(intent)
  }
})
