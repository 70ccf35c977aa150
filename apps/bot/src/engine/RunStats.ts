import type { DecisionTrace, ExecutionEngine } from '@gpt-trader/live-trade'
import { formatDecimal } from '@gpt-trader/validation'

/** One guard or trading-state event seen during the run. */
export interface GuardEventRecord {
  at: number
  kind: 'warning' | 'state' | 'action'
  detail: string
}

/** Plain-JSON summary of a run (what `metrics.json` and the closing table show). */
export interface RunSummary {
  profile: string
  broker: string
  updatedAt: string
  cycles: number
  signals: number
  orders: number
  fills: number
  rejections: Record<string, number>
  guardEvents: GuardEventRecord[]
  tradingState: string
  tradingStateReason: string
  equity: string
  pnl: { realized: string; unrealized: string; fees: string }
  openOrders: number
  lastCycleMs: number
  rssBytes: number
}

/**
 * Counters for one run: cycles, signals, orders, fills, rejections by reason and guard events,
 * folded from the trading loop's decision traces and the engine's events.
 *
 * @example
 * const stats = new RunStats('dev', 'sim')
 * stats.recordCycle(report.traces, 12)
 */
export class RunStats {
  cycles = 0
  signals = 0
  orders = 0
  fills = 0
  lastCycleMs = 0
  readonly rejections: Record<string, number> = {}
  readonly guardEvents: GuardEventRecord[] = []
  readonly #profile: string
  readonly #broker: string

  constructor(profile: string, broker: string) {
    this.#profile = profile
    this.#broker = broker
  }

  /** Folds one cycle's traces; returns the rejection reasons it added (for metrics). */
  recordCycle(traces: readonly DecisionTrace[], ms: number): string[] {
    this.cycles++
    this.lastCycleMs = ms
    const reasons: string[] = []
    for (const trace of traces) {
      if (trace.signal.side !== 'HOLD') this.signals++
      const reason = rejectionReason(trace)
      if (trace.outcome === 'placed') this.orders++
      else if (reason !== undefined) {
        this.rejections[reason] = (this.rejections[reason] ?? 0) + 1
        reasons.push(reason)
      }
    }
    return reasons
  }

  /** Counts a venue rejection of a placed order. */
  recordVenueRejection(): void {
    this.rejections.venue_rejected = (this.rejections.venue_rejected ?? 0) + 1
  }

  recordGuardEvent(event: GuardEventRecord): void {
    // Keep the list bounded on long runs; counts live in the metrics.
    if (this.guardEvents.length >= 200) this.guardEvents.shift()
    this.guardEvents.push(event)
  }

  summary(engine: ExecutionEngine | undefined, now: number): RunSummary {
    const snap = engine?.positions.snapshot()
    const state = engine?.tradingState ?? { state: 'ACTIVE', reason: 'not started' }
    return {
      profile: this.#profile,
      broker: this.#broker,
      updatedAt: new Date(now).toISOString(),
      cycles: this.cycles,
      signals: this.signals,
      orders: this.orders,
      fills: this.fills,
      rejections: { ...this.rejections },
      guardEvents: [...this.guardEvents],
      tradingState: state.state,
      tradingStateReason: state.reason,
      equity: snap ? formatDecimal(snap.equity) : '0',
      pnl: {
        realized: snap ? formatDecimal(snap.realizedPnlNet) : '0',
        unrealized: snap ? formatDecimal(snap.unrealizedPnl) : '0',
        fees: snap ? formatDecimal(snap.fees) : '0',
      },
      openOrders: engine?.openOrders().length ?? 0,
      lastCycleMs: this.lastCycleMs,
      rssBytes: process.memoryUsage.rss(),
    }
  }
}

/** Why a decision did not become an order (undefined for `hold` and `placed`). */
export function rejectionReason(trace: DecisionTrace): string | undefined {
  switch (trace.outcome) {
    case 'hold':
    case 'placed':
      return undefined
    case 'risk_rejected':
      return trace.risk?.code ?? 'risk_rejected'
    default:
      return trace.outcome
  }
}
