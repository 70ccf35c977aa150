import { loadFixture } from '@gpt-trader/test-utils'
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

type Key = string | number

function paths(value: unknown, prefix: Key[] = [], out: Key[][] = []): Key[][] {
  if (prefix.length > 0) out.push(prefix)
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) paths(item, [...prefix, index], out)
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) paths(item, [...prefix, key], out)
  }
  return out
}

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

/** A deep copy of `fixture` with one field dropped or replaced by junk, and the path of that field. */
function mutation(fixture: unknown) {
  const all = paths(fixture)
  return fc.tuple(fc.nat({ max: all.length - 1 }), fc.boolean(), junk).map(([index, drop, value]) => {
    const path = all[index] ?? []
    const copy = structuredClone(fixture) as Record<Key, unknown>
    let parent: Record<Key, unknown> = copy
    for (const key of path.slice(0, -1)) parent = parent[key] as Record<Key, unknown>
    const last = path[path.length - 1] as Key
    if (drop) delete parent[last]
    else Object.defineProperty(parent, last, { value, enumerable: true, writable: true, configurable: true })
    return { value: copy as unknown, path }
  })
}

describe('productSpec under fuzzing', () => {
  for (const name of FIXTURES) {
    it(`a mutated ${name} parses or names the mutated field`, () => {
      const fixture = loadFixture(name)
      expect(Validator.from(productSpec).is(fixture)).toBe(true)
      fc.assert(
        fc.property(mutation(fixture), ({ value, path }) => {
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
