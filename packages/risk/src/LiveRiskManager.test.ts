import { Decimal } from '@gpt-trader/validation'
import { describe, expect, it } from 'vitest'
import { limit, makeContext, manualClock } from '../test/fixtures.js'
import { LiveRiskManager } from './LiveRiskManager.js'
import type { RiskAction } from './RuntimeMonitor.js'
import { resolveRiskConfig } from './riskConfig.js'
import type { StateTransition } from './StateManager.js'
import { InMemoryStateStore } from './StateStore.js'

describe('LiveRiskManager', () => {
  it('checks orders against its own trading state, not the context’s', () => {
    const risk = new LiveRiskManager({ preset: 'spot_top10', clock: manualClock() })
    const context = makeContext({ tradingState: 'HALTED', positions: { 'BTC-USD': '0.1' } })
    expect(risk.preTrade(limit('BTC-USD', 'BUY', '0.01', '50000'), context).accepted).toBe(true)
    risk.state.hold('REDUCE_ONLY', { source: 'stale_mark', reason: 'stale', symbol: 'BTC-USD' })
    const verdict = risk.preTrade(limit('BTC-USD', 'BUY', '0.01', '50000'), context)
    expect(verdict.accepted ? '' : verdict.code).toBe('SYMBOL_REDUCE_ONLY')
    expect(risk.preTrade(limit('BTC-USD', 'SELL', '0.1', '50000'), context)).toEqual({
      accepted: true,
      reducing: true,
    })
    risk.halt('maintenance', 'alice')
    expect(risk.preTrade({ action: 'cancel', productId: 'BTC-USD' }, context).accepted).toBe(true)
    expect(risk.preTrade(limit('BTC-USD', 'SELL', '0.1', '50000'), context).accepted).toBe(false)
    risk.reset({ operator: 'alice', reason: 'done', all: true })
    expect(risk.tradingState).toBe('ACTIVE')
  })

  it('forwards actions and state changes, and the halt survives a restart', () => {
    const store = new InMemoryStateStore()
    const clock = manualClock()
    const risk = new LiveRiskManager({ store, clock })
    const actions: RiskAction[] = []
    const changes: StateTransition[] = []
    risk.on('action', (a) => actions.push(a))
    risk.on('stateChange', (t) => changes.push(t))
    risk.monitor.recordEquity('10000')
    risk.monitor.recordEquity('9700')
    risk.evaluate()
    for (let i = 0; i < 10; i++) risk.monitor.recordApiResult(false)
    risk.evaluate()
    expect(actions.map((a) => a.type)).toEqual(['cancel_open_orders'])
    expect(changes.map((t) => `${t.source}: ${t.from} → ${t.to}`)).toEqual([
      'daily_loss: ACTIVE → REDUCE_ONLY',
      'error_rate: REDUCE_ONLY → HALTED',
    ])
    const restarted = new LiveRiskManager({ store, clock })
    expect(restarted.tradingState).toBe('HALTED')
    clock.set(Date.UTC(2026, 0, 6))
    restarted.evaluate()
    // The new day lifts the daily-loss hold only; the halt stays until an operator resets it.
    expect(restarted.tradingState).toBe('HALTED')
    expect(restarted.state.has('daily_loss')).toBe(false)
  })

  it('snapshot() reports exposure, PnL, drawdown, guards and states', () => {
    const risk = new LiveRiskManager({ preset: 'spot_top10', clock: manualClock() })
    const context = makeContext({
      positions: { 'BTC-USD': '0.1', 'ETH-USD': '-1' },
      openOrders: [{ productId: 'BTC-USD', side: 'BUY', size: '0.01', price: '49000' }],
    })
    risk.preTrade(limit('SOL-USD', 'BUY', '1', '100'), context)
    risk.monitor.recordEquity('10000')
    risk.monitor.recordEquity('10500')
    risk.monitor.recordEquity('10290')
    risk.evaluate()
    const snapshot = risk.snapshot()
    expect({ ...snapshot, guards: snapshot.guards.length }).toMatchInlineSnapshot(`
      {
        "at": 1767623400000,
        "consecutiveLosses": 0,
        "dailyLoss": "0",
        "dailyLossLimit": "250",
        "dailyPnl": "290",
        "drawdown": "0.02",
        "equity": "10290",
        "exposure": {
          "bySymbol": {
            "BTC-USD": "5490",
            "ETH-USD": "3000",
          },
          "total": "8490",
        },
        "guards": 4,
        "peakEquity": "10500",
        "states": {},
        "tradingState": "ACTIVE",
      }
    `)
  })

  it('accepts a resolved config and sizes positions under the symbol caps', () => {
    const config = resolveRiskConfig({}, { preset: 'spot_top10' })
    const risk = new LiveRiskManager({ config })
    expect(risk.config).toBe(config)
    const result = risk.sizePosition({
      symbol: 'DOGE-USD',
      currentPrice: '0.1',
      portfolioValue: '100000',
      strategyName: 'momentum',
      winRate: 0.9,
      avgWin: 0.2,
      avgLoss: -0.02,
      confidence: 1,
      marketRegime: 'bull_quiet',
      baseIncrement: '1',
    })
    expect(result.notional.lte(new Decimal(800))).toBe(true)
    expect(result.notional.isPositive()).toBe(true)
  })
})
