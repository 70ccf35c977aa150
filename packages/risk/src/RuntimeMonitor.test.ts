import { describe, expect, it } from 'vitest'
import { manualClock, NOW } from '../test/fixtures.js'
import { type RiskAction, type RiskWarning, RuntimeMonitor } from './RuntimeMonitor.js'
import { resolveRiskConfig } from './riskConfig.js'
import { StateManager } from './StateManager.js'
import { InMemoryStateStore } from './StateStore.js'

function setup(
  overrides: Record<string, unknown> = {},
  store = new InMemoryStateStore(),
  clock = manualClock(),
) {
  const config = resolveRiskConfig(overrides, { preset: 'spot_top10' })
  const state = new StateManager({ store, clock })
  const monitor = new RuntimeMonitor({ config, state, clock })
  const actions: RiskAction[] = []
  const warnings: RiskWarning[] = []
  monitor.on('action', (a) => actions.push(a))
  monitor.on('warning', (w) => warnings.push(w))
  return { config, state, monitor, clock, actions, warnings, store }
}

const MIN = 60_000

describe('RuntimeMonitor: daily loss (per UTC day, a loss in quote currency)', () => {
  it.each([
    ['9750.01', 'ACTIVE', 0],
    ['9750.00', 'REDUCE_ONLY', 1],
    ['9000', 'REDUCE_ONLY', 1],
    ['20000', 'ACTIVE', 0],
    ['10000', 'ACTIVE', 0],
  ])('day start 10,000, equity %s → %s with %d cancel action(s)', (equity, expected, cancels) => {
    const { monitor, state, actions } = setup()
    monitor.recordEquity('10000')
    monitor.evaluate()
    monitor.recordEquity(equity)
    monitor.evaluate()
    expect(state.state).toBe(expected)
    expect(actions.filter((a) => a.type === 'cancel_open_orders' && a.scope === 'global')).toHaveLength(
      cancels,
    )
  })

  it('measures the loss from the day start, not from the intraday peak', () => {
    const { monitor, state } = setup()
    monitor.recordEquity('10000')
    monitor.recordEquity('10600')
    monitor.recordEquity('9750.01')
    monitor.evaluate()
    expect(state.state).toBe('ACTIVE')
    expect(monitor.dailyLoss.toFixed()).toBe('249.99')
    expect(monitor.dailyPnl.toFixed()).toBe('-249.99')
  })

  it('latches for the rest of the UTC day, then releases on the next day', () => {
    const { monitor, state, clock } = setup()
    monitor.recordEquity('10000')
    monitor.recordEquity('9700')
    monitor.evaluate()
    expect(state.describe()).toMatchObject({ state: 'REDUCE_ONLY', source: 'daily_loss' })
    // Prices recover within the day: still latched.
    monitor.recordEquity('9990')
    monitor.evaluate()
    expect(state.state).toBe('REDUCE_ONLY')
    clock.set(Date.UTC(2026, 0, 5, 23, 59, 59, 999))
    monitor.evaluate()
    expect(state.state).toBe('REDUCE_ONLY')
    clock.set(Date.UTC(2026, 0, 6))
    monitor.evaluate()
    expect(state.state).toBe('ACTIVE')
    expect(monitor.dailyPnl.toFixed()).toBe('0')
    expect(state.history().at(-1)).toMatchObject({
      source: 'daily_loss',
      reason: 'new UTC day 2026-01-06',
      to: 'ACTIVE',
    })
  })

  it('a new UTC day never clears a HALT', () => {
    const { monitor, state, clock } = setup()
    monitor.recordEquity('10000')
    state.halt('manual', 'alice')
    clock.set(Date.UTC(2026, 0, 7))
    monitor.evaluate()
    expect(state.state).toBe('HALTED')
  })

  it('keeps the day start across a restart', () => {
    const store = new InMemoryStateStore()
    const clock = manualClock()
    const first = setup({}, store, clock)
    first.monitor.recordEquity('10000')
    const second = setup({}, store, clock)
    second.monitor.recordEquity('9750')
    second.monitor.evaluate()
    expect(second.state.state).toBe('REDUCE_ONLY')
  })
})

describe('RuntimeMonitor: drawdown', () => {
  it.each([
    ['9000.01', 'ACTIVE'],
    ['9000', 'REDUCE_ONLY'],
  ])('peak 10,000, equity %s → %s', (equity, expected) => {
    const { monitor, state } = setup({ dailyLossLimit: '1000000' })
    monitor.recordEquity('8000')
    monitor.recordEquity('10000')
    monitor.recordEquity(equity)
    monitor.evaluate()
    expect(state.state).toBe(expected)
    if (expected !== 'ACTIVE') expect(state.describe().source).toBe('drawdown')
  })
})

