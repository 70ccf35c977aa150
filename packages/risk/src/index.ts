export { type RiskErrorCode, type RiskReasonCode, riskErrorCodes, riskReasonCodes } from './codes.js'
export type { SymbolExposure } from './ExposureBook.js'
export { type BookLevel, InMemoryMarketView } from './InMemoryMarketView.js'
export {
  LiveRiskManager,
  type LiveRiskManagerEvents,
  type LiveRiskManagerOptions,
  type RiskSnapshot,
} from './LiveRiskManager.js'
export type {
  BestBidAsk,
  CorrelationLookup,
  ImpactEstimate,
  MarketView,
  MarkPrice,
  PreTradeContext,
  PreTradeOrder,
  RiskCancel,
  RiskOpenOrder,
  RiskOrder,
  RiskPortfolio,
  RiskPosition,
} from './PreTradeContext.js'
export { PreTradeValidator, type PreTradeValidatorOptions } from './PreTradeValidator.js'
export { passesProductRulesFast, productRuleIssues } from './productRules.js'
export { isRiskError, RiskError, type RiskErrorOptions } from './RiskError.js'
export { isRejected, type RiskAccept, type RiskReject, type RiskVerdict } from './RiskVerdict.js'
export {
  type BookHealth,
  type RiskAction,
  type RiskWarning,
  RuntimeMonitor,
  type RuntimeMonitorEvents,
  type RuntimeMonitorOptions,
} from './RuntimeMonitor.js'
export {
  defaultRiskConfig,
  type RiskConfig,
  type RiskConfigInput,
  type RiskPresetName,
  resolveRiskConfig,
  riskConfigSchema,
  spotTop10Preset,
} from './riskConfig.js'
export {
  type ScopeState,
  type StateHold,
  StateManager,
  type StateManagerEvents,
  type StateManagerOptions,
  type StateScope,
  type StateTransition,
} from './StateManager.js'
export {
  InMemoryStateStore,
  type PersistedRiskState,
  persistedRiskStateSchema,
  type StateStore,
} from './StateStore.js'
export { isWithinTradingWindow, type TradingWindow, utcDay } from './tradingWindow.js'
