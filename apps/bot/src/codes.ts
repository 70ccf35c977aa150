/** Stable codes of {@link BotError}s. */
export const botErrorCodes = {
  /** A profile file, an env variable or a CLI option has a bad value (exit 2). */
  CONFIG_INVALID: 'CONFIG_INVALID',
  /** The profile file does not exist or cannot be read (exit 2). */
  CONFIG_NOT_FOUND: 'CONFIG_NOT_FOUND',
  /** Credentials are missing, unreadable, or their file is readable by group/others (exit 2). */
  CREDENTIALS_INVALID: 'CREDENTIALS_INVALID',
  /** Bad command-line usage (exit 2). */
  USAGE: 'USAGE',
  /** The state store cannot be opened, migrated or written. */
  STORE_FAILED: 'STORE_FAILED',
  /** An event does not fit the log (an order created twice, a fill counted twice); nothing written. */
  STORE_CORRUPT: 'STORE_CORRUPT',
  /** The store was written by a newer version of the bot. */
  STORE_VERSION: 'STORE_VERSION',
  /** The telemetry server refused to bind (e.g. non-loopback host without a token). */
  TELEMETRY_FAILED: 'TELEMETRY_FAILED',
  /** A coordinator failed to initialise, start or shut down. */
  LIFECYCLE_FAILED: 'LIFECYCLE_FAILED',
  /** The command needs a part of the system that is not available yet. */
  NOT_AVAILABLE: 'NOT_AVAILABLE',
} as const

/** Union of {@link botErrorCodes} values. */
export type BotErrorCode = (typeof botErrorCodes)[keyof typeof botErrorCodes]
