export { CoinbaseSimError, type CoinbaseSimErrorOptions, isCoinbaseSimError } from './CoinbaseSimError.js'
export { createManualClock, DEFAULT_SIM_START_MS, type ManualClock, type SimClock } from './clock.js'
export { type SimErrorCode, simErrorCodes } from './codes.js'
export { type FaultMatch, parseFaultSpec, type SimFault } from './faults.js'
export type { SimCredential } from './keys.js'
export { ENGINE_RETENTION, type EngineRetention } from './MatchingEngine.js'
export { PRODUCT_CATALOG, type ProductSpec } from './products.js'
export { parseCandleCsv, type ReplayCandle } from './replay.js'
export type { SimAccountConfig } from './SimExchange.js'
export {
  type CoinbaseSim,
  type CoinbaseSimOptions,
  type SimControl,
  type SimRequestRecord,
  startCoinbaseSim,
} from './startCoinbaseSim.js'
