/**
 * Every stable error code `@gpt-trader/coinbase-sim` can throw. Codes never change meaning once
 * published; new ones are only added.
 */
export const simErrorCodes = {
  /** `startCoinbaseSim` got an option it cannot use (unknown product, bad seed, bad replay file). */
  INVALID_OPTION: 'INVALID_OPTION',
  /** The candle CSV given as `replay` could not be read or parsed. */
  REPLAY_INVALID: 'REPLAY_INVALID',
  /** The HTTP/WebSocket server could not start (port in use, permission). */
  SERVER_START_FAILED: 'SERVER_START_FAILED',
  /** A `control` call referenced something the sim does not know (product, account). */
  NOT_FOUND: 'NOT_FOUND',
} as const

/** One of the codes in {@link simErrorCodes}. */
export type SimErrorCode = (typeof simErrorCodes)[keyof typeof simErrorCodes]
