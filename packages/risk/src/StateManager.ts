import type { Clock } from '@gpt-trader/guards'
import { type TradingState, ValidationError } from '@gpt-trader/validation'
import { EventEmitter } from 'eventemitter3'
import { RiskError } from './RiskError.js'
import {
  InMemoryStateStore,
  type PersistedRiskState,
  persistedRiskStateSchema,
  type StateStore,
} from './StateStore.js'

/** `'global'` or a product id. */
export type StateScope = 'global' | (string & {})

/** A restriction placed by one source on one scope. The scope's state is the most severe of its holds. */
export interface StateHold {
  readonly state: 'REDUCE_ONLY' | 'HALTED'
  readonly reason: string
  /** Who placed it: `daily_loss`, `drawdown`, `volatility`, `operator:alice`, … */
  readonly source: string
  readonly at: number
}

/** One change of a scope's state. */
export interface StateTransition {
  readonly scope: StateScope
  readonly from: TradingState
  readonly to: TradingState
  readonly reason: string
  readonly source: string
  readonly at: number
}

/** Where a scope stands: its state and the hold that decides it (absent when ACTIVE). */
export interface ScopeState {
  readonly state: TradingState
  readonly reason?: string
  readonly source?: string
  readonly since?: number
  readonly holds: readonly StateHold[]
}

/** Events of {@link StateManager}. */
export interface StateManagerEvents {
  change: (transition: StateTransition) => void
}

/** Options of {@link StateManager}. */
export interface StateManagerOptions {
  /** Where the state is persisted. Default: a new {@link InMemoryStateStore}. */
  store?: StateStore | undefined
  clock?: Clock | undefined
  /** Transitions kept in `history()` and in the store. Default 200. */
  historyLimit?: number | undefined
}

const RANK: Record<TradingState, number> = { ACTIVE: 0, REDUCE_ONLY: 1, HALTED: 2 }
const STATE_SOURCE = 'state_store'

/**
 * The trading state, globally and per symbol: ACTIVE, REDUCE_ONLY or HALTED. Each source (a monitor
 * guard or an operator) places or releases its own *hold*; the state of a scope is its most severe hold,
 * and a symbol's effective state is the worse of its own and the global one. Every change is recorded
 * with reason, source and time, emitted as `change`, and saved to the {@link StateStore}, so HALTED and
 * REDUCE_ONLY survive a restart. A HALTED hold is never released by a monitor: only
 * {@link StateManager.reset} (an explicit operator action) clears it.
 *
 * @example
 * const state = new StateManager({ store })
 * state.on('change', (t) => log.warn(t, `trading ${t.scope} → ${t.to}`))
 * state.hold('REDUCE_ONLY', { source: 'daily_loss', reason: 'daily loss 250 USD reached' })
 * state.reset({ operator: 'alice', reason: 'reviewed' })
 */
export class StateManager extends EventEmitter<StateManagerEvents> {
  readonly #store: StateStore
  readonly #clock: Clock
  readonly #historyLimit: number
  readonly #holds = new Map<string, Map<string, StateHold>>()
  readonly #effective = new Map<string, TradingState>()
  #history: StateTransition[] = []
  #meta: Record<string, string> = {}
  /** Live map of symbols that are not ACTIVE (for `PreTradeContext.symbolStates`). */
  readonly symbolStates: ReadonlyMap<string, TradingState>
  readonly #symbolStates = new Map<string, TradingState>()

  constructor(options: StateManagerOptions = {}) {
    super()
    this.#store = options.store ?? new InMemoryStateStore()
    this.#clock = options.clock ?? { now: () => Date.now() }
    this.#historyLimit = options.historyLimit ?? 200
    this.symbolStates = this.#symbolStates
    this.#load()
  }

  /** The global state. */
  get state(): TradingState {
    return this.#effective.get('global') ?? 'ACTIVE'
  }

  /** The state of one scope on its own (`'global'` or a product id). */
  stateOf(scope: StateScope): TradingState {
    return this.#effective.get(scope) ?? 'ACTIVE'
  }

