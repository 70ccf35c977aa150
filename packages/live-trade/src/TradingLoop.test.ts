import { Decimal } from '@gpt-trader/validation'
import { describe, expect, it } from 'vitest'
import { manualClock, spec } from '../test/helpers.js'
import { ExecutionEngine } from './ExecutionEngine.js'
import { InMemoryStore } from './InMemoryStore.js'
import { PaperBroker } from './paper/PaperBroker.js'
import type { RiskGate } from './RiskGate.js'
import { FilterPipeline } from './strategies/FilterPipeline.js'
import type { MarketSnapshot, Signal, Strategy } from './strategies/Strategy.js'
import { TradingLoop } from './TradingLoop.js'

const d = (s: string) => new Decimal(s)

async function setup(signals: Signal[], extra: Partial<ConstructorParameters<typeof TradingLoop>[0]> = {}) {
  const clock = manualClock()
  const product = spec('BTC-USD')
  const broker = new PaperBroker({ products: [product], balances: { USD: '100000' }, clock })
  broker.setBook('BTC-USD', { bids: [['99.99', '100']], asks: [['100.01', '100']] })
  const store = new InMemoryStore()
  const engine = new ExecutionEngine({ broker, store, startingCash: '100000', clock })
  await engine.start()
  let i = 0
  const strategy: Strategy = { name: 'scripted', decide: () => signals[Math.min(i, signals.length - 1)]! }
  let at = clock.now()
  const market = {
    snapshot: (symbol: string): MarketSnapshot => ({
      symbol,
      at,
      mark: d('100'),
      bestBid: d('99.99'),
      bestAsk: d('100.01'),
      candles: [],
    }),
  }
  const loop = new TradingLoop({
    engine,
    strategy,
    symbols: ['BTC-USD'],
    market,
    products: [product],
    sizing: { winRate: 0.6, avgWin: 0.04, avgLoss: -0.02 },
    clock,
    ...extra,
  })
  const next = async () => {
    const report = await loop.runCycle()
    await engine.idle()
    i++
    at += 3_600_000
    return report
  }
  return { broker, store, engine, loop, next }
}

const buy: Signal = { side: 'BUY', confidence: 0.8, reason: 'scripted buy' }
const sell: Signal = { side: 'SELL', confidence: 0.9, reason: 'scripted sell' }
const hold: Signal = { side: 'HOLD', confidence: 0, reason: 'nothing' }

