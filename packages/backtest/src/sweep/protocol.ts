import type { Bar } from '../data/Bar.js'
import type { LoadBarsOptions } from '../data/loadBars.js'
import type { BacktestMetrics } from '../results/computeMetrics.js'
import type { RunBacktestOptions } from '../runBacktest.js'
import type { StrategySpec, SweepParams } from './strategyFactory.js'

/** Backtest options a sweep passes to every run (structured-cloneable: no functions, no filters). */
export type SweepBacktestOptions = Omit<RunBacktestOptions, 'data' | 'strategy' | 'filters'>

/** @internal */
export interface SweepWorkerData {
  data: { file: string; options?: LoadBarsOptions | undefined } | { bars: readonly Bar[] }
  strategy: StrategySpec
  backtest: SweepBacktestOptions
}

/** @internal */
export interface SweepJob {
  id: number
  params: SweepParams
}

/** @internal */
export type SweepWorkerMessage =
  | { id: number; metrics: BacktestMetrics; fingerprint: string }
  | { id: number; error: string }
