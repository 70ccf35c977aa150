import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isValidationError } from './errors.js'
import { isProductId, parseProductId, productId } from './productId.js'
import { Validator } from './validator.js'

// Fuzzing (issue #10 item 5): product ids come from config files, CLI flags and the wire.

const RUNS = 400

const nearIds = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9]{0,6}(-[A-Za-z0-9]{0,8}){0,3}$/),
  fc
    .tuple(
      fc.constantFrom('BTC', 'ETH', 'bit', ''),
      fc.constantFrom('PERP', '28NOV25', '31FOO25', 'USD', ''),
      fc.constantFrom('INTX', 'CDE', 'intx', 'X', ''),
    )
    .map(([a, b, c]) => `${a}-${b}-${c}`),
  fc.constantFrom(
    '__proto__',
    'constructor',
    'BTC--USD',
    '-BTC-USD',
    'BTC-USD-',
    'BTC-BTC',
    'BTC_USD',
    'BTC/USD',
    'ＢＴＣ-USD',
    'ß-USD',
    'BTC-USD\n',
    `${'A'.repeat(21)}-USD`,
    `${'A-'.repeat(10_000)}A`,
    'A'.repeat(100_000),
  ),
)

const hostile: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({ maxDepth: 2, withBigInt: true, withBoxedValues: true, withNullPrototype: true }),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  nearIds,
)

describe('product id parsers under fuzzing', () => {
  it('parseProductId returns a consistent id or throws a ValidationError naming productId', () => {
    fc.assert(
      fc.property(hostile, (input) => {
        let parsed: ReturnType<typeof parseProductId>
        try {
          parsed = parseProductId(input as string)
        } catch (error) {
          expect(isValidationError(error), String(error)).toBe(true)
          if (isValidationError(error)) {
            expect(error.issues[0]?.code).toBe('INVALID_PRODUCT_ID')
            expect(error.message).toContain('productId:')
          }
          expect(isProductId(input)).toBe(false)
          return
        }
        expect(isProductId(input)).toBe(true)
        expect(parsed.id).toBe((input as string).toUpperCase())
        expect(parsed.id.startsWith(parsed.base)).toBe(true)
      }),
      { numRuns: RUNS },
    )
  })

  it('the productId schema agrees with isProductId and never throws from safeParse', () => {
    fc.assert(
      fc.property(hostile, (input) => {
        const result = productId.safeParse(input)
        expect(result.success).toBe(isProductId(input))
        const checked = Validator.from(productId).validate(input, ['universe', 0])
        if (!checked.ok) expect(checked.issues[0]?.path).toEqual(['universe', 0])
      }),
      { numRuns: RUNS },
    )
  })

  it('a 100,000-character id is rejected quickly', () => {
    const started = performance.now()
    expect(isProductId(`${'A-'.repeat(50_000)}A`)).toBe(false)
    expect(performance.now() - started).toBeLessThan(500)
  })
})