describe('TradingLoop.runCycle', () => {
  it('goes from signal to a sized, risk-checked order and traces every step before placing', async () => {
    const { next, store, engine } = await setup([buy])
    const { traces } = await next()
    const trace = traces[0]!
    expect(trace.outcome).toBe('placed')
    expect(trace.signal).toEqual({ side: 'BUY', confidence: 0.8, reason: 'scripted buy' })
    expect(trace.inputs).toMatchObject({ mark: '100', bestBid: '99.99', bestAsk: '100.01' })
    expect(trace.risk).toEqual({ action: 'accept' })
    expect(trace.sizing?.adjustments.map((a) => a.split(':')[0])).toEqual([
      'kelly',
      'fractional_kelly',
      'confidence',
      'regime',
      'max_fraction',
    ])
    expect(trace.sizing?.quantity).toBe('100')
    const order = engine.order(trace.clientOrderId!)!
    expect([order.status, order.size.toFixed(), order.decisionId]).toEqual([
      'FILLED',
      '100',
      trace.decisionId,
    ])
    const types = store.read().map((e) => e.type)
    expect(types.indexOf('decision')).toBeLessThan(types.indexOf('order.intent'))
  })

  it('never places the same decision twice', async () => {
    const { loop, engine } = await setup([buy])
    expect((await loop.runCycle()).traces[0]?.outcome).toBe('placed')
    await engine.idle()
    // Same snapshot time → same decision id → recognised, nothing sent.
    expect((await loop.runCycle()).traces[0]?.outcome).toBe('duplicate')
    expect(engine.orders()).toHaveLength(1)
  })

  it('closes the whole position on an exit and refuses to sell what it does not hold', async () => {
    const { next, engine } = await setup([sell, buy, sell])
    expect((await next()).traces[0]).toMatchObject({
      outcome: 'zero_size',
      error: 'nothing to sell (spot, shorts not allowed)',
    })
    await next()
    const exit = (await next()).traces[0]!
    expect(exit.outcome).toBe('placed')
    expect(exit.sizing?.adjustments).toEqual(['exit: close the 100 position'])
    expect(engine.order(exit.clientOrderId!)?.reduceOnly).toBe(true)
    expect(engine.positions.position('BTC-USD').quantity.toFixed()).toBe('0')
  })

  it('records filter blocks, risk rejections and clamps', async () => {
    const blocking = { name: 'volume', check: () => ({ pass: false as const, reason: 'volume too low' }) }
    const f = await setup([buy], { filters: new FilterPipeline([blocking]) })
    expect((await f.next()).traces[0]).toMatchObject({
      outcome: 'filtered',
      filters: [{ filter: 'volume', passed: false, reason: 'volume too low' }],
    })

    const reject: RiskGate = {
      check: () => ({ action: 'reject', code: 'MAX_NOTIONAL', reason: 'notional above the cap' }),
    }
    const r = await setup([buy], { risk: reject })
    expect((await r.next()).traces[0]).toMatchObject({
      outcome: 'risk_rejected',
      risk: { action: 'reject', code: 'MAX_NOTIONAL', reason: 'notional above the cap' },
    })
    expect(r.engine.orders()).toEqual([])

    const seen: unknown[] = []
    const clamp: RiskGate = {
      check: (order, ctx) => {
        seen.push([order.size.toFixed(), order.reducing, ctx.equity.toFixed(), ctx.tradingState])
        return { action: 'clamp', size: d('1.23456'), reason: 'per-symbol cap' }
      },
    }
    const c = await setup([buy], { risk: clamp })
    const trace = (await c.next()).traces[0]!
    expect(seen).toEqual([['100', false, '100000', 'ACTIVE']])
    expect(trace.risk).toEqual({ action: 'clamp', reason: 'per-symbol cap', size: '1.234' })
    expect(c.engine.order(trace.clientOrderId!)?.size.toFixed()).toBe('1.234')
  })

  it('holds without writing anything and blocks entries in REDUCE_ONLY', async () => {
    const h = await setup([hold])
    expect((await h.next()).traces[0]?.outcome).toBe('hold')
    expect(h.store.size).toBe(0)

    const b = await setup([buy])
    await b.engine.setTradingState('REDUCE_ONLY', 'reconciliation failed')
    expect((await b.next()).traces[0]).toMatchObject({
      outcome: 'blocked',
      error: 'trading is REDUCE_ONLY (reconciliation failed)',
    })
  })

  it('places limit orders at the touch when asked', async () => {
    const { next, engine } = await setup([buy], { orderType: 'LIMIT' })
    const trace = (await next()).traces[0]!
    const order = engine.order(trace.clientOrderId!)!
    expect([order.type, order.price?.toFixed(), order.status]).toEqual(['LIMIT', '100.01', 'FILLED'])
  })

  it('keeps going when one symbol fails', async () => {
    const { engine } = await setup([buy])
    const product = spec('BTC-USD')
    const loop = new TradingLoop({
      engine,
      strategy: { name: 'scripted', decide: () => buy },
      symbols: ['ETH-USD', 'BTC-USD'],
      market: {
        snapshot: (symbol: string): MarketSnapshot => {
          if (symbol === 'ETH-USD') throw new Error('no market data for ETH-USD')
          return { symbol, at: 1, mark: d('100'), bestBid: d('99.99'), bestAsk: d('100.01'), candles: [] }
        },
      },
      products: [product],
      sizing: { winRate: 0.6, avgWin: 0.04, avgLoss: -0.02 },
    })
    const { traces } = await loop.runCycle()
    expect(traces.map((t) => [t.symbol, t.outcome, t.error])).toEqual([
      ['ETH-USD', 'error', 'no market data for ETH-USD'],
      ['BTC-USD', 'placed', undefined],
    ])
  })
})
