import type { BaseError } from '../errors/BaseError.js'
import {
  AuthenticationError,
  BadRequest,
  BadSymbol,
  ExchangeError,
  type HttpErrorOptions,
  NotSupported,
  OrderNotFound,
  PermissionDenied,
} from '../errors/ExchangeError.js'
import { ExchangeNotAvailable, RateLimitExceeded } from '../errors/NetworkError.js'
import { errorBodySchema } from '../schemas/errorBody.js'
import { resolveSchema } from '../schemas/lazySchema.js'

/** What {@link errorFromResponse} needs to know about a failed HTTP exchange. */
export interface FailedResponse {
  status: number
  method: string
  /** Path with query. */
  path: string
  text: string
  retryAfterMs?: number
}

function readBody(text: string): { body: unknown; error?: string; message?: string } {
  const trimmed = text.trim()
  if (trimmed.startsWith('{')) {
    try {
      const json: unknown = JSON.parse(trimmed)
      const parsed = resolveSchema(errorBodySchema).safeParse(json)
      if (parsed.success) {
        const message = parsed.data.message || parsed.data.error_details || undefined
        const out: { body: unknown; error?: string; message?: string } = { body: json }
        if (parsed.data.error !== undefined) out.error = parsed.data.error
        // Same cap as a plain-text body: a venue message is a sentence, not a payload to carry around.
        if (message !== undefined) out.message = message.slice(0, 200)
        return out
      }
      return { body: json }
    } catch {
      // Not JSON after all; fall through to text.
    }
  }
  // 401s are plain text "Unauthorized"; 429s are empty or an HTML page. Keep a short prefix only.
  const short = trimmed.slice(0, 2000)
  const isHtml = /^<!doctype html|^<html/i.test(short)
  const out: { body: unknown; message?: string } = { body: short }
  if (short && !isHtml) out.message = short.slice(0, 200)
  return out
}

/**
 * Maps a non-2xx response to the error taxonomy: 401 → AuthenticationError, 403 → PermissionDenied,
 * 404 → BadSymbol / OrderNotFound / NotSupported, 400 → BadRequest (BadSymbol for an unknown product),
 * 429 → RateLimitExceeded, 5xx → ExchangeNotAvailable, other 4xx → ExchangeError.
 */
export function errorFromResponse(failed: FailedResponse): BaseError {
  const { status, method, path } = failed
  const { body, error, message } = readBody(failed.text)
  const where = `${method} ${path.split('?')[0]}`
  const options: HttpErrorOptions = { status, method, path, body, details: message ?? '' }
  if (error !== undefined) options.coinbaseError = error
  const text = `${error ?? ''} ${message ?? ''}`
  if (status === 401) {
    return new AuthenticationError(`Coinbase refused the credentials (HTTP 401) for ${where}`, {
      ...options,
      details:
        message && message !== 'Unauthorized'
          ? message
          : 'Check the key name (kid/sub), the key type, and that the local clock is in sync (JWT nbf/exp).',
    })
  }
  if (status === 403) return new PermissionDenied(`Permission denied (HTTP 403) for ${where}`, options)
  if (status === 429) {
    const rate: HttpErrorOptions & { retryAfterMs?: number } = { ...options }
    if (failed.retryAfterMs !== undefined) rate.retryAfterMs = failed.retryAfterMs
    return new RateLimitExceeded(`Rate limit exceeded (HTTP 429) for ${where}`, rate)
  }
  if (status === 501) return new NotSupported(`Not supported (HTTP 501): ${where}`, options)
  if (status >= 500)
    return new ExchangeNotAvailable(`Coinbase is not available (HTTP ${status}) for ${where}`, options)
  const productProblem =
    /product/i.test(text) && /(not found|not supported|invalid|unknown|does not exist)/i.test(text)
  if (status === 404) {
    if (/order/i.test(text)) return new OrderNotFound(`Order not found (HTTP 404) for ${where}`, options)
    if (productProblem) return new BadSymbol(`Unknown product (HTTP 404) for ${where}`, options)
    return new NotSupported(`Not found (HTTP 404): ${where}`, options)
  }
  if (status === 400) {
    if (productProblem) return new BadSymbol(`Unknown product (HTTP 400) for ${where}`, options)
    if (/order.*not found|not found.*order/i.test(text)) {
      return new OrderNotFound(`Order not found (HTTP 400) for ${where}`, options)
    }
    return new BadRequest(`Bad request (HTTP 400) for ${where}`, options)
  }
  return new ExchangeError(`Coinbase refused the request (HTTP ${status}) for ${where}`, options)
}
