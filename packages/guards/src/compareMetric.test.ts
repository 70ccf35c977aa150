import { Decimal } from '@gpt-trader/validation'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compareMetric } from './compareMetric.js'
import { formatGuardMessage } from './formatGuardMessage.js'

describe('compareMetric', () => {
  it('compares money exactly and throws on corrupt input', () => {
    expect(compareMetric('263.10', 'gt', '250')).toBe(true)
    expect(compareMetric(-300, 'abs_gt', 250)).toBe(true)
    expect(compareMetric('0.30000000000000000001', 'gt', new Decimal('0.3'))).toBe(true)
    expect(() => compareMetric(Number.NaN, 'gt', 1)).toThrow(TypeError)
  })

  it('decimal-string comparison agrees with exact Decimal comparison (property)', () => {
    const money = fc
      .tuple(fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }), fc.integer({ min: 0, max: 12 }))
      .map(([n, scale]) => new Decimal(n.toString()).div(new Decimal(10).pow(scale)).toFixed())
    fc.assert(
      fc.property(money, money, (a, b) => {
        const c = new Decimal(a).cmp(b)
        expect(compareMetric(a, 'gt', b)).toBe(c > 0)
        expect(compareMetric(a, 'lte', b)).toBe(c <= 0)
        expect(compareMetric(a, 'eq', b)).toBe(c === 0)
        expect(compareMetric(a, 'abs_gte', new Decimal(b).abs().toFixed())).toBe(
          new Decimal(a).abs().gte(new Decimal(b).abs()),
        )
      }),
      { numRuns: 300 },
    )
  })
})

describe('formatGuardMessage', () => {
  it('fills known keys and context, leaves unknown ones', () => {
    const text = formatGuardMessage('{label} {verb} {threshold}{units} for {symbol} {nope}', {
      name: 'x',
      label: 'exposure',
      value: '1',
      threshold: '2',
      units: ' USD',
      verb: 'exceeded',
      status: 'breached',
      severity: 'critical',
      context: { symbol: 'ETH-USD' },
    })
    expect(text).toBe('exposure exceeded 2 USD for ETH-USD {nope}')
  })
})