describe('RuntimeMonitor: error rate and consecutive losses', () => {
  it.each([
    [5, 'ACTIVE'],
    [6, 'HALTED'],
  ])('%d failures in 10 API calls → %s', (failures, expected) => {
    const { monitor, state } = setup()
    for (let i = 0; i < 10; i++) monitor.recordApiResult(i >= failures)
    monitor.evaluate()
    expect(state.state).toBe(expected)
  })
  it('fewer calls than minCount never trip', () => {
    const { monitor, state } = setup()
    for (let i = 0; i < 9; i++) monitor.recordApiResult(false)
    monitor.evaluate()
    expect(state.state).toBe('ACTIVE')
  })
  it('error rate with the cooldown action: REDUCE_ONLY, lifted when the cooldown ends', () => {
    const { monitor, state, clock } = setup({ errorRate: { action: 'cooldown', cooldownMs: '10m' } })
    for (let i = 0; i < 10; i++) monitor.recordApiResult(false)
    monitor.evaluate()
    expect(state.state).toBe('REDUCE_ONLY')
    clock.advance(10 * MIN - 1)
    monitor.evaluate()
    expect(state.state).toBe('REDUCE_ONLY')
    clock.advance(1)
    monitor.evaluate()
    expect(state.state).toBe('ACTIVE')
  })

  it.each([
    [4, 'ACTIVE'],
    [5, 'REDUCE_ONLY'],
  ])('%d losing trades in a row → %s', (losses, expected) => {
    const { monitor, state } = setup()
    for (let i = 0; i < losses; i++) monitor.recordTrade('-12.5')
    monitor.evaluate()
    expect(state.state).toBe(expected)
  })
  it('a win resets the streak; the cooldown lasts 30 minutes', () => {
    const { monitor, state, clock } = setup()
    for (let i = 0; i < 4; i++) monitor.recordTrade('-1')
    monitor.recordTrade('0.01')
    for (let i = 0; i < 4; i++) monitor.recordTrade('-1')
    monitor.evaluate()
    expect(state.state).toBe('ACTIVE')
    monitor.recordTrade('-1')
    monitor.evaluate()
    expect(state.describe()).toMatchObject({ state: 'REDUCE_ONLY', source: 'consecutive_losses' })
    clock.advance(30 * MIN - 1)
    monitor.evaluate()
    expect(state.state).toBe('REDUCE_ONLY')
    clock.advance(1)
    monitor.evaluate()
    expect(state.state).toBe('ACTIVE')
    expect(monitor.consecutiveLosses).toBe(0)
  })
  it('consecutive losses with the halt action', () => {
    const { monitor, state } = setup({ consecutiveLosses: { action: 'halt', max: 2 } })
    monitor.recordTrade('-1')
    monitor.recordTrade('-1')
    monitor.evaluate()
    expect(state.state).toBe('HALTED')
  })
})

/** 21 prices whose 20 returns alternate +a, −a: annualised volatility a·√(20/19)·√365. */
function series(target: number, start = 100): string[] {
  const a = target / (Math.sqrt(20 / 19) * Math.sqrt(365))
  const prices = [start]
  for (let i = 0; i < 20; i++) prices.push(prices[i]! * (i % 2 === 0 ? 1 + a : 1 - a))
  return prices.map((p) => p.toFixed(12))
}

describe('RuntimeMonitor: volatility breaker (warn 0.18 / reduce-only 0.22 / halt 0.28)', () => {
  it.each([
    [0.1, 'ACTIVE', 0],
    [0.2, 'ACTIVE', 1],
    [0.25, 'REDUCE_ONLY', 0],
    [0.3, 'HALTED', 0],
  ])('volatility %d → symbol %s (%d warning)', (target, expected, warned) => {
    const { monitor, state, warnings, clock } = setup()
    for (const price of series(target)) monitor.recordMark('SOL-USD', price, clock.now())
    monitor.evaluate()
    expect(monitor.volatility('SOL-USD')).toBeCloseTo(target, 6)
    expect(state.stateOf('SOL-USD')).toBe(expected)
    expect(state.state).toBe('ACTIVE')
    expect(warnings.filter((w) => w.guard === 'volatility.SOL-USD')).toHaveLength(warned)
  })
  it('reduce-only lasts at least the 20 minute cooldown, then lifts once calm', () => {
    const { monitor, state, clock } = setup()
    for (const price of series(0.25)) monitor.recordMark('SOL-USD', price, clock.now())
    monitor.evaluate()
    expect(state.stateOf('SOL-USD')).toBe('REDUCE_ONLY')
    for (let i = 0; i < 21; i++) monitor.recordMark('SOL-USD', '100', clock.now())
    clock.advance(20 * MIN - 1)
    monitor.recordMark('SOL-USD', '100', clock.now())
    monitor.evaluate()
    expect(state.stateOf('SOL-USD')).toBe('REDUCE_ONLY')
    clock.advance(1)
    monitor.evaluate()
    expect(state.stateOf('SOL-USD')).toBe('ACTIVE')
  })
  it('stays reduce-only past the cooldown while still volatile', () => {
    const { monitor, state, clock } = setup()
    for (const price of series(0.25)) monitor.recordMark('SOL-USD', price, clock.now())
    monitor.evaluate()
    clock.advance(25 * MIN)
    monitor.recordMark('SOL-USD', series(0.25)[20]!, clock.now() - 1)
    monitor.evaluate()
    expect(state.stateOf('SOL-USD')).toBe('REDUCE_ONLY')
  })
  it('a volatility halt needs an operator reset', () => {
    const { monitor, state, clock } = setup()
    for (const price of series(0.3)) monitor.recordMark('SOL-USD', price, clock.now())
    monitor.evaluate()
    for (let i = 0; i < 21; i++) monitor.recordMark('SOL-USD', '100', clock.now())
    clock.advance(60 * MIN)
    monitor.recordMark('SOL-USD', '100', clock.now())
    monitor.evaluate()
    expect(state.stateOf('SOL-USD')).toBe('HALTED')
    state.reset({ operator: 'alice', reason: 'reviewed', symbol: 'SOL-USD' })
    expect(state.stateOf('SOL-USD')).toBe('ACTIVE')
  })
})

