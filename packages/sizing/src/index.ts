export {
  calculatePositionSize,
  createPositionSizer,
  type PositionSizeRequest,
  type PositionSizeResult,
  type PositionSizeSummary,
  type SizingAdjustment,
  type SizingNote,
  type SizingStep,
  summarizePositionSize,
} from './calculatePositionSize.js'
export {
  type SizingCode,
  type SizingWarning,
  type SizingWarningCode,
  sizingCodes,
  type ZeroSizeReason,
} from './codes.js'
export { type ConfidenceMultiplierOptions, confidenceMultiplier } from './confidenceMultiplier.js'
export { type KellyFraction, kellyFraction } from './kellyFraction.js'
export { defaultRegimeMultipliers, type MarketRegime } from './marketRegime.js'
export type { RatioInput } from './ratio.js'
export {
  type ConfidenceCurve,
  defaultSizingConfig,
  type SizingConfig,
  type SizingMethod,
} from './sizingConfig.js'
export { percentile, realizedVolatility, rollingVolatility } from './volatility.js'
