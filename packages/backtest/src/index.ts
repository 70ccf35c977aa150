// The fee schedule and slippage model belong to live-trade's shared FillModel; re-exported here so
// `import { coinbaseAdvancedFeeTiers } from '@gpt-trader/backtest'` keeps working.
export {
  coinbaseAdvancedFeeTiers,
  type FeeSchedule,
  type FeeTier,
  type SlippageModel,
} from '@gpt-trader/live-trade'
export { allInSizing } from './allInSizing.js'
export { BacktestError, type BacktestErrorOptions, isBacktestError } from './BacktestError.js'
export { BuyAndHoldStrategy } from './BuyAndHoldStrategy.js'
export { type BacktestErrorCode, backtestErrorCodes } from './codes.js'
export { type Bar, makeBar, type NumericCandle } from './data/Bar.js'
export type { BarSeries, DataFormat } from './data/buildSeries.js'
export {
  type DataGap,
  type DataQualityReport,
  type DuplicateBar,
  formatDataQualityReport,
  type InvalidRow,
  isCleanReport,
  type OutOfOrderRow,
} from './data/DataQualityReport.js'
export { formatCandlesCsv } from './data/formatCandlesCsv.js'
export { type LoadBarsOptions, loadBars } from './data/loadBars.js'
export { type ParseCandlesCsvOptions, parseCandlesCsv } from './data/parseCandlesCsv.js'
export { type ParseCandlesJsonOptions, parseCandlesJson } from './data/parseCandlesJson.js'
export { parseTime } from './data/parseTime.js'
export {
  type AggregateTradesOptions,
  aggregateTrades,
  type ParsedTrades,
  parseTrades,
  type Trade,
} from './data/parseTrades.js'
export { equityToCsv, fillsToCsv, tradesToCsv } from './report/csv.js'
export { type HtmlReportOptions, renderHtmlReport } from './report/renderHtmlReport.js'
export { type ReportFiles, writeReport } from './report/writeReport.js'
export {
  type BacktestMetrics,
  computeMetrics,
  type EquityCurve,
  type MetricsInput,
} from './results/computeMetrics.js'
export { type FingerprintFill, fingerprintFills } from './results/fingerprint.js'
export { type RoundTrip, roundTrips } from './results/roundTrips.js'
export {
  type BacktestActivity,
  type BacktestResult,
  type RunBacktestOptions,
  runBacktest,
} from './runBacktest.js'
export { BacktestStore, type BacktestStoreOptions } from './sim/BacktestStore.js'
export { seededRandom } from './sim/random.js'
export { type LatencyModel, SimulatedBroker, type SimulatedBrokerOptions } from './sim/SimulatedBroker.js'
export { gridParams, type ParamRange, randomParams } from './sweep/paramGrid.js'
export type { SweepBacktestOptions } from './sweep/protocol.js'
export { type RankMetric, runSweep, type SweepOptions, type SweepRow } from './sweep/runSweep.js'
export type { StrategySpec, SweepParams } from './sweep/strategyFactory.js'
