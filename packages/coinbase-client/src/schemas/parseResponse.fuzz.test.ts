import { fieldMutation, loadFixture } from '@gpt-trader/test-utils'
import { Decimal } from 'decimal.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { isSchemaError } from '../errors/guards.js'
import { formatIssuePath } from '../errors/SchemaError.js'
import { errorBodySchema } from './errorBody.js'
import { parseResponse } from './parseResponse.js'
import { candlesResponseSchema, productSchema } from './products.js'
import { restFixtureSchemas } from './restFixtureSchemas.testing.js'

// Fuzzing (issue #10 item 5): every REST response schema gets (a) structurally random JSON and
// (b) a real Coinbase payload with one field dropped, retyped or replaced. `parseResponse` must
// return a value whose money is a finite Decimal and whose dates are valid, or throw a SchemaError
// naming the field. Never a TypeError, a raw ZodError or a decimal.js error.

const RUNS_PER_FIXTURE = 60
const RUNS_RANDOM = 150

/** Success payloads (error bodies are fuzzed on their own). */
const schemaFor = Object.fromEntries(
  Object.entries(restFixtureSchemas).filter(([, schema]) => schema !== errorBodySchema),
)

/** Values a field is replaced with: wrong types, non-finite numbers, near-numbers, huge exponents. */
const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1e308, Number.NaN, Number.POSITIVE_INFINITY, {}, [], [null], ''),
  fc.constantFrom(
    'NaN',
    'Infinity',
    '-Infinity',
    '1e999999999999999999',
    '-1e999999999999999999',
    '1e-999999999999999999',
    '0x10',
    '1_000',
    ' ',
    'not-a-date',
    '2026-13-45T99:99:99Z',
    '__proto__',
    'constructor',
    '9'.repeat(5_000),
  ),
  fc.string({ maxLength: 20 }),
  fc.anything({ maxDepth: 2, maxKeys: 3 }),
)

/** Every Decimal in a parsed value is finite and every Date is valid (money never becomes NaN/Infinity). */
function expectSaneOutput(value: unknown, where = '(root)'): void {
  if (Decimal.isDecimal(value)) {
    expect(value.isFinite(), `${where} is ${value.toString()}`).toBe(true)
    return
  }
  if (value instanceof Date) {
    expect(Number.isNaN(value.getTime()), `${where} is an invalid Date`).toBe(false)
    return
  }
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) expectSaneOutput(item, `${where}[${i}]`)
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) expectSaneOutput(item, `${where}.${key}`)
  }
}

const startsWith = (a: readonly PropertyKey[], b: readonly PropertyKey[]) =>
  b.every((part, i) => a[i] === part)

describe('REST schemas under fuzzing', () => {
  for (const [file, schema] of Object.entries(schemaFor)) {
    it(`mutated ${file}: a sane value or a SchemaError naming the field`, () => {
      const fixture = loadFixture(`rest/${file}`)
      fc.assert(
        fc.property(fieldMutation(fixture, junk), ({ value, path }) => {
          let parsed: unknown
          try {
            parsed = parseResponse(schema, value, `GET ${file}`)
          } catch (error) {
            expect(isSchemaError(error), String(error)).toBe(true)
            if (!isSchemaError(error)) return
            expect(error.code).toBe('SCHEMA_MISMATCH')
            const related = error.issues.find(
              (issue) => startsWith(path, issue.path) || startsWith(issue.path, path),
            )
            expect(related, `${formatIssuePath(path)} vs ${error.message}`).toBeDefined()
            if (related && error.issues.indexOf(related) < 10) {
              expect(error.message).toContain(formatIssuePath(related.path))
            }
            return
          }
          expectSaneOutput(parsed)
        }),
        { numRuns: RUNS_PER_FIXTURE },
      )
    })
  }

  it('an exponent past decimal.js range and a candle start past Date range are schema errors', () => {
    const product = {
      ...(loadFixture('rest/get_product.json') as object),
      price_increment: '1e999999999999999999',
    }
    expect(() =>
      parseResponse(productSchema, product, 'GET /products/BTC-USD'),
    ).toThrowErrorMatchingInlineSnapshot(`
      [SchemaError: Unexpected payload from GET /products/BTC-USD: 1 field does not match

      - price_increment: expected a finite decimal, got "1e999999999999999999"]
    `)
    const candles = { candles: [{ start: 1e308, low: '1', high: '1', open: '1', close: '1', volume: '1' }] }
    expect(() =>
      parseResponse(candlesResponseSchema, candles, 'GET /candles'),
    ).toThrowErrorMatchingInlineSnapshot(`
      [SchemaError: Unexpected payload from GET /candles: 1 field does not match

      - candles[0].start: expected unix seconds, got "1e+308"]
    `)
  })

  it('structurally random JSON: a value or a SchemaError, for every schema', () => {
    const schemas = Object.values(schemaFor)
    const deep = fc
      .integer({ min: 100, max: 3_000 })
      .map((depth) => JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`) as unknown)
    const hostile = fc.oneof(
      fc.json({ maxDepth: 4 }).map((text) => JSON.parse(text) as unknown),
      fc.anything({ maxDepth: 3, withNullPrototype: true, withBigInt: true, withBoxedValues: true }),
      fc.dictionary(
        fc.constantFrom('__proto__', 'constructor', 'prototype', 'products', 'orders', 'order'),
        junk,
      ),
      deep,
      junk,
    )
    fc.assert(
      fc.property(fc.nat({ max: schemas.length - 1 }), hostile, (index, input) => {
        try {
          expectSaneOutput(parseResponse(schemas[index] as z.ZodType, input, 'GET /fuzz'))
        } catch (error) {
          expect(isSchemaError(error), String(error)).toBe(true)
        }
        expect(({} as Record<string, unknown>).products).toBeUndefined()
      }),
      { numRuns: RUNS_RANDOM },
    )
  })
})
