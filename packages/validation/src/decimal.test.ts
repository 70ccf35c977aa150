import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { signedDecimalString, unsignedDecimalString } from '../test/arbitraries.js'
import { Decimal, decimal, formatDecimal, signedDecimal, toDecimal } from './decimal.js'

/** Canonical form of a decimal string: no leading zeros, no trailing fraction zeros, no `-0`. */
function canonical(text: string): string {
  const negative = text.startsWith('-')
  const [int = '0', frac = ''] = (negative ? text.slice(1) : text).split('.')
  const i = int.replace(/^0+(?=\d)/, '')
  const f = frac.replace(/0+$/, '')
  const body = f ? `${i}.${f}` : i
  return negative && body !== '0' ? `-${body}` : body
}

describe('decimal schemas', () => {
  it.each(['0', '0.00000001', '12345.6789', '3400', '0.0000000000000000'])('accepts %j', (text) => {
    expect(decimal.safeParse(text).success).toBe(true)
  })

  it.each([
    '',
    'NaN',
    'Infinity',
    '1e5',
    '0x10',
    '+1',
    ' 1',
    '1.',
    '-1.5',
    '.5',
    '1,5',
  ])('rejects %j', (text) => {
    expect(decimal.safeParse(text).success).toBe(false)
  })

  it('signed variant accepts a leading minus', () => {
    expect(signedDecimal.parse('-1.5').toFixed()).toBe('-1.5')
    expect(signedDecimal.safeParse('--1').success).toBe(false)
  })

  it('pins the schema message', () => {
    expect(decimal.safeParse('1e5').error?.issues[0]?.message).toMatchInlineSnapshot(
      `"expected a decimal string like "12.34" (digits, optional fraction, no sign)"`,
    )
  })

  it('property: parse then format round-trips to the canonical string (1,000 runs)', () => {
    fc.assert(
      fc.property(unsignedDecimalString, (text) => {
        expect(formatDecimal(decimal.parse(text))).toBe(canonical(text))
      }),
      { numRuns: 1000 },
    )
    fc.assert(
      fc.property(signedDecimalString, (text) => {
        const value = signedDecimal.parse(text)
        expect(formatDecimal(value)).toBe(canonical(text))
        expect(signedDecimal.parse(formatDecimal(value)).eq(value)).toBe(true)
      }),
      { numRuns: 1000 },
    )
  })

  it('property: formatDecimal of a sequence with repeats (its last-value memo) equals a fresh toFixed', () => {
    const reference = (value: Decimal, decimals?: number) => {
      const out = decimals === undefined ? value.toFixed() : value.toFixed(decimals, Decimal.ROUND_HALF_EVEN)
      return /^-0(?:\.0+)?$/.test(out) ? out.slice(1) : out
    }
    const pool = fc.array(signedDecimalString, { minLength: 1, maxLength: 4 })
    const step = fc.record({
      pick: fc.nat(),
      decimals: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
    })
    fc.assert(
      fc.property(pool, fc.array(step, { maxLength: 20 }), (texts, steps) => {
        const values = texts.map((t) => new Decimal(t))
        for (const { pick, decimals } of steps) {
          const value = values[pick % values.length]!
          expect(formatDecimal(value, decimals)).toBe(reference(value, decimals))
        }
      }),
      { numRuns: 300 },
    )
    // Invalid input still fails, also right after a value was printed.
    expect(() => formatDecimal(undefined as unknown as Decimal)).toThrow(TypeError)
  })

  it('formatDecimal never uses exponent notation', () => {
    expect(formatDecimal(new Decimal('1e-8'))).toBe('0.00000001')
    expect(formatDecimal(new Decimal('1e40'))).toBe('10000000000000000000000000000000000000000')
    expect(formatDecimal(new Decimal('-0'))).toBe('0')
    expect(formatDecimal(new Decimal('1.005'), 2)).toBe('1.00')
  })

  it('toDecimal rejects numbers with a pinned message', () => {
    expect(() => toDecimal(0.1, 'size')).toThrowErrorMatchingInlineSnapshot(`
      [ValidationError: 1 validation issue

      - size: must be a Decimal or a decimal string, got the number 0.1 (pass money as a decimal string) (INVALID_DECIMAL)]
    `)
  })
})

describe('formatDecimal: negative zero', () => {
  /** The check formatDecimal made before it read the text instead of parsing it. */
  const parsed = (value: Decimal, decimals?: number) => {
    const out = decimals === undefined ? value.toFixed() : value.toFixed(decimals, Decimal.ROUND_HALF_EVEN)
    return out.startsWith('-') && new Decimal(out).isZero() ? out.slice(1) : out
  }
  it('property: same text as parsing the printed value, with and without decimals', () => {
    const value = fc
      .tuple(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.integer({ min: 0, max: 30 }))
      .map(([digits, scale]) => new Decimal(digits.toString()).div(new Decimal(10).pow(scale)))
    fc.assert(
      fc.property(value, fc.option(fc.integer({ min: 0, max: 12 }), { nil: undefined }), (v, dp) => {
        expect(formatDecimal(v, dp)).toBe(parsed(v, dp))
      }),
      { numRuns: 2000 },
    )
  })
  it('drops the sign of every spelling of zero only', () => {
    expect(formatDecimal(new Decimal('-0'))).toBe('0')
    expect(formatDecimal(new Decimal('-0.001'), 2)).toBe('0.00')
    expect(formatDecimal(new Decimal('-0.005'), 2)).toBe('0.00')
    expect(formatDecimal(new Decimal('-0.0051'), 2)).toBe('-0.01')
    expect(formatDecimal(new Decimal('-10'), 0)).toBe('-10')
  })
})
