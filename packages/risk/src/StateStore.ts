import { tradingState } from '@gpt-trader/validation'
import { z } from 'zod'

const hold = z.strictObject({
  state: z.enum(['REDUCE_ONLY', 'HALTED']),
  reason: z.string(),
  source: z.string(),
  at: z.number(),
})

const transition = z.strictObject({
  scope: z.string(),
  from: tradingState,
  to: tradingState,
  reason: z.string(),
  source: z.string(),
  at: z.number(),
})

/**
 * zod schema of what the {@link StateStore} keeps: the holds per scope (`'global'` or a product id),
 * the recent transitions, and small monitor values (UTC day, day-start equity, peak equity, cooldowns).
 */
export const persistedRiskStateSchema = z.strictObject({
  version: z.literal(1),
  holds: z.record(z.string(), z.record(z.string(), hold)),
  history: z.array(transition),
  meta: z.record(z.string(), z.string()),
})

/** The persisted form of the trading state (plain JSON). */
export type PersistedRiskState = z.output<typeof persistedRiskStateSchema>

/**
 * Port for persisting the trading state so that a HALTED or REDUCE_ONLY state survives a restart.
 * Synchronous on purpose: a HALT must be on disk before the next order is considered (the bot's SQLite
 * store is synchronous). `load` returns undefined when nothing was saved yet; whatever it returns is
 * validated, and unreadable state starts the manager HALTED.
 */
export interface StateStore {
  load(): unknown
  save(state: PersistedRiskState): void
}

/**
 * The default {@link StateStore}: keeps a deep copy in memory. Share one instance between two managers
 * to simulate a restart.
 *
 * @example
 * const store = new InMemoryStateStore()
 * new StateManager({ store }).halt('manual stop', 'alice')
 * new StateManager({ store }).state // 'HALTED'
 */
export class InMemoryStateStore implements StateStore {
  #saved: PersistedRiskState | undefined
  load(): PersistedRiskState | undefined {
    return this.#saved === undefined ? undefined : structuredClone(this.#saved)
  }
  save(state: PersistedRiskState): void {
    this.#saved = structuredClone(state)
  }
}
