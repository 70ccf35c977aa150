import { loadFixture } from '@gpt-trader/test-utils'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { errorCodes } from '../errors/codes.js'
import { isBaseError, isExchangeError, isNetworkError } from '../errors/guards.js'
import { errorFromResponse } from './errorFromResponse.js'

// Fuzzing (issue #10 item 5): whatever body a failed response carries (JSON error bodies with
// fields dropped or retyped, HTML, binary, megabytes), errorFromResponse returns a typed error of
// the right family for the status and never throws.

const RUNS = 300
const ERROR_FIXTURES = [
  'rest/error_candles_too_many.json',
  'rest/error_order_not_found.json',
  'rest/error_permission_denied.json',
  'rest/error_product_not_found.json',
  'rest/create_order_failure.json',
] as const

const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, 0, -1, 1e308, {}, [], '', '__proto__', 'constructor', 'x'.repeat(10_000)),
  fc.string({ maxLength: 30 }),
  fc.anything({ maxDepth: 2, maxKeys: 3 }),
)

const mutatedBody = fc
  .tuple(
    fc.constantFrom(...ERROR_FIXTURES),
    fc.constantFrom('error', 'code', 'message', 'error_details', 'details', '__proto__'),
    fc.boolean(),
    junk,
  )
  .map(([file, key, drop, value]) => {
    const body = structuredClone(loadFixture(file)) as Record<string, unknown>
    if (drop) delete body[key]
    else Object.defineProperty(body, key, { value, enumerable: true, writable: true, configurable: true })
    return JSON.stringify(body) ?? ''
  })

const text = fc.oneof(
  mutatedBody,
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.json({ maxDepth: 3 }),
  fc.constantFrom(
    '',
    '<!DOCTYPE html><html><body>429</body></html>',
    'Unauthorized',
    '{',
    '{"error":',
    `{${'"a":{'.repeat(5_000)}`,
    'x'.repeat(1_000_000),
  ),
)

describe('errorFromResponse under fuzzing', () => {
  it('returns a typed error of the right family for any status and body', () => {
    const codes = new Set<string>(Object.values(errorCodes))
    fc.assert(
      fc.property(
        fc.integer({ min: 300, max: 599 }),
        text,
        fc.constantFrom('GET', 'POST'),
        (status, body, method) => {
          const error = errorFromResponse({
            status,
            method,
            path: '/api/v3/brokerage/orders?x=1',
            text: body,
          })
          expect(isBaseError(error)).toBe(true)
          expect(codes.has(error.code), error.code).toBe(true)
          if (status === 429 || (status >= 500 && status !== 501)) expect(isNetworkError(error)).toBe(true)
          else expect(isExchangeError(error)).toBe(true)
          // The venue's message (JSON or text) is cut to 200 characters: bounded whatever the body.
          expect(error.message.length).toBeLessThan(500)
          expect(error.message).toContain('/api/v3/brokerage/orders')
          expect(error.message).not.toContain('x=1')
        },
      ),
      { numRuns: RUNS },
    )
  })
})
