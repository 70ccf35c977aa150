import { fieldMutation, loadFixture } from '@gpt-trader/test-utils'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isDecimal } from './decimal.js'
import { isValidationError } from './errors.js'
import { productSpec } from './productSpec.js'
import { Validator } from './validator.js'

// Fuzzing (issue #10 item 5): a real GET /products/{id} payload with one field dropped, retyped or
// replaced must parse or fail with a ValidationError whose message names that field.

const RUNS = 300
const FIXTURES = ['rest/get_product.json', 'rest/get_product_perp_intx.json'] as const

const junk = fc.oneof(
  fc.constantFrom(null, true, 0, -1, Number.NaN, Number.POSITIVE_INFINITY, 1e308, {}, [], ''),
  fc.constantFrom(
    'NaN',
    'Infinity',
    '-1',
    '1e5',
    '0x10',
    ' 1',
    '__proto__',
    'constructor',
    '9'.repeat(5_000),
  ),
  fc.string({ maxLength: 20 }),
  fc.anything({ maxDepth: 2 }),
)

describe('productSpec under fuzzing', () => {
  for (const name of FIXTURES) {
    it(`a mutated ${name} parses or names the mutated field`, () => {
      const fixture = loadFixture(name)
      expect(Validator.from(productSpec).is(fixture)).toBe(true)
      fc.assert(
        fc.property(fieldMutation(fixture, junk), ({ value, path }) => {
          let spec: ReturnType<typeof productSpec.parse>
          try {
            spec = Validator.from(productSpec).parse(value, 'product')
          } catch (error) {
            expect(isValidationError(error), String(error)).toBe(true)
            if (isValidationError(error)) {
              expect(error.issues.map((issue) => issue.path[0])).toContain(path[0])
              expect(error.message).toContain(String(path[0]))
            }
            return
          }
          for (const field of [
            'base_increment',
            'quote_increment',
            'price_increment',
            'base_min_size',
          ] as const) {
            expect(isDecimal(spec[field]) && spec[field].isFinite()).toBe(true)
          }
        }),
        { numRuns: RUNS },
      )
    })
  }

  it('random objects with prototype-pollution keys fail without polluting Object.prototype', () => {
    const keyed = fc.dictionary(
      fc.constantFrom('__proto__', 'constructor', 'prototype', 'product_id', 'base_increment', 'status'),
      fc.anything({ maxDepth: 2 }),
    )
    fc.assert(
      fc.property(fc.oneof(keyed, fc.anything({ maxDepth: 3, withNullPrototype: true })), (input) => {
        const result = Validator.from(productSpec).validate(input)
        if (!result.ok) expect(result.issues.length).toBeGreaterThan(0)
        expect(({} as Record<string, unknown>).product_id).toBeUndefined()
      }),
      { numRuns: RUNS },
    )
  })
})
