import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { increment, signedDecimalString } from '../test/arbitraries.js'
import { Decimal, formatDecimal } from './decimal.js'
import { decimalPlaces, isMultipleOf, type QuantizeMode, quantize } from './quantize.js'

const RUNS = { numRuns: 1000 }
const q = (value: string, inc: string, mode: QuantizeMode) => formatDecimal(quantize(value, inc, mode))

describe('quantize', () => {
  it('meets the acceptance examples', () => {
    expect(q('0.123456789', '0.00000001', 'floor')).toBe('0.12345678')
    expect(q('67000.015', '0.01', 'half-even')).toBe('67000.02')
  })

  it.each([
    ['12.3', '5', 'floor', '10'],
    ['12.3', '5', 'ceil', '15'],
    ['12.5', '5', 'half-even', '10'],
    ['17.5', '5', 'half-even', '20'],
    ['26.7187147229469674', '1', 'floor', '26'],
    ['26.7187147229469674', '1', 'ceil', '27'],
    ['0.0037', '0.0025', 'floor', '0.0025'],
    ['0.0037', '0.0025', 'half-even', '0.0025'],
    ['0.00375', '0.0025', 'half-even', '0.005'],
    ['0.0037', '0.0025', 'ceil', '0.005'],
    ['67000.025', '0.01', 'half-even', '67000.02'],
    ['-1.005', '0.01', 'floor', '-1.01'],
    ['-1.005', '0.01', 'ceil', '-1'],
    ['-1.005', '0.01', 'half-even', '-1'],
    ['-0.001', '0.01', 'ceil', '0'],
    ['3', '0.01', 'floor', '3'],
    ['0', '0.00000001', 'ceil', '0'],
    [
      '123456789012345678901234567890.123456789',
      '0.00000001',
      'floor',
      '123456789012345678901234567890.12345678',
    ],
  ] as const)('quantize(%s, %s, %s) = %s', (value, inc, mode, expected) => {
    expect(q(value, inc, mode)).toBe(expected)
  })

  it('accepts Decimal inputs', () => {
    expect(formatDecimal(quantize(new Decimal('1.239'), new Decimal('0.01'), 'ceil'))).toBe('1.24')
  })

  it('rejects bad increments, values and modes with pinned messages', () => {
    expect(() => quantize('1', '0', 'floor')).toThrowErrorMatchingInlineSnapshot(`
      [ValidationError: 1 validation issue

      - increment: must be greater than 0, got 0 (INVALID_INCREMENT)]
    `)
    expect(() => quantize('1', '-0.01', 'floor')).toThrowErrorMatchingInlineSnapshot(`
      [ValidationError: 1 validation issue

      - increment: must be greater than 0, got -0.01 (INVALID_INCREMENT)]
    `)
    expect(() => quantize('1e5', '0.01', 'floor')).toThrowErrorMatchingInlineSnapshot(`
      [ValidationError: 1 validation issue

      - value: must be a decimal string like "12.34", got "1e5" (INVALID_DECIMAL)]
    `)
    expect(() => quantize('1.005', '0.01', 'up' as QuantizeMode)).toThrowErrorMatchingInlineSnapshot(`
      [ValidationError: 1 validation issue

      - mode: must be 'floor', 'ceil' or 'half-even', got "up" (INVALID_VALUE)]
    `)
  })

  it('property: floor is ≤ the input, a multiple of the increment, within one increment, idempotent', () => {
    fc.assert(
      fc.property(signedDecimalString, increment, (value, inc) => {
        const out = quantize(value, inc, 'floor')
        expect(out.lte(value)).toBe(true)
        expect(new Decimal(value).minus(out).lt(inc)).toBe(true)
        expect(isMultipleOf(out, inc)).toBe(true)
        expect(out.decimalPlaces()).toBeLessThanOrEqual(decimalPlaces(inc))
        expect(quantize(out, inc, 'floor').eq(out)).toBe(true)
      }),
      RUNS,
    )
  })

  it('property: ceil is ≥ the input, a multiple, within one increment, idempotent', () => {
    fc.assert(
      fc.property(signedDecimalString, increment, (value, inc) => {
        const out = quantize(value, inc, 'ceil')
        expect(out.gte(value)).toBe(true)
        expect(out.minus(value).lt(inc)).toBe(true)
        expect(isMultipleOf(out, inc)).toBe(true)
        expect(out.decimalPlaces()).toBeLessThanOrEqual(decimalPlaces(inc))
        expect(quantize(out, inc, 'ceil').eq(out)).toBe(true)
      }),
      RUNS,
    )
  })

  it('property: half-even is within half an increment, a multiple, and lands on floor or ceil', () => {
    fc.assert(
      fc.property(signedDecimalString, increment, (value, inc) => {
        const out = quantize(value, inc, 'half-even')
        expect(out.minus(value).abs().lte(new Decimal(inc).div(2))).toBe(true)
        expect(isMultipleOf(out, inc)).toBe(true)
        expect(out.decimalPlaces()).toBeLessThanOrEqual(decimalPlaces(inc))
        expect(out.eq(quantize(value, inc, 'floor')) || out.eq(quantize(value, inc, 'ceil'))).toBe(true)
        expect(quantize(out, inc, 'half-even').eq(out)).toBe(true)
      }),
      RUNS,
    )
  })
})

