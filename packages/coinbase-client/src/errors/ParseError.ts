import { BaseError, type BaseErrorOptions } from './BaseError.js'

/** Options for {@link ParseError}. */
export type ParseErrorOptions = BaseErrorOptions & {
  /** Where the text came from, e.g. `GET /api/v3/brokerage/time` or `ws l2_data`. */
  source?: string
  /** The start of the offending text (at most 200 characters). */
  snippet?: string
}

/** The server sent something that is not valid JSON (an HTML error page, a cut-off frame). */
export class ParseError extends BaseError {
  override name = 'ParseError'
  source?: string
  snippet?: string
  constructor(shortMessage: string, options: ParseErrorOptions = {}) {
    super(shortMessage, { code: 'PARSE_ERROR', ...options })
    if (options.source !== undefined) this.source = options.source
    if (options.snippet !== undefined) this.snippet = options.snippet.slice(0, 200)
  }
}
