import { describe, expect, it } from 'vitest'
import { booleanish, commaList, decimalish, duration, percent } from './coerce.js'
import { Decimal } from './decimal.js'

describe('coercing schemas', () => {
  it.each([
    ['1', true],
    ['true', true],
    ['YES', true],
    [' on ', true],
    [true, true],
    [1, true],
    ['0', false],
    ['False', false],
    ['no', false],
    ['off', false],
    [false, false],
    [0, false],
  ] as const)('booleanish(%j) = %s', (input, expected) => {
    expect(booleanish.parse(input)).toBe(expected)
  })

  it('booleanish rejects anything else with a pinned message', () => {
    expect(booleanish.safeParse('maybe').error?.issues[0]?.message).toMatchInlineSnapshot(
      `"expected a boolean (true/false, yes/no, on/off, 1/0), got "maybe""`,
    )
    expect(booleanish.safeParse(2).success).toBe(false)
  })

  it('commaList splits, trims and drops empties', () => {
    expect(commaList.parse('BTC-USD, ETH-USD,,')).toEqual(['BTC-USD', 'ETH-USD'])
    expect(commaList.parse('')).toEqual([])
    expect(commaList.parse([' a ', 'b'])).toEqual(['a', 'b'])
  })

  it.each([
    ['250ms', 250],
    ['30s', 30_000],
    ['5m', 300_000],
    ['2h', 7_200_000],
    ['1d', 86_400_000],
    ['1.5s', 1_500],
    ['100', 100],
    [42, 42],
  ] as const)('duration(%j) = %d ms', (input, expected) => {
    expect(duration.parse(input)).toBe(expected)
  })

  it('duration rejects negatives and unknown units', () => {
    expect(duration.safeParse('-5s').success).toBe(false)
    expect(duration.safeParse('5w').success).toBe(false)
    expect(duration.safeParse(-1).success).toBe(false)
    expect(duration.safeParse('5w').error?.issues[0]?.message).toMatchInlineSnapshot(
      `"expected a duration like "250ms", "30s", "5m", "2h" or "1d", got "5w""`,
    )
  })

  it('percent yields a Decimal fraction', () => {
    expect(percent.parse('10%').toFixed()).toBe('0.1')
    expect(percent.parse('0.5%').toFixed()).toBe('0.005')
    expect(percent.parse('-2%').toFixed()).toBe('-0.02')
    expect(percent.parse('0.25').toFixed()).toBe('0.25')
    expect(percent.parse(0.1).toFixed()).toBe('0.1')
    expect(percent.parse('10%')).toBeInstanceOf(Decimal)
    expect(percent.safeParse('ten%').success).toBe(false)
  })

  it('decimalish accepts Decimals, decimal strings and finite numbers exactly', () => {
    expect(decimalish.parse(' 12.50 ').toFixed()).toBe('12.5')
    expect(decimalish.parse(0.1).toFixed()).toBe('0.1')
    expect(decimalish.parse(new Decimal('3')).toFixed()).toBe('3')
    for (const bad of ['1e5', 'NaN', '', Number.NaN, Number.POSITIVE_INFINITY, null, {}]) {
      expect(decimalish.safeParse(bad).success).toBe(false)
    }
  })
})
