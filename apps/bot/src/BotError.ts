import { BaseError } from '@gpt-trader/validation'
import type { BotErrorCode } from './codes.js'

/** Options of {@link BotError}. */
export interface BotErrorOptions {
  code: BotErrorCode
  cause?: unknown
  details?: string
  metaMessages?: readonly string[]
  /** Process exit code this error maps to: 2 for usage/config problems, 1 for runtime failures. */
  exitCode?: 1 | 2
}

const USAGE_CODES: ReadonlySet<string> = new Set([
  'CONFIG_INVALID',
  'CONFIG_NOT_FOUND',
  'CREDENTIALS_INVALID',
  'USAGE',
])

/**
 * Error of the bot (viem's BaseError shape from @gpt-trader/validation). `exitCode` says how the
 * CLI exits: 2 for bad usage or configuration, 1 for a runtime failure.
 *
 * @example
 * throw new BotError('config/dev.yaml: interval: expected a duration', { code: 'CONFIG_INVALID' })
 */
export class BotError extends BaseError {
  override name = 'BotError'
  declare readonly code: BotErrorCode
  readonly exitCode: 1 | 2

  constructor(shortMessage: string, options: BotErrorOptions) {
    super(shortMessage, {
      code: options.code,
      ...(options.cause === undefined ? {} : { cause: options.cause }),
      ...(options.details === undefined ? {} : { details: options.details }),
      ...(options.metaMessages === undefined ? {} : { metaMessages: options.metaMessages }),
    })
    this.exitCode = options.exitCode ?? (USAGE_CODES.has(options.code) ? 2 : 1)
  }
}

/** True for a {@link BotError} (checks the name as well as instanceof, for duplicate installs). */
export function isBotError(error: unknown): error is BotError {
  return (
    error instanceof BotError ||
    (error instanceof Error &&
      error.name === 'BotError' &&
      typeof (error as { code?: unknown }).code === 'string' &&
      typeof (error as { exitCode?: unknown }).exitCode === 'number')
  )
}