  /** What applies to orders on `symbol`: the worse of the global and the symbol's state. */
  effectiveState(symbol: string): TradingState {
    const global = this.state
    const own = this.stateOf(symbol)
    return RANK[own] > RANK[global] ? own : global
  }

  /** A scope's state with the hold that decides it. */
  describe(scope: StateScope = 'global'): ScopeState {
    const holds = [...(this.#holds.get(scope)?.values() ?? [])]
    const top = decisive(holds)
    if (top === undefined) return { state: 'ACTIVE', holds }
    return { state: top.state, reason: top.reason, source: top.source, since: top.at, holds }
  }

  /** Every scope that has holds, with its state. */
  scopes(): Record<string, ScopeState> {
    const out: Record<string, ScopeState> = {}
    for (const scope of this.#holds.keys()) out[scope] = this.describe(scope)
    return out
  }

  /** Recent transitions, oldest first. */
  history(): readonly StateTransition[] {
    return this.#history
  }

  /**
   * Places (or updates) the hold of `source` on a scope. Returns the transition when the scope's state
   * changed, otherwise undefined.
   */
  hold(
    state: 'REDUCE_ONLY' | 'HALTED',
    options: { source: string; reason: string; symbol?: string | undefined },
  ): StateTransition | undefined {
    requireText(options.source, 'source')
    requireText(options.reason, 'reason')
    const scope = options.symbol ?? 'global'
    let holds = this.#holds.get(scope)
    if (holds === undefined) {
      holds = new Map()
      this.#holds.set(scope, holds)
    }
    const existing = holds.get(options.source)
    // A source never downgrades its own HALTED hold: only reset() lifts a halt.
    if (existing?.state === 'HALTED' && state !== 'HALTED') return undefined
    if (existing?.state === state) return undefined
    holds.set(options.source, {
      state,
      reason: options.reason,
      source: options.source,
      at: this.#clock.now(),
    })
    return this.#settle(scope, options.reason, options.source)
  }

  /**
   * Removes the REDUCE_ONLY hold of `source` on a scope. A HALTED hold is not released (returns
   * undefined): halts clear only through {@link StateManager.reset}.
   */
  release(options: {
    source: string
    reason: string
    symbol?: string | undefined
  }): StateTransition | undefined {
    const scope = options.symbol ?? 'global'
    const holds = this.#holds.get(scope)
    const existing = holds?.get(options.source)
    if (holds === undefined || existing === undefined || existing.state === 'HALTED') return undefined
    holds.delete(options.source)
    if (holds.size === 0) this.#holds.delete(scope)
    return this.#settle(scope, options.reason, options.source)
  }

  /** True when `source` has a hold on the scope. */
  has(source: string, symbol?: string): boolean {
    return this.#holds.get(symbol ?? 'global')?.has(source) ?? false
  }

  /** Operator shortcut: HALT a scope. */
  halt(reason: string, operator: string, symbol?: string): StateTransition | undefined {
    requireText(operator, 'operator')
    return this.hold('HALTED', { source: `operator:${operator}`, reason, symbol })
  }

  /**
   * The explicit operator reset: clears every hold on the scope (default global; `all: true` clears
   * every scope), HALTED included, and records who did it and why.
   */
  reset(options: {
    operator: string
    reason: string
    symbol?: string | undefined
    all?: boolean
  }): StateTransition[] {
    requireText(options.operator, 'operator')
    requireText(options.reason, 'reason')
    const source = `operator:${options.operator}`
    const scopes = options.all ? [...this.#holds.keys()] : [options.symbol ?? 'global']
    const out: StateTransition[] = []
    for (const scope of scopes) {
      if (!this.#holds.delete(scope)) continue
      const transition = this.#settle(scope, options.reason, source, false)
      if (transition) out.push(transition)
    }
    this.#save()
    return out
  }

  /** @internal Small persisted values for the monitor (UTC day, day-start equity, peak, cooldowns). */
  meta(key: string): string | undefined {
    return this.#meta[key]
  }

  /** @internal */
  setMeta(key: string, value: string | undefined): void {
    if (this.#meta[key] === value) return
    if (value === undefined) delete this.#meta[key]
    else this.#meta[key] = value
    this.#save()
  }

  /** The persisted form. */
  toJSON(): PersistedRiskState {
    const holds: PersistedRiskState['holds'] = {}
    for (const [scope, map] of this.#holds) holds[scope] = Object.fromEntries(map)
    return { version: 1, holds, history: [...this.#history], meta: { ...this.#meta } }
  }

  #settle(scope: string, reason: string, source: string, save = true): StateTransition | undefined {
    const from = this.#effective.get(scope) ?? 'ACTIVE'
    const to = decisive([...(this.#holds.get(scope)?.values() ?? [])])?.state ?? 'ACTIVE'
    let transition: StateTransition | undefined
    if (from !== to) {
      if (to === 'ACTIVE') this.#effective.delete(scope)
      else this.#effective.set(scope, to)
      if (scope !== 'global') {
        if (to === 'ACTIVE') this.#symbolStates.delete(scope)
        else this.#symbolStates.set(scope, to)
      }
      transition = { scope, from, to, reason, source, at: this.#clock.now() }
      this.#history.push(transition)
      if (this.#history.length > this.#historyLimit)
        this.#history.splice(0, this.#history.length - this.#historyLimit)
    }
    if (save) this.#save()
    if (transition) this.emit('change', transition)
    return transition
  }

  #save(): void {
    try {
      this.#store.save(this.toJSON())
    } catch (cause) {
      throw new RiskError('could not save the trading state', { code: 'STATE_STORE_FAILED', cause })
    }
  }

  #load(): void {
    let raw: unknown
    try {
      raw = this.#store.load()
    } catch (cause) {
      this.#failClosed(
        `the state store failed to load: ${cause instanceof Error ? cause.message : 'unknown error'}`,
      )
      return
    }
    if (raw === undefined || raw === null) return
    const parsed = persistedRiskStateSchema.safeParse(raw)
    if (!parsed.success) {
      this.#failClosed('the saved trading state is unreadable')
      return
    }
    const data = parsed.data
    for (const [scope, holds] of Object.entries(data.holds)) {
      const map = new Map<string, StateHold>()
      for (const [source, hold] of Object.entries(holds)) map.set(source, hold)
      if (map.size === 0) continue
      this.#holds.set(scope, map)
      const state = decisive([...map.values()])?.state ?? 'ACTIVE'
      if (state !== 'ACTIVE') {
        this.#effective.set(scope, state)
        if (scope !== 'global') this.#symbolStates.set(scope, state)
      }
    }
    this.#history = data.history.slice(-this.#historyLimit)
    this.#meta = { ...data.meta }
  }

  /** Unknown persisted state must not silently mean ACTIVE: start HALTED until an operator resets. */
  #failClosed(reason: string): void {
    const at = this.#clock.now()
    this.#holds.set(
      'global',
      new Map([[STATE_SOURCE, { state: 'HALTED', reason, source: STATE_SOURCE, at }]]),
    )
    this.#effective.set('global', 'HALTED')
    this.#history.push({ scope: 'global', from: 'ACTIVE', to: 'HALTED', reason, source: STATE_SOURCE, at })
  }
}

function decisive(holds: readonly StateHold[]): StateHold | undefined {
  let top: StateHold | undefined
  for (const hold of holds) {
    if (
      top === undefined ||
      RANK[hold.state] > RANK[top.state] ||
      (hold.state === top.state && hold.at > top.at)
    )
      top = hold
  }
  return top
}

function requireText(value: unknown, field: string): void {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ValidationError([{ path: [field], code: 'REQUIRED', message: 'must be a non-empty string' }], {
      subject: 'trading state change',
    })
  }
}
