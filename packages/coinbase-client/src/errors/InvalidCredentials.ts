import { BaseError } from './BaseError.js'

/**
 * The credentials given to the client are malformed (not a PEM EC key nor a base64 Ed25519 key, missing
 * key name, ...). Raised before any request. The message says what is wrong and never contains the key.
 */
export class InvalidCredentials extends BaseError {
  override name = 'InvalidCredentials'
  constructor(reason: string) {
    super(`Invalid credentials: ${reason}`, { code: 'INVALID_CREDENTIALS', details: '' })
  }
}

/** Parameters rejected by the client before anything was sent (e.g. a size given as a JS number). */
export class InvalidArgument extends BaseError {
  override name = 'InvalidArgument'
  constructor(shortMessage: string, options: { cause?: unknown; details?: string } = {}) {
    super(shortMessage, { code: 'INVALID_ARGUMENT', ...options })
  }
}

/** The caller aborted the request through its AbortSignal. `cause` is the signal's reason. */
export class RequestAborted extends BaseError {
  override name = 'RequestAborted'
  constructor(options: { cause?: unknown; path?: string } = {}) {
    super(`Request aborted${options.path ? `: ${options.path}` : ''}`, {
      code: 'ABORTED',
      cause: options.cause,
      details: '',
    })
  }
}
