import {
  Decimal,
  type OrderInput,
  type OrderSide,
  type OrderType,
  productSpec,
  validateOrder,
} from '@gpt-trader/validation'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { spotSpec } from '../test/fixtures.js'
import type { BestBidAsk } from './PreTradeContext.js'
import { passesProductRulesFast, productRuleIssues } from './productRules.js'

const increments = ['1', '0.1', '0.01', '0.00000001', '0.5', '0.0025', '5']

const spec = fc
  .record({
    base: fc.constantFrom(...increments),
    quote: fc.constantFrom(...increments),
    price: fc.constantFrom(...increments),
    minSize: fc.constantFrom('0', '0.001', '1', '0.00000001'),
    maxSize: fc.constantFrom('0', '1000', '3400'),
    quoteMin: fc.constantFrom('0', '1', '10'),
    quoteMax: fc.constantFrom('0', '100000', '150000000'),
    status: fc.constantFrom('online', '', 'offline', 'ONLINE'),
    flags: fc.array(
      fc.constantFrom('trading_disabled', 'is_disabled', 'cancel_only', 'limit_only', 'post_only'),
      { maxLength: 2 },
    ),
  })
  .map((s) =>
    productSpec.parse({
      product_id: 'BTC-USD',
      base_increment: s.base,
      quote_increment: s.quote,
      price_increment: s.price,
      base_min_size: s.minSize,
      base_max_size: s.maxSize,
      quote_min_size: s.quoteMin,
      quote_max_size: s.quoteMax,
      status: s.status,
      ...Object.fromEntries(s.flags.map((f) => [f, true])),
    }),
  )

/** Decimals on and off common grids, zero, negatives; sometimes as strings, sometimes absent. */
const amount = fc.oneof(
  fc.integer({ min: -5, max: 2_000_000 }).map((n) => new Decimal(n).div(100)),
  fc.integer({ min: 0, max: 1_000_000 }).map((n) => new Decimal(n).div(10_000)),
  fc.integer({ min: 0, max: 100 }).map((n) => new Decimal(n).times('0.0025')),
  fc.integer({ min: 0, max: 100 }).map((n) => new Decimal(n).times(5)),
)
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 3 })
const stringOrDecimal = amount.chain((v) => fc.constantFrom<Decimal | string>(v, v.toFixed()))

const order: fc.Arbitrary<OrderInput> = fc.record({
  productId: fc.constantFrom('BTC-USD', 'btc-usd', 'ETH-USD'),
  side: fc.constantFrom('BUY', 'SELL', 'HOLD') as fc.Arbitrary<'BUY'>,
  type: fc.constantFrom('MARKET', 'LIMIT', 'STOP_LIMIT', 'BRACKET', 'ICEBERG') as fc.Arbitrary<'LIMIT'>,
  size: maybe(stringOrDecimal),
  quoteSize: maybe(stringOrDecimal),
  price: maybe(stringOrDecimal),
  stopPrice: maybe(stringOrDecimal),
  postOnly: maybe(fc.boolean()),
  timeInForce: maybe(fc.constantFrom('GTC', 'GTD', 'IOC', 'FOK', 'DAY')) as fc.Arbitrary<'GTC' | undefined>,
})

/** Orders built on the spec's own grids, so that many of them are valid and the fast path is exercised. */
function onGrid(s: ReturnType<typeof productSpec.parse>): fc.Arbitrary<OrderInput> {
  const multiple = (inc: Decimal) => fc.integer({ min: 0, max: 5_000 }).map((k) => inc.times(k))
  return fc
    .record({
      side: fc.constantFrom<OrderSide>('BUY', 'SELL'),
      type: fc.constantFrom<OrderType>('MARKET', 'LIMIT', 'LIMIT', 'STOP_LIMIT', 'BRACKET'),
      size: multiple(s.base_increment),
      quoteSize: multiple(s.quote_increment),
      byQuote: fc.boolean(),
      price: multiple(s.price_increment),
      stopPrice: multiple(s.price_increment),
      postOnly: maybe(fc.boolean()),
      timeInForce: maybe(fc.constantFrom('GTC', 'IOC', 'FOK')) as fc.Arbitrary<'GTC' | undefined>,
    })
    .map((o) => ({
      productId: 'BTC-USD',
      side: o.side,
      type: o.type,
      ...(o.byQuote && o.type === 'MARKET' ? { quoteSize: o.quoteSize } : { size: o.size }),
      ...(o.type === 'MARKET' ? {} : { price: o.price }),
      ...(o.type === 'STOP_LIMIT' || o.type === 'BRACKET' ? { stopPrice: o.stopPrice } : {}),
      postOnly: o.postOnly,
      timeInForce: o.timeInForce,
    }))
}

const book: fc.Arbitrary<BestBidAsk | undefined> = maybe(
  fc.record({ bestBid: amount, bestAsk: amount, at: fc.constant(0) }),
)

describe('product rules fast path', () => {
  it('never passes an order that validateOrder rejects (20,000 generated orders)', () => {
    let fast = 0
    fc.assert(
      fc.property(
        spec.chain((s) => fc.tuple(fc.oneof(order, onGrid(s)), fc.constant(s))),
        book,
        ([o, s], b) => {
          if (passesProductRulesFast(o, s, b)) {
            fast++
            expect(validateOrder(o, s, b)).toEqual([])
          }
        },
      ),
      { numRuns: 20_000 },
    )
    expect(fast).toBeGreaterThan(500)
  })

  it('takes the fast path for an ordinary order and falls back to validateOrder otherwise', () => {
    const btc = spotSpec('BTC-USD')
    const good = {
      productId: 'BTC-USD',
      side: 'BUY' as const,
      type: 'LIMIT' as const,
      size: new Decimal('0.01'),
      price: new Decimal('50000'),
    }
    expect(passesProductRulesFast(good, btc, undefined)).toBe(true)
    expect(productRuleIssues(good, btc, undefined)).toEqual([])
    const strings = { ...good, size: '0.01', price: '50000' }
    expect(passesProductRulesFast(strings, btc, undefined)).toBe(false)
    expect(productRuleIssues(strings, btc, undefined)).toEqual([])
    const bad = { ...good, price: new Decimal('50000.001') }
    expect(productRuleIssues(bad, btc, undefined).map((i) => i.code)).toEqual(['PRICE_NOT_INCREMENT'])
  })
})
