import { InMemoryMarketView, PreTradeValidator, resolveRiskConfig } from '@gpt-trader/risk'
import { Decimal } from '@gpt-trader/validation'
import { describe, expect, it } from 'vitest'
import { manualClock, spec } from '../test/helpers.js'
import { ExecutionEngine } from './ExecutionEngine.js'
import { InMemoryStore } from './InMemoryStore.js'
import { PaperBroker } from './paper/PaperBroker.js'
import { preTradeRiskGate } from './preTradeRiskGate.js'
import type { MarketSnapshot, Strategy } from './strategies/Strategy.js'
import { TradingLoop } from './TradingLoop.js'

async function loopWith(caps: Record<string, string>, maxNotional?: string) {
  const clock = manualClock()
  const product = spec('BTC-USD')
  const broker = new PaperBroker({ products: [product], balances: { USD: '100000' }, clock })
  broker.setBook('BTC-USD', { bids: [['99.99', '1000']], asks: [['100.01', '1000']] })
  const engine = new ExecutionEngine({ broker, store: new InMemoryStore(), startingCash: '100000', clock })
  await engine.start()
  const market = new InMemoryMarketView()
  market.setMark('BTC-USD', '100', clock.now())
  market.setBook('BTC-USD', { bids: [['99.99', '1000']], asks: [['100.01', '1000']] }, clock.now())
  const validator = new PreTradeValidator(resolveRiskConfig({ perSymbolCaps: caps }), { clock })
  const strategy: Strategy = {
    name: 'always-buy',
    decide: () => ({ side: 'BUY', confidence: 0.9, reason: 'test' }),
  }
  const snapshot = (symbol: string): MarketSnapshot => ({
    symbol,
    at: clock.now(),
    mark: new Decimal('100'),
    bestBid: new Decimal('99.99'),
    bestAsk: new Decimal('100.01'),
    candles: [],
  })
  return new TradingLoop({
    engine,
    strategy,
    symbols: ['BTC-USD'],
    market: { snapshot },
    products: [product],
    sizing: { winRate: 0.6, avgWin: 0.04, avgLoss: -0.02, ...(maxNotional ? { maxNotional } : {}) },
    risk: preTradeRiskGate(validator, { market }),
    clock,
  })
}

describe('preTradeRiskGate over @gpt-trader/risk', () => {
  it('lets an order within the limits through', async () => {
    const loop = await loopWith({ 'BTC-USD': '50000' }, '1000')
    const trace = (await loop.runCycle()).traces[0]!
    expect(trace.risk).toEqual({ action: 'accept' })
    expect(trace.outcome).toBe('placed')
  })

  it('records the risk rejection code and message in the decision trace', async () => {
    const loop = await loopWith({ 'BTC-USD': '500' })
    const trace = (await loop.runCycle()).traces[0]!
    expect(trace.outcome).toBe('risk_rejected')
    expect(trace.risk).toMatchInlineSnapshot(`
      {
        "action": "reject",
        "code": "SYMBOL_NOTIONAL_CAP",
        "reason": "BTC-USD exposure would be 10000.00 (position + open orders + this order), above the cap 500",
      }
    `)
    expect(loop.engine.orders()).toEqual([])
  })
})
