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
