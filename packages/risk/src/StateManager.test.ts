import { isValidationError } from '@gpt-trader/validation'
import { describe, expect, it } from 'vitest'
import { manualClock, NOW } from '../test/fixtures.js'
import { isRiskError } from './RiskError.js'
import { StateManager, type StateTransition } from './StateManager.js'
import { InMemoryStateStore, type PersistedRiskState, type StateStore } from './StateStore.js'

describe('StateManager', () => {
  it('records every transition with reason, source and time, and emits it', () => {
    const clock = manualClock()
    const state = new StateManager({ clock })
    const seen: StateTransition[] = []
    state.on('change', (t) => seen.push(t))
    state.hold('REDUCE_ONLY', { source: 'daily_loss', reason: 'daily loss 250 reached' })
    clock.advance(1000)
    state.hold('HALTED', { source: 'error_rate', reason: 'API error rate 60 %' })
    clock.advance(1000)
    state.reset({ operator: 'alice', reason: 'exchange recovered' })
    expect(seen).toEqual(state.history())
    expect(seen).toMatchInlineSnapshot(`
      [
        {
          "at": 1767623400000,
          "from": "ACTIVE",
          "reason": "daily loss 250 reached",
          "scope": "global",
          "source": "daily_loss",
          "to": "REDUCE_ONLY",
        },
        {
          "at": 1767623401000,
          "from": "REDUCE_ONLY",
          "reason": "API error rate 60 %",
          "scope": "global",
          "source": "error_rate",
          "to": "HALTED",
        },
        {
          "at": 1767623402000,
          "from": "HALTED",
          "reason": "exchange recovered",
          "scope": "global",
          "source": "operator:alice",
          "to": "ACTIVE",
        },
      ]
    `)
  })

  it('the state is the most severe hold; releasing one source keeps the others', () => {
    const state = new StateManager({ clock: manualClock() })
    state.hold('REDUCE_ONLY', { source: 'daily_loss', reason: 'loss' })
    state.hold('REDUCE_ONLY', { source: 'drawdown', reason: 'drawdown' })
    state.release({ source: 'daily_loss', reason: 'new day' })
    expect(state.state).toBe('REDUCE_ONLY')
    expect(state.describe()).toMatchObject({ state: 'REDUCE_ONLY', source: 'drawdown', reason: 'drawdown' })
    state.release({ source: 'drawdown', reason: 'recovered' })
    expect(state.state).toBe('ACTIVE')
  })

  it('HALTED never clears itself: release() and lower holds leave it, reset() clears it', () => {
    const state = new StateManager({ clock: manualClock() })
    state.hold('HALTED', { source: 'volatility', reason: 'vol 0.3', symbol: 'SOL-USD' })
    expect(state.release({ source: 'volatility', reason: 'calm', symbol: 'SOL-USD' })).toBeUndefined()
    expect(
      state.hold('REDUCE_ONLY', { source: 'volatility', reason: 'calmer', symbol: 'SOL-USD' }),
    ).toBeUndefined()
    expect(state.stateOf('SOL-USD')).toBe('HALTED')
    state.reset({ operator: 'bob', reason: 'checked', symbol: 'SOL-USD' })
    expect(state.stateOf('SOL-USD')).toBe('ACTIVE')
  })

  it('a symbol is governed by the worse of its own and the global state', () => {
    const state = new StateManager({ clock: manualClock() })
    state.hold('REDUCE_ONLY', { source: 'stale_mark', reason: 'stale', symbol: 'BTC-USD' })
    expect(state.effectiveState('BTC-USD')).toBe('REDUCE_ONLY')
    expect(state.effectiveState('ETH-USD')).toBe('ACTIVE')
    expect([...state.symbolStates]).toEqual([['BTC-USD', 'REDUCE_ONLY']])
    state.halt('maintenance', 'alice')
    expect(state.effectiveState('BTC-USD')).toBe('HALTED')
    expect(state.effectiveState('ETH-USD')).toBe('HALTED')
    state.reset({ operator: 'alice', reason: 'done', all: true })
    expect(state.effectiveState('BTC-USD')).toBe('ACTIVE')
    expect(state.symbolStates.size).toBe(0)
  })

  it('HALTED and REDUCE_ONLY survive a restart through the store', () => {
    const store = new InMemoryStateStore()
    const first = new StateManager({ store, clock: manualClock() })
    first.halt('manual stop', 'alice')
    first.hold('REDUCE_ONLY', { source: 'liquidity', reason: 'thin', symbol: 'DOGE-USD' })
    first.setMeta('monitor.peakEquity', '10000')
    const second = new StateManager({ store, clock: manualClock() })
    expect(second.state).toBe('HALTED')
    expect(second.describe()).toMatchObject({
      state: 'HALTED',
      reason: 'manual stop',
      source: 'operator:alice',
      since: NOW,
    })
    expect(second.stateOf('DOGE-USD')).toBe('REDUCE_ONLY')
    expect(second.meta('monitor.peakEquity')).toBe('10000')
    expect(second.history()).toHaveLength(2)
  })

  it('starts HALTED when the saved state is unreadable or the store fails to load', () => {
    const garbage: StateStore = { load: () => ({ version: 7 }), save: () => {} }
    const a = new StateManager({ store: garbage, clock: manualClock() })
    expect(a.describe()).toMatchObject({
      state: 'HALTED',
      source: 'state_store',
      reason: 'the saved trading state is unreadable',
    })
    const broken: StateStore = {
      load: () => {
        throw new Error('disk on fire')
      },
      save: () => {},
    }
    expect(new StateManager({ store: broken }).describe()).toMatchObject({
      state: 'HALTED',
      reason: 'the state store failed to load: disk on fire',
    })
  })

  it('applies the change in memory and throws a RiskError when the store cannot save', () => {
    const saved: PersistedRiskState[] = []
    let fail = false
    const store: StateStore = {
      load: () => undefined,
      save: (s) => {
        if (fail) throw new Error('read-only filesystem')
        saved.push(s)
      },
    }
    const state = new StateManager({ store, clock: manualClock() })
    fail = true
    let error: unknown
    try {
      state.halt('stop', 'alice')
    } catch (e) {
      error = e
    }
    expect(isRiskError(error)).toBe(true)
    expect((error as Error).message).toMatchInlineSnapshot(`
      "could not save the trading state

      Details: read-only filesystem"
    `)
    expect(state.state).toBe('HALTED')
  })

  it('requires an operator and a reason for resets and halts', () => {
    const state = new StateManager()
    expect(() => state.reset({ operator: '', reason: 'x' })).toThrow(/operator: must be a non-empty string/)
    let error: unknown
    try {
      state.halt('', 'alice')
    } catch (e) {
      error = e
    }
    expect(isValidationError(error)).toBe(true)
  })

  it('keeps a bounded history', () => {
    const state = new StateManager({ historyLimit: 3, clock: manualClock() })
    for (let i = 0; i < 5; i++) {
      state.hold('REDUCE_ONLY', { source: 's', reason: `r${i}` })
      state.release({ source: 's', reason: `x${i}` })
    }
    expect(state.history().map((t) => t.reason)).toEqual(['x3', 'r4', 'x4'])
  })
})