describe('RuntimeMonitor: feed quality pauses a symbol', () => {
  it.each([
    [30_000, 'ACTIVE'],
    [30_001, 'REDUCE_ONLY'],
  ])('a mark %d ms old → %s; a fresh mark lifts the pause', (age, expected) => {
    const { monitor, state, clock } = setup()
    monitor.recordMark('BTC-USD', '50000', clock.now())
    clock.advance(age)
    monitor.evaluate()
    expect(state.stateOf('BTC-USD')).toBe(expected)
    expect(state.stateOf('ETH-USD')).toBe('ACTIVE')
    monitor.recordMark('BTC-USD', '50000', clock.now())
    monitor.evaluate()
    expect(state.stateOf('BTC-USD')).toBe('ACTIVE')
  })

  it.each([
    ['99.75', '100.25', '5000', 'ACTIVE'],
    ['99.74995', '100.25005', '5000', 'REDUCE_ONLY'],
    ['99.75', '100.25', '4999.99', 'REDUCE_ONLY'],
  ])('book %s / %s with depth %s → %s', (bid, ask, depth, expected) => {
    const { monitor, state } = setup()
    monitor.recordBook('ETH-USD', { bestBid: bid, bestAsk: ask, depth })
    monitor.evaluate()
    expect(state.stateOf('ETH-USD')).toBe(expected)
    monitor.recordBook('ETH-USD', { bestBid: '99.99', bestAsk: '100.01', depth: '100000' })
    monitor.evaluate()
    expect(state.stateOf('ETH-USD')).toBe('ACTIVE')
  })

  it.each([
    ['85', 'ACTIVE'],
    ['85.01', 'REDUCE_ONLY'],
    ['114.99', 'REDUCE_ONLY'],
    ['115', 'ACTIVE'],
  ])('derivatives: mark 100, liquidation at %s (buffer 15 %%) → %s', (liquidation, expected) => {
    const { monitor, state } = setup({ derivativesEnabled: true })
    monitor.recordLiquidation('BTC-PERP-INTX', { mark: '100', liquidationPrice: liquidation })
    monitor.evaluate()
    expect(state.stateOf('BTC-PERP-INTX')).toBe(expected)
  })
})

describe('RuntimeMonitor: guards', () => {
  it('exposes every rule as a guard with its status', () => {
    const { monitor } = setup()
    monitor.recordEquity('10000')
    monitor.recordMark('BTC-USD', '50000', NOW)
    const states = monitor.evaluate()
    expect(states.map((g) => `${g.name}: ${g.status}`)).toMatchInlineSnapshot(`
      [
        "daily_loss: healthy",
        "drawdown: healthy",
        "error_rate: healthy",
        "consecutive_losses: healthy",
        "volatility.BTC-USD: healthy",
        "volatility_halt.BTC-USD: healthy",
        "stale_mark.BTC-USD: healthy",
        "spread.BTC-USD: healthy",
        "depth.BTC-USD: healthy",
        "liquidation_buffer.BTC-USD: healthy",
      ]
    `)
  })
  it('warns at 80 % of the daily loss limit', () => {
    const { monitor, warnings } = setup()
    monitor.recordEquity('10000')
    monitor.recordEquity('9800')
    monitor.evaluate()
    expect(warnings.map((w) => w.message)).toMatchInlineSnapshot(`
      [
        "daily loss close to 250 USD (current: 200.00 USD)",
      ]
    `)
  })
})
