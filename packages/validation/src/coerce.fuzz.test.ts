import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { booleanish, commaList, decimalish, duration, percent } from './coerce.js'
import { isDecimal } from './decimal.js'
import { isValidationError } from './errors.js'
import { Validator } from './validator.js'

// Fuzzing (issue #10 item 5): config/env coercions get random junk and must either produce a value
// that keeps the schema's promise or report a ValidationError. Never a TypeError, never a hang.

const RUNS = 300

/** Strings that look almost like numbers, booleans or durations, plus prototype keys and huge inputs. */
const trickyStrings = fc.constantFrom(
  'NaN',
  'Infinity',
  '-Infinity',
  '1e309',
  '-1e309',
  '1e-400',
  '0x1F',
  '0b101',
  '1_000',
  '-0',
  '+1',
  '.5',
  '5.',
  '1,5',
  '١٢٣',
  '\u00a01\u00a0',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '9'.repeat(400),
  `${'9'.repeat(400)}ms`,
  `${'9'.repeat(400)}d`,
  `0.${'0'.repeat(5_000)}1`,
  '1'.repeat(50_000),
  ','.repeat(10_000),
  ' '.repeat(10_000),
  `${'1'.repeat(20_000)}x`,
  '-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIA\n-----END EC PRIVATE KEY-----',
)

const deepNest = fc.integer({ min: 50, max: 2_000 }).map((depth) => {
  let value: unknown = 'leaf'
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : { __proto__: value, constructor: value }
  return value
})

/** Structurally random input of bounded size. */
const hostile: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({
    maxDepth: 3,
    maxKeys: 5,
    withBigInt: true,
    withBoxedValues: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withObjectString: true,
    withSparseArray: true,
    withTypedArray: true,
  }),
  fc.string({ maxLength: 64 }),
  fc.string({ unit: 'binary', maxLength: 64 }),
  fc.json({ maxDepth: 3 }),
  fc.double(),
  fc.bigInt(),
  trickyStrings,
  deepNest,
)

function expectTypedFailure(error: unknown): void {
  expect(isValidationError(error), String(error)).toBe(true)
  if (isValidationError(error)) {
    expect(error.code).toBe('VALIDATION_FAILED')
    expect(error.issues.length).toBeGreaterThan(0)
  }
}

/** Runs `schema` on `input` both ways: safeParse must not throw, `Validator.parse` throws only ValidationError. */
function check<T>(
  schema: Parameters<typeof Validator.from>[0],
  input: unknown,
  onValue: (value: T) => void,
): void {
  const safe = (schema as { safeParse: (input: unknown) => { success: boolean } }).safeParse(input)
  expect(typeof safe.success).toBe('boolean')
  let value: T
  try {
    value = Validator.from(schema).parse(input, 'config') as T
  } catch (error) {
    expectTypedFailure(error)
    return
  }
  onValue(value)
}

describe('coercions under fuzzing', () => {
  it('booleanish yields a boolean or a ValidationError', () => {
    fc.assert(
      fc.property(hostile, (input) =>
        check<boolean>(booleanish, input, (value) => expect(typeof value).toBe('boolean')),
      ),
      { numRuns: RUNS },
    )
  })

  it('commaList yields trimmed, non-empty strings or a ValidationError', () => {
    fc.assert(
      fc.property(hostile, (input) =>
        check<string[]>(commaList, input, (value) => {
          expect(Array.isArray(value)).toBe(true)
          for (const item of value) {
            expect(item).toBe(item.trim())
            expect(item).not.toBe('')
          }
        }),
      ),
      { numRuns: RUNS },
    )
  })

  it('duration yields a finite, non-negative whole number of ms or a ValidationError', () => {
    fc.assert(
      fc.property(hostile, (input) =>
        check<number>(duration, input, (value) => {
          expect(Number.isInteger(value)).toBe(true)
          expect(Number.isFinite(value)).toBe(true)
          expect(value).toBeGreaterThanOrEqual(0)
        }),
      ),
      { numRuns: RUNS },
    )
  })

  it('decimalish and percent yield finite Decimals or a ValidationError', () => {
    fc.assert(
      fc.property(hostile, (input) => {
        for (const schema of [decimalish, percent]) {
          check(schema, input, (value) => {
            expect(isDecimal(value)).toBe(true)
            if (isDecimal(value)) expect(value.isFinite()).toBe(true)
          })
        }
      }),
      { numRuns: RUNS },
    )
  })

  it('a huge digit run is not a duration of Infinity', () => {
    expect(() =>
      Validator.from(duration).parse(`${'9'.repeat(400)}s`, 'config'),
    ).toThrowErrorMatchingInlineSnapshot(`
      [ValidationError: config: 1 validation issue

      - expected a duration like "250ms", "30s", "5m", "2h" or "1d", got "9999999999999999999999999999999999999999…" (INVALID_VALUE)]
    `)
  })

  it('the rejected value is quoted but a private key in it is scrubbed', () => {
    const pem = '-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIAbcdef\n-----END EC PRIVATE KEY-----'
    fc.assert(
      fc.property(fc.constantFrom(booleanish, duration, percent, decimalish), (schema) => {
        try {
          Validator.from(schema).parse(pem)
          expect.unreachable()
        } catch (error) {
          expectTypedFailure(error)
          expect(String((error as Error).message)).not.toContain('MHcCAQ')
        }
      }),
      { numRuns: 8 },
    )
  })
})
