import type { Decimal, OrderSide } from '@gpt-trader/validation'
import type { Position } from '../PositionTracker.js'

/**
 * One candle, in numbers: candles feed indicators only (a read-only path); nothing here becomes an
 * order field.
 */
export interface Candle {
  /** Start time, ms since the epoch. */
  time: number
  open: number
  high: number
  low: number
  close: number
  volume: number
}

/** What the market looks like for one product at one moment. */
export interface MarketSnapshot {
  symbol: string
  /** Snapshot time, ms since the epoch. Part of the decision id, so keep it stable per cycle. */
  at: number
  /** Price used for sizing and limit prices (a Decimal: it can reach the order path). */
  mark: Decimal
  bestBid?: Decimal | undefined
  bestAsk?: Decimal | undefined
  /** Recent candles, oldest first. */
  candles: readonly Candle[]
}

/** What a strategy sees. */
export interface StrategyContext {
  snapshot: MarketSnapshot
  /** Current position in the product (flat when never traded). */
  position: Position
}

/** A strategy's answer: a side (or HOLD), how sure it is, and why. */
export interface Signal {
  side: OrderSide | 'HOLD'
  /** 0–1; the sizer scales with it and ignores signals below its threshold. */
  confidence: number
  reason: string
}

/**
 * A trading strategy: from a snapshot and the current position to a {@link Signal}. Strategies may
 * keep state per symbol (e.g. a trailing stop's peak), but must be deterministic for a given
 * sequence of contexts so that backtests replay exactly.
 *
 * @example
 * const hold: Strategy = { name: 'hold', decide: () => ({ side: 'HOLD', confidence: 0, reason: 'never trades' }) }
 */
export interface Strategy {
  readonly name: string
  decide(context: StrategyContext): Signal
}
