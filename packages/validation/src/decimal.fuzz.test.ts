import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Decimal, decimal, isDecimal, signedDecimal, toDecimal } from './decimal.js'
import { isValidationError } from './errors.js'
import { Validator } from './validator.js'

// Fuzzing (issue #10 item 5): the money parsers get random junk and near-numbers. They return a
// finite Decimal or report a ValidationError (INVALID_DECIMAL / INVALID_TYPE); never a TypeError,
// a decimal.js `[DecimalError]`, NaN or Infinity.

const RUNS = 400

const nearNumbers = fc.oneof(
  fc.constantFrom(
    'NaN',
    'Infinity',
    '-Infinity',
    '1e5',
    '1E-400',
    '1e309',
    '0x10',
    '0b1',
    '0o7',
    '1_000',
    '-0',
    '+1',
    '.5',
    '5.',
    '--1',
    '1.2.3',
    ' 1',
    '1 ',
    '١',
    '',
    '__proto__',
    'constructor',
    '9'.repeat(10_000),
    `0.${'0'.repeat(10_000)}1`,
    `-${'1'.repeat(10_000)}.${'1'.repeat(10_000)}`,
  ),
  fc.double().map(String),
  fc.bigInt().map(String),
  fc.stringMatching(/^[-+]?\d{0,30}(\.\d{0,30})?([eE][-+]?\d{1,4})?$/),
)

const hostile: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({
    maxDepth: 2,
    withBigInt: true,
    withBoxedValues: true,
    withNullPrototype: true,
    withTypedArray: true,
  }),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.double(),
  fc.constantFrom(new Decimal(Number.NaN), new Decimal(Number.POSITIVE_INFINITY), new Decimal('-0')),
  nearNumbers,
)

function expectFiniteOrTyped(run: () => unknown, named = true): void {
  let value: unknown
  try {
    value = run()
  } catch (error) {
    expect(isValidationError(error), String(error)).toBe(true)
    if (isValidationError(error)) {
      expect(error.code).toBe('VALIDATION_FAILED')
      if (named) expect(error.issues[0]?.path.length).toBeGreaterThan(0)
    }
    return
  }
  expect(isDecimal(value)).toBe(true)
  if (isDecimal(value)) expect(value.isFinite()).toBe(true)
}

describe('decimal parsers under fuzzing', () => {
  it('toDecimal names the field in every rejection', () => {
    fc.assert(
      fc.property(hostile, (input) => {
        expectFiniteOrTyped(() => toDecimal(input, 'order.limit_price'))
        try {
          toDecimal(input, 'order.limit_price')
        } catch (error) {
          expect((error as Error).message).toContain('order.limit_price')
        }
      }),
      { numRuns: RUNS },
    )
  })

  it('decimal and signedDecimal (zod) yield finite Decimals or a ValidationError', () => {
    fc.assert(
      fc.property(fc.oneof(hostile, nearNumbers), (input) => {
        for (const schema of [decimal, signedDecimal]) {
          expect(typeof schema.safeParse(input).success).toBe('boolean')
          expectFiniteOrTyped(() => Validator.from(schema).parse(input), false)
          const result = Validator.from(schema).validate(input, ['price'])
          if (!result.ok) expect(result.issues.every((issue) => issue.path[0] === 'price')).toBe(true)
        }
      }),
      { numRuns: RUNS },
    )
  })

  it('a 10,000-digit decimal string parses exactly and quickly', () => {
    const digits = '9'.repeat(10_000)
    const started = performance.now()
    expect(toDecimal(digits).toFixed()).toBe(digits)
    expect(performance.now() - started).toBeLessThan(1_000)
  })

  it('a non-finite Decimal is rejected with a message', () => {
    expect(() => toDecimal(new Decimal(Number.NaN), 'size')).toThrowErrorMatchingInlineSnapshot(`
      [ValidationError: 1 validation issue

      - size: must be a finite decimal (INVALID_DECIMAL)]
    `)
  })
})
