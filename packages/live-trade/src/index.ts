export type {
  Balance,
  Broker,
  BrokerFill,
  BrokerListener,
  BrokerOrder,
  BrokerOrderStatus,
  BrokerPosition,
  FillsPage,
  MarketUpdate,
  PlaceOrderRequest,
} from './Broker.js'
export { deriveClientOrderId } from './clientOrderId.js'
export { type LiveTradeErrorCode, liveTradeCodes } from './codes.js'
export type { DecisionOutcome, DecisionTrace } from './DecisionTrace.js'
export {
  EventProjection,
  type EventProjectionOptions,
  type FillFilter,
  type FillTotals,
  type OrderFilter,
} from './EventProjection.js'
export {
  type EditRequest,
  ExecutionEngine,
  type ExecutionEngineEvents,
  type ExecutionEngineOptions,
} from './ExecutionEngine.js'
export {
  BrokerError,
  type BrokerErrorKind,
  type BrokerErrorOptions,
  IllegalTransitionError,
  isBrokerError,
  isIllegalTransitionError,
  isLiveTradeError,
  LiveTradeError,
  type LiveTradeErrorOptions,
} from './errors.js'
export type { Fill, Liquidity } from './Fill.js'
export { InMemoryStore } from './InMemoryStore.js'
export type { Order, OrderSource } from './Order.js'
export type { OrderIntent } from './OrderIntent.js'
export {
  assertTransition,
  canTransition,
  isTerminalStatus,
  isWorkingStatus,
  type OrderStatus,
  orderStatuses,
  orderTransitions,
} from './OrderStatus.js'
export { type PortfolioSnapshot, type Position, PositionTracker } from './PositionTracker.js'
export {
  type FillAllowance,
  type FillBalances,
  type FillCapReason,
  FillModel,
  type FillModelOptions,
  type FillState,
  type SlippageModel,
} from './paper/FillModel.js'
export { coinbaseAdvancedFeeTiers, type FeeSchedule, type FeeTier } from './paper/feeSchedule.js'
export { type BookLevel, type BookSnapshot, L2Book } from './paper/L2Book.js'
export { PaperBroker, type PaperBrokerOptions } from './paper/PaperBroker.js'
export {
  type PreTradeChecker,
  type PreTradeRiskGateOptions,
  preTradeRiskGate,
} from './preTradeRiskGate.js'
export {
  Reconciler,
  type ReconcilerOptions,
  type ReconciliationDiff,
  type ReconciliationReport,
} from './Reconciler.js'
export type {
  RiskGate,
  RiskGateContext,
  RiskGateOrder,
  RiskGateVerdict,
} from './RiskGate.js'
export type { Awaitable, Store } from './Store.js'
export {
  type Filter,
  type FilterOutcome,
  FilterPipeline,
  type FilterPipelineOptions,
  type FilterStep,
  type FilterVerdict,
} from './strategies/FilterPipeline.js'
export { adx, rsi, sma } from './strategies/indicators.js'
export { MomentumFilter, type MomentumFilterOptions } from './strategies/MomentumFilter.js'
export { MomentumStrategy, type MomentumStrategyOptions } from './strategies/MomentumStrategy.js'
export {
  type MovingAverageCrossOptions,
  MovingAverageCrossStrategy,
} from './strategies/MovingAverageCrossStrategy.js'
export type { Candle, MarketSnapshot, Signal, Strategy, StrategyContext } from './strategies/Strategy.js'
export { TrendFilter, type TrendFilterOptions } from './strategies/TrendFilter.js'
export { VolumeFilter, type VolumeFilterOptions } from './strategies/VolumeFilter.js'
export type {
  ReconciliationDiffKind,
  StoredFill,
  StoredIntent,
  TradeEvent,
  TradeEventInput,
  TradeEventType,
} from './TradeEvent.js'
export {
  type CycleReport,
  type MarketDataSource,
  type SizingInputs,
  TradingLoop,
  type TradingLoopOptions,
} from './TradingLoop.js'
