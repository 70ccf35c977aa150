export type { Alert, AlertDelivery, AlertKind, AlertSink } from './AlertSink.js'
export {
  type BreakerEvents,
  type BreakerState,
  CircuitOpenError,
  ConsecutiveFailureBreaker,
  type ConsecutiveFailureBreakerOptions,
  isCircuitOpenError,
} from './ConsecutiveFailureBreaker.js'
export { type Clock, type Scheduler, systemClock, systemScheduler, type TimerHandle } from './clock.js'
export { type GuardErrorCode, guardCodes } from './codes.js'
export { compareMetric } from './compareMetric.js'
export { type AlertLogger, createLogSink } from './createLogSink.js'
export {
  AlertDeliveryError,
  createWebhookSink,
  isAlertDeliveryError,
  slackAlertBody,
  type WebhookFetch,
  type WebhookSinkOptions,
} from './createWebhookSink.js'
export { formatGuardMessage } from './formatGuardMessage.js'
export type {
  Comparator,
  Guard,
  GuardMessageContext,
  GuardSeverity,
  GuardStatus,
  MetricValue,
} from './Guard.js'
export {
  type GuardEvent,
  type GuardFailureEvent,
  GuardManager,
  type GuardManagerEvents,
  type GuardManagerOptions,
  type GuardState,
  type MetricsRecorder,
} from './GuardManager.js'
export {
  isRecoverableGuardError,
  isRiskGuardError,
  RiskGuardActionError,
  RiskGuardComputationError,
  RiskGuardDataCorruptError,
  RiskGuardDataUnavailableError,
  RiskGuardError,
  type RiskGuardErrorOptions,
  RiskGuardLimitExceededError,
  RiskGuardTelemetryError,
} from './RiskGuardError.js'
export { RollingWindowRate, type RollingWindowRateOptions } from './RollingWindowRate.js'
export { StalenessDetector, type StalenessDetectorOptions } from './StalenessDetector.js'
export { VolatilitySpikeDetector, type VolatilitySpikeDetectorOptions } from './VolatilitySpikeDetector.js'
