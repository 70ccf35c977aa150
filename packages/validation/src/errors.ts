/**
 * Error shape shared by every @gpt-trader package (modelled on viem's BaseError): a short message for
 * people, optional details, a stable SCREAMING_SNAKE `code` for programs, the `cause` chain, and an
 * explicit `name` so that guards work across two installed copies of a package.
 */

export interface BaseErrorOptions {
  /** Stable SCREAMING_SNAKE identifier, e.g. `VALIDATION_FAILED`. */
  code: string
  /** The underlying error, if any. Never put a secret here. */
  cause?: unknown
  /** Extra technical detail; defaults to the cause's message. */
  details?: string
  /** Lines printed between the short message and the details. */
  metaMessages?: readonly string[]
}

export class BaseError extends Error {
  override name = 'BaseError'
  /** Stable machine-readable code. */
  readonly code: string
  /** One line for people, without the meta messages and details. */
  readonly shortMessage: string
  /** Technical detail (the cause's message when not given). */
  readonly details: string
  readonly metaMessages: readonly string[]

  constructor(shortMessage: string, options: BaseErrorOptions) {
    const details =
      options.details ??
      (options.cause instanceof BaseError
        ? options.cause.details || options.cause.shortMessage
        : options.cause instanceof Error
          ? options.cause.message
          : '')
    const metaMessages = options.metaMessages ?? []
    const message = [
      shortMessage,
      ...(metaMessages.length > 0 ? ['', ...metaMessages] : []),
      ...(details && details !== shortMessage ? ['', `Details: ${details}`] : []),
    ].join('\n')
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.code = options.code
    this.shortMessage = shortMessage
    this.details = details
    this.metaMessages = metaMessages
  }

  /**
   * Walks the `cause` chain. Without a predicate returns the deepest error; with one, the first
   * error (starting with this one) for which it returns true, or `null`.
   */
  walk(predicate?: (error: unknown) => boolean): unknown {
    return walk(this, predicate)
  }
}

function walk(error: unknown, predicate?: (error: unknown) => boolean): unknown {
  let current: unknown = error
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

/** True for a `BaseError` from any installed copy of this package (checks the shape, not only instanceof). */
export function isBaseError(error: unknown): error is BaseError {
  if (error instanceof BaseError) return true
  return (
    error instanceof Error &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { shortMessage?: unknown }).shortMessage === 'string' &&
    typeof (error as { walk?: unknown }).walk === 'function'
  )
}

/** One problem found while validating: where, which rule, and a sentence for people. */
export interface ValidationIssue {
  /** Path to the offending field, e.g. `['order', 'base_size']`; empty for the value itself. */
  path: ReadonlyArray<string | number>
  /** Stable SCREAMING_SNAKE code, e.g. `SIZE_BELOW_MIN`. */
  code: string
  message: string
}

/** Formats an issue path for messages: `order.legs[2].price`. */
export function formatPath(path: ReadonlyArray<string | number>): string {
  let out = ''
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`
    else out += out ? `.${part}` : part
  }
  return out
}

export interface ValidationErrorOptions {
  cause?: unknown
  /** What was being validated, e.g. `order` or `config/dev.yaml`; prefixes the message. */
  subject?: string
}

/**
 * Bad input. Lists every issue (not only the first), each naming its field and carrying a stable code.
 *
 * @example
 * throw new ValidationError([{ path: ['size'], code: 'NON_POSITIVE', message: 'must be greater than 0' }])
 */
export class ValidationError extends BaseError {
  override name = 'ValidationError'
  readonly issues: readonly ValidationIssue[]

  constructor(issues: readonly ValidationIssue[], options: ValidationErrorOptions = {}) {
    const count = issues.length
    const subject = options.subject ? `${options.subject}: ` : ''
    const short = `${subject}${count === 1 ? '1 validation issue' : `${count} validation issues`}`
    super(short, {
      code: 'VALIDATION_FAILED',
      cause: options.cause,
      details: '',
      metaMessages: issues.map((issue) => {
        const where = formatPath(issue.path)
        return `- ${where ? `${where}: ` : ''}${issue.message} (${issue.code})`
      }),
    })
    this.issues = issues
  }
}

/** True for a `ValidationError` from any installed copy of this package. */
export function isValidationError(error: unknown): error is ValidationError {
  if (error instanceof ValidationError) return true
  return (
    error instanceof Error &&
    error.name === 'ValidationError' &&
    Array.isArray((error as { issues?: unknown }).issues)
  )
}
