import type { SimErrorCode } from './codes.js'

/** Options for {@link CoinbaseSimError}. */
export interface CoinbaseSimErrorOptions {
  code: SimErrorCode
  cause?: unknown
  details?: string
}

/**
 * The only error `@gpt-trader/coinbase-sim` throws (viem BaseError shape). Never carries a key.
 *
 * @example
 * ```ts
 * try { await startCoinbaseSim({ products: ['NOPE-USD'] }) } catch (e) { if (isCoinbaseSimError(e)) e.code }
 * ```
 */
export class CoinbaseSimError extends Error {
  override name = 'CoinbaseSimError'
  readonly code: SimErrorCode
  readonly shortMessage: string
  readonly details: string

  constructor(shortMessage: string, options: CoinbaseSimErrorOptions) {
    const details = options.details ?? (options.cause instanceof Error ? options.cause.message : '')
    super(
      details && details !== shortMessage ? `${shortMessage}\n\nDetails: ${details}` : shortMessage,
      options.cause === undefined ? undefined : { cause: options.cause },
    )
    this.code = options.code
    this.shortMessage = shortMessage
    this.details = details
  }

  /** Walks the `cause` chain: the deepest error, or the first one matching `predicate` (else null). */
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

/** True for a {@link CoinbaseSimError} from any installed copy of this package. */
export function isCoinbaseSimError(error: unknown): error is CoinbaseSimError {
  if (error instanceof CoinbaseSimError) return true
  return (
    error instanceof Error &&
    error.name === 'CoinbaseSimError' &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { walk?: unknown }).walk === 'function'
  )
}
