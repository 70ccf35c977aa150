export { BotError, type BotErrorOptions, isBotError } from './BotError.js'
export { formatSummary } from './cli/formatSummary.js'
export { type CliIo, main } from './cli/main.js'
export { type BotErrorCode, botErrorCodes } from './codes.js'
export { type BotConfigBase, botConfigSchema, type ProfileName, profileNames } from './config/botConfig.js'
export { type Credentials, resolveCredentials } from './config/credentials.js'
export {
  type BotConfig,
  type CliOverrides,
  defaultConfigDir,
  type LoadConfigOptions,
  type LoadedConfig,
  loadConfig,
} from './config/loadConfig.js'
export { type BotRiskGateOptions, botRiskGate } from './engine/botRiskGate.js'
export { ClientMarketData, type ClientMarketDataOptions } from './engine/ClientMarketData.js'
export { type GuardEventRecord, RunStats, type RunSummary } from './engine/RunStats.js'
export { ApplicationContainer, type ApplicationContainerOptions } from './lifecycle/ApplicationContainer.js'
export type { Coordinator, CoordinatorContext, CoordinatorHealth } from './lifecycle/Coordinator.js'
export { CoordinatorRegistry, type RegistryPhase } from './lifecycle/CoordinatorRegistry.js'
export { type RunBotOptions, type RunResult, runBot } from './lifecycle/runBot.js'
export { SCHEMA_VERSION } from './store/migrations.js'
export { SqliteStore, type SqliteStoreOptions } from './store/SqliteStore.js'
export { BotMetrics } from './telemetry/BotMetrics.js'
export { type CreateLoggerOptions, createLogger } from './telemetry/createLogger.js'
export {
  type HealthReport,
  isLoopbackHost,
  TelemetryServer,
  type TelemetryServerOptions,
} from './telemetry/TelemetryServer.js'
export { writeJsonAtomic } from './telemetry/writeJsonAtomic.js'
