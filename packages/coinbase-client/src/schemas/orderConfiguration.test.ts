import { Decimal } from 'decimal.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isInvalidArgumentError } from '../errors/guards.js'
import {
  type OrderConfiguration,
  orderConfigurationKeys,
  serializeAttachedOrderConfiguration,
  serializeOrderConfiguration,
  toDecimalString,
} from './orderConfiguration.js'

const end = new Date('2026-02-01T00:00:00Z')

function messageOf(fn: () => unknown): string {
  try {
    fn()
  } catch (error) {
    expect(isInvalidArgumentError(error)).toBe(true)
    return (error as Error).message
  }
  throw new Error('expected a throw')
}

describe('serializeOrderConfiguration', () => {
  it('covers every order type in coinbase-api-notes §2.2', () => {
    const examples: OrderConfiguration[] = [
      { market_market_ioc: { quote_size: '10' } },
      { market_market_ioc: { base_size: new Decimal('0.0001'), rfq_disabled: true } },
      { market_market_fok: { base_size: '0.5' } },
      { sor_limit_ioc: { base_size: '0.01', limit_price: '50000.5' } },
      { limit_limit_gtc: { base_size: '0.01', limit_price: '50000', post_only: true } },
      { limit_limit_gtd: { quote_size: '100', limit_price: '50000', end_time: end } },
      { limit_limit_fok: { base_size: '0.01', limit_price: '50000' } },
      {
        twap_limit_gtd: {
          base_size: '1',
          start_time: end,
          end_time: '2026-02-02T00:00:00Z',
          limit_price: '51000',
          number_buckets: 24,
          bucket_size: '0.0416',
          bucket_duration: '3600s',
        },
      },
      {
        stop_limit_stop_limit_gtc: {
          base_size: '0.01',
          limit_price: '49000',
          stop_price: '49500',
          stop_direction: 'STOP_DIRECTION_STOP_DOWN',
        },
      },
      {
        stop_limit_stop_limit_gtd: {
          base_size: '0.01',
          limit_price: '52000',
          stop_price: '51500',
          stop_direction: 'STOP_DIRECTION_STOP_UP',
          end_time: end,
        },
      },
      { trigger_bracket_gtc: { base_size: '0.01', limit_price: '60000', stop_trigger_price: '45000' } },
      {
        trigger_bracket_gtd: {
          base_size: '0.01',
          limit_price: '60000',
          stop_trigger_price: '45000',
          end_time: end,
        },
      },
      {
        scaled_limit_gtc: {
          orders: [
            { base_size: '0.01', limit_price: '49000', post_only: true },
            { base_size: '0.02', limit_price: '48000' },
          ],
        },
      },
      {
        scaled_limit_gtc: {
          base_size: '0.1',
          num_orders: 5,
          min_price: '45000',
          max_price: '49000',
          price_distribution: 'FLAT',
          size_distribution: 'EVENLY_SPLIT',
        },
      },
    ]
    const keys = new Set(examples.map((e) => Object.keys(e)[0]))
    expect([...keys].sort()).toEqual([...orderConfigurationKeys].sort())
    const wire = examples.map((e) => serializeOrderConfiguration(e))
    expect(wire).toMatchSnapshot()
    // Nothing numeric reaches the wire except through strings.
    const json = JSON.stringify(wire)
    expect(json).not.toMatch(/"(base_size|quote_size|limit_price|stop_price|stop_trigger_price)":\d/)
  })

  it('names every offending field', () => {
    const message = messageOf(() =>
      serializeOrderConfiguration({
        stop_limit_stop_limit_gtc: {
          base_size: 0.1 as unknown as string,
          limit_price: '-5',
          stop_price: '1e3',
          stop_direction: 'STOP_DIRECTION_STOP_UP',
        },
      }),
    )
    expect(message).toMatchInlineSnapshot(`
      "Invalid order configuration: 3 issues

      Details: order_configuration.stop_limit_stop_limit_gtc.base_size: must be a decimal string or Decimal, not the number 0.1 (JS numbers lose precision); order_configuration.stop_limit_stop_limit_gtc.limit_price: must be a plain decimal string like "0.001", got "-5"; order_configuration.stop_limit_stop_limit_gtc.stop_price: must be a plain decimal string like "0.001", got "1e3""
    `)
    expect(
      messageOf(() =>
        serializeOrderConfiguration({
          limit_limit_gtc: { base_size: '1', quote_size: '2', limit_price: '3' },
        } as unknown as OrderConfiguration),
      ),
    ).toMatchInlineSnapshot(`
      "Invalid order configuration: 1 issue

      Details: order_configuration.limit_limit_gtc: give exactly one of base_size / quote_size"
    `)
    expect(
      messageOf(() =>
        serializeOrderConfiguration({
          limit_limit_gtc: { limit_price: '3' },
        } as unknown as OrderConfiguration),
      ),
    ).toMatch(/exactly one of base_size \/ quote_size/)
    expect(
      messageOf(() =>
        serializeOrderConfiguration({
          market_market_ioc: { quote_size: '1' },
          limit_limit_gtc: { base_size: '1', limit_price: '1' },
        } as unknown as OrderConfiguration),
      ),
    ).toMatch(/exactly one order type key, got 2/)
    expect(
      messageOf(() => serializeOrderConfiguration({ iceberg: {} } as unknown as OrderConfiguration)),
    ).toMatch(/unknown order type/)
  })

  it('attached bracket configuration', () => {
    expect(
      serializeAttachedOrderConfiguration({
        trigger_bracket_gtc: { limit_price: new Decimal('60000.00'), stop_trigger_price: '45000' },
      }),
    ).toEqual({ trigger_bracket_gtc: { limit_price: '60000', stop_trigger_price: '45000' } })
  })
})

describe('toDecimalString (property)', () => {
  const positiveDecimal = fc
    .tuple(fc.bigInt({ min: 1n, max: 10n ** 30n }), fc.integer({ min: 0, max: 18 }))
    .map(([units, scale]) => new Decimal(units.toString()).div(new Decimal(10).pow(scale)))

  it('any positive Decimal becomes a plain decimal string with exactly the same value', () => {
    fc.assert(
      fc.property(positiveDecimal, (d) => {
        const out = toDecimalString(d)
        return typeof out === 'string' && /^(0|[1-9]\d*)(\.\d+)?$/.test(out) && new Decimal(out).eq(d)
      }),
      { numRuns: 300 },
    )
  })

  it('a valid decimal string passes through unchanged; any JS number is refused', () => {
    fc.assert(
      fc.property(positiveDecimal, fc.double({ noNaN: true }), (d, n) => {
        const text = d.toFixed()
        return toDecimalString(text) === text && typeof toDecimalString(n) === 'object'
      }),
      { numRuns: 300 },
    )
  })

  it('tiny and huge Decimals never print in exponent form', () => {
    expect(toDecimalString(new Decimal('1e-8'))).toBe('0.00000001')
    expect(toDecimalString(new Decimal('1e21'))).toBe('1000000000000000000000')
    expect(toDecimalString(new Decimal(0))).toEqual({ error: 'must be greater than 0, got 0' })
  })
})