describe('isMultipleOf / decimalPlaces', () => {
  it('checks exact multiples', () => {
    expect(isMultipleOf('0.0075', '0.0025')).toBe(true)
    expect(isMultipleOf('67000.015', '0.01')).toBe(false)
    expect(isMultipleOf('26.7187147229469674', '1')).toBe(false)
    expect(isMultipleOf('15', '5')).toBe(true)
    expect(isMultipleOf('-0.02', '0.01')).toBe(true)
  })

  it('counts decimal places without trailing zeros', () => {
    expect(decimalPlaces('0.00000001')).toBe(8)
    expect(decimalPlaces('0.0025')).toBe(4)
    expect(decimalPlaces('5')).toBe(0)
    expect(decimalPlaces('1.50')).toBe(1)
  })
})

/** The integer algorithm quantize always used, kept as the reference for its 10^−k fast path. */
function integerQuantize(value: Decimal, inc: Decimal, mode: QuantizeMode): Decimal {
  const dp = Math.max(value.decimalPlaces(), inc.decimalPlaces())
  const scaled = (d: Decimal) => BigInt(d.toFixed(dp).replace('.', ''))
  const v = scaled(value)
  const step = scaled(inc)
  let quotient = v / step
  const remainder = v % step
  if (remainder !== 0n) {
    const sign = v < 0n ? -1n : 1n
    if (mode === 'floor' && sign < 0n) quotient -= 1n
    if (mode === 'ceil' && sign > 0n) quotient += 1n
    if (mode === 'half-even') {
      const twice = 2n * (remainder < 0n ? -remainder : remainder)
      if (twice > step || (twice === step && quotient % 2n !== 0n)) quotient += sign
    }
  }
  const out = quotient * step
  const digits = (out < 0n ? -out : out).toString().padStart(dp + 1, '0')
  const text = dp === 0 ? digits : `${digits.slice(0, -dp)}.${digits.slice(-dp)}`
  return new Decimal(out < 0n ? `-${text}` : text)
}

describe('quantize / isMultipleOf on 10^−k grids (decimal-place fast path)', () => {
  const powers = fc.integer({ min: 0, max: 20 }).map((k) => new Decimal(10).pow(-k))
  const modes = fc.constantFrom<QuantizeMode>('floor', 'ceil', 'half-even')
  it('property: the same value, sign and printed form as the integer algorithm', () => {
    fc.assert(
      fc.property(signedDecimalString, powers, modes, (value, inc, mode) => {
        const fast = quantize(value, inc, mode)
        const reference = integerQuantize(new Decimal(value), inc, mode)
        expect(JSON.stringify(fast)).toBe(JSON.stringify(reference))
        expect(formatDecimal(fast)).toBe(formatDecimal(reference))
        const d = new Decimal(value)
        const dp = Math.max(d.decimalPlaces(), inc.decimalPlaces())
        const multiple =
          BigInt(d.toFixed(dp).replace('.', '')) % BigInt(inc.toFixed(dp).replace('.', '')) === 0n
        expect(isMultipleOf(value, inc)).toBe(multiple)
      }),
      RUNS,
    )
  })

  it('rounds negative values toward the right side and never returns −0', () => {
    const inc = new Decimal('0.01')
    expect(formatDecimal(quantize('-1.234', inc, 'floor'))).toBe('-1.24')
    expect(formatDecimal(quantize('-1.234', inc, 'ceil'))).toBe('-1.23')
    expect(JSON.stringify(quantize('-0.001', inc, 'ceil'))).toBe('"0"')
    expect(JSON.stringify(quantize('-0', inc, 'floor'))).toBe('"0"')
    expect(isMultipleOf('-1.5', new Decimal('0.1'))).toBe(true)
    expect(isMultipleOf('1.55', new Decimal('0.1'))).toBe(false)
  })
})
