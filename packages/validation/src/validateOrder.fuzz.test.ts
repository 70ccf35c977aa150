import { loadFixture } from '@gpt-trader/test-utils'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isValidationError } from './errors.js'
import { productSpec } from './productSpec.js'
import { assertValidOrder, type OrderInput, validateOrder } from './validateOrder.js'

// Fuzzing (issue #10 item 5): orders built from untrusted input (strategy output, CLI flags) with
// every field replaced by junk. validateOrder returns a list of issues naming their field and never
// throws; assertValidOrder throws only a ValidationError.

const RUNS = 300
const spec = productSpec.parse(loadFixture('rest/get_product.json'))
const FIELDS = [
  'productId',
  'side',
  'type',
  'size',
  'quoteSize',
  'price',
  'stopPrice',
  'postOnly',
  'timeInForce',
] as const

const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(undefined, null, true, 0, -1, 0.1, Number.NaN, Number.POSITIVE_INFINITY, {}, [], ''),
  fc.constantFrom(
    'NaN',
    'Infinity',
    '-1',
    '0',
    '1e5',
    '0.000000001',
    '9'.repeat(400),
    `0.${'0'.repeat(400)}1`,
    '__proto__',
  ),
  fc.constantFrom(
    'BTC-USD',
    'btc-usd',
    'ETH-USD',
    'BUY',
    'SELL',
    'LIMIT',
    'MARKET',
    'STOP_LIMIT',
    'BRACKET',
    'GTC',
    'IOC',
    'FOK',
  ),
  fc.string({ maxLength: 12 }),
  fc.anything({ maxDepth: 1 }),
)

const valid: OrderInput = {
  productId: 'BTC-USD',
  side: 'BUY',
  type: 'LIMIT',
  size: '0.001',
  price: '67000.01',
}

describe('validateOrder under fuzzing', () => {
  it('an order with some fields replaced by junk: issues naming those fields, never a throw', () => {
    const order = fc.dictionary(fc.constantFrom(...FIELDS), junk, { maxKeys: 4 }).map((replaced) => ({
      order: { ...valid, ...replaced } as OrderInput,
      replaced: Object.keys(replaced),
    }))
    fc.assert(
      fc.property(
        order,
        fc.record({ bestBid: junk, bestAsk: junk }, { requiredKeys: [] }),
        ({ order: o }, book) => {
          const issues = validateOrder(o, spec, book as never)
          expect(Array.isArray(issues)).toBe(true)
          for (const issue of issues) {
            expect(issue.code).toMatch(/^[A-Z_]+$/)
            expect(issue.path.length).toBeGreaterThan(0)
            expect(issue.message.length).toBeGreaterThan(0)
          }
          try {
            assertValidOrder(o, spec, book as never)
            expect(issues).toEqual([])
          } catch (error) {
            expect(isValidationError(error), String(error)).toBe(true)
            expect(issues.length).toBeGreaterThan(0)
          }
        },
      ),
      { numRuns: RUNS },
    )
  })

  it('a non-decimal money field is reported under its own name', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('size', 'price'),
        fc.constantFrom('abc', 'NaN', '1e5', ' 1', ''),
        (field, value) => {
          const issues = validateOrder({ ...valid, [field]: value }, spec)
          expect(issues.some((issue) => issue.path[0] === field)).toBe(true)
        },
      ),
      { numRuns: 30 },
    )
  })
})
