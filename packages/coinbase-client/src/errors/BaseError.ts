import type { ErrorCode } from './codes.js'

/** Options shared by every error of this package. */
export interface BaseErrorOptions {
  /** Stable SCREAMING_SNAKE code from `errorCodes`. */
  code?: ErrorCode
  /** The underlying error. Never put a secret here. */
  cause?: unknown
  /** Technical detail; defaults to the cause's message. */
  details?: string
  /** Lines printed between the short message and the details. */
  metaMessages?: readonly string[]
}

/**
 * Root of every error thrown by `@gpt-trader/coinbase-client` (viem's shape): `shortMessage` for people,
 * `details`, the `cause` chain, a stable `code`, an explicit `name`, `walk()`, and `retryable`, which is
 * fixed by the class (network errors are retryable, exchange refusals are not).
 *
 * @example
 * try { await client.getAccount({ accountUuid }) } catch (e) {
 *   if (isBaseError(e)) console.log(e.code, e.retryable)
 * }
 */
export class BaseError extends Error {
  override name = 'BaseError'
  readonly code: ErrorCode
  readonly shortMessage: string
  readonly details: string
  readonly metaMessages: readonly string[]

  constructor(shortMessage: string, options: BaseErrorOptions = {}) {
    const cause = options.cause
    const details =
      options.details ??
      (cause instanceof BaseError
        ? cause.details || cause.shortMessage
        : cause instanceof Error
          ? cause.message
          : '')
    const metaMessages = options.metaMessages ?? []
    const message = [
      shortMessage,
      ...(metaMessages.length > 0 ? ['', ...metaMessages] : []),
      ...(details && details !== shortMessage ? ['', `Details: ${details}`] : []),
    ].join('\n')
    super(message, cause === undefined ? undefined : { cause })
    this.code = options.code ?? 'UNKNOWN'
    this.shortMessage = shortMessage
    this.details = details
    this.metaMessages = metaMessages
  }

  /** Whether sending the same request again may succeed. Fixed by the class. */
  get retryable(): boolean {
    return false
  }

  /**
   * Walks the `cause` chain. Without a predicate returns the deepest error; with one, the first error
   * (starting with this one) for which it returns true, or `null`.
   */
  walk(predicate?: (error: unknown) => boolean): unknown {
    let current: unknown = this
    const seen = new Set<unknown>()
    while (current !== undefined && current !== null && !seen.has(current)) {
      seen.add(current)
      if (predicate?.(current)) return current
      const next: unknown = typeof current === 'object' ? (current as { cause?: unknown }).cause : undefined
      if (next === undefined || next === null) return predicate ? null : current
      current = next
    }
    return predicate ? null : current
  }
}
