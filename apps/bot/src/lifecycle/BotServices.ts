import type { CoinbaseClient } from '@gpt-trader/coinbase-client'
import type { CoinbaseSim } from '@gpt-trader/coinbase-sim'
import type { Broker, ExecutionEngine, ReconciliationReport } from '@gpt-trader/live-trade'
import type { LiveRiskManager } from '@gpt-trader/risk'
import type { RunStats } from '../engine/RunStats.js'
import type { SqliteStore } from '../store/SqliteStore.js'

/**
 * What the runtime coordinator builds and the others use, filled in during `initialize` (runtime
 * first, so everything is there by the time execution, strategy and telemetry initialise).
 */
export interface BotServices {
  stats: RunStats
  /** Venue time: the sim's clock in dev, wall time otherwise. */
  now: () => number
  store?: SqliteStore | undefined
  sim?: CoinbaseSim | undefined
  client?: CoinbaseClient | undefined
  broker?: Broker | undefined
  risk?: LiveRiskManager | undefined
  engine?: ExecutionEngine | undefined
  reconciliation?: ReconciliationReport | undefined
  /** Re-reads the venue's clock (`GET /time`): the offset JWTs are signed with, and `now` on a remote venue. */
  syncClock?: (() => Promise<void>) | undefined
  /** False once shutdown begins: no new orders. */
  accepting: boolean
  /** How long the last shutdown took. */
  shutdownMs?: number | undefined
}
