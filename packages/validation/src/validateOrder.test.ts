import { loadFixture } from '@gpt-trader/test-utils'
import { describe, expect, it } from 'vitest'
import { orderIssueCodes } from './codes.js'
import { Decimal } from './decimal.js'
import { isValidationError } from './errors.js'
import { type ProductSpec, productSpec } from './productSpec.js'
import { assertValidOrder, type BookTop, type OrderInput, validateOrder } from './validateOrder.js'

const btc = productSpec.parse({
  ...(loadFixture('rest/get_product.json') as object),
  base_min_size: '0.00001',
})
const withFlags = (flags: Partial<Record<string, unknown>>): ProductSpec =>
  productSpec.parse({
    ...(loadFixture('rest/get_product.json') as object),
    base_min_size: '0.00001',
    ...flags,
  })
// TONE-USD from coinbase-api-notes §4: the minimum is not a multiple of the increment.
const tone = productSpec.parse({
  product_id: 'TONE-USD',
  base_increment: '1',
  quote_increment: '0.00001',
  price_increment: '0.00001',
  base_min_size: '26.7187147229469674',
  base_max_size: '267187147.2294696735908216',
  quote_min_size: '1',
  quote_max_size: '10000000',
  status: 'online',
})

const limit: OrderInput = { productId: 'BTC-USD', side: 'BUY', type: 'LIMIT', size: '0.001', price: '67000' }
const book: BookTop = { bestBid: '66999.99', bestAsk: '67000.01' }

interface Row {
  code: string
  order: OrderInput
  spec?: ProductSpec
  book?: BookTop
  path: string
}

// One row per issue code: the order triggers that code (other codes may appear too).
const rows: Row[] = [
  { code: 'NON_POSITIVE', order: { ...limit, size: '0' }, path: 'size' },
  { code: 'NON_POSITIVE', order: { ...limit, price: '-1' }, path: 'price' },
  { code: 'SIZE_BELOW_MIN', order: { ...limit, size: '0.000001' }, path: 'size' },
  { code: 'SIZE_ABOVE_MAX', order: { ...limit, size: '3400.00000001' }, path: 'size' },
  { code: 'SIZE_NOT_INCREMENT', order: { ...limit, size: '0.123456789' }, path: 'size' },
  {
    code: 'SIZE_NOT_INCREMENT',
    order: { productId: 'BTC-USD', side: 'BUY', type: 'MARKET', quoteSize: '10.005' },
    path: 'quoteSize',
  },
  { code: 'SIZE_REQUIRED', order: { productId: 'BTC-USD', side: 'BUY', type: 'MARKET' }, path: 'size' },
  {
    code: 'QUOTE_SIZE_NOT_ALLOWED',
    order: { ...limit, size: undefined, quoteSize: '100' },
    path: 'quoteSize',
  },
  { code: 'PRICE_REQUIRED', order: { ...limit, price: undefined }, path: 'price' },
  { code: 'PRICE_REQUIRED', order: { ...limit, type: 'STOP_LIMIT' }, path: 'stopPrice' },
  { code: 'PRICE_NOT_ALLOWED', order: { ...limit, type: 'MARKET' }, path: 'price' },
  { code: 'PRICE_NOT_INCREMENT', order: { ...limit, price: '67000.015' }, path: 'price' },
  {
    code: 'PRICE_NOT_INCREMENT',
    order: { ...limit, type: 'BRACKET', side: 'SELL', price: '70000', stopPrice: '65000.001' },
    path: 'stopPrice',
  },
  { code: 'NOTIONAL_BELOW_MIN', order: { ...limit, size: '0.00001', price: '1000' }, path: 'size' },
  {
    code: 'NOTIONAL_BELOW_MIN',
    order: { productId: 'BTC-USD', side: 'BUY', type: 'MARKET', quoteSize: '0.99' },
    path: 'quoteSize',
  },
  {
    code: 'NOTIONAL_BELOW_MIN',
    order: { productId: 'BTC-USD', side: 'SELL', type: 'MARKET', size: '0.00001' },
    book: { bestBid: '50000', bestAsk: '50001' },
    path: 'size',
  },
  { code: 'NOTIONAL_ABOVE_MAX', order: { ...limit, size: '3000', price: '60000' }, path: 'size' },
  { code: 'PRODUCT_DISABLED', order: limit, spec: withFlags({ trading_disabled: true }), path: 'productId' },
  { code: 'PRODUCT_DISABLED', order: limit, spec: withFlags({ status: 'delisted' }), path: 'productId' },
  { code: 'CANCEL_ONLY', order: limit, spec: withFlags({ cancel_only: true }), path: 'productId' },
  {
    code: 'LIMIT_ONLY',
    order: { ...limit, type: 'MARKET', price: undefined },
    spec: withFlags({ limit_only: true }),
    path: 'type',
  },
  { code: 'POST_ONLY_REQUIRED', order: limit, spec: withFlags({ post_only: true }), path: 'postOnly' },
  {
    code: 'POST_ONLY_WOULD_CROSS',
    order: { ...limit, postOnly: true, price: '67000.01' },
    book,
    path: 'price',
  },
  {
    code: 'POST_ONLY_WOULD_CROSS',
    order: { ...limit, side: 'SELL', postOnly: true, price: '66999.99' },
    book,
    path: 'price',
  },
  {
    code: 'UNSUPPORTED_COMBINATION',
    order: { ...limit, postOnly: true, timeInForce: 'IOC' },
    path: 'postOnly',
  },
  { code: 'PRODUCT_MISMATCH', order: { ...limit, productId: 'ETH-USD' }, path: 'productId' },
]

describe('validateOrder', () => {
  it('accepts a good order (with and without a book)', () => {
    expect(validateOrder(limit, btc)).toEqual([])
    expect(validateOrder({ ...limit, postOnly: true, price: '67000' }, btc, book)).toEqual([])
    expect(
      validateOrder({ productId: 'btc-usd', side: 'BUY', type: 'MARKET', quoteSize: '25.5' }, btc),
    ).toEqual([])
    expect(
      validateOrder(
        {
          productId: 'BTC-USD',
          side: 'SELL',
          type: 'STOP_LIMIT',
          size: new Decimal('0.5'),
          price: '60000',
          stopPrice: '60100',
        },
        btc,
      ),
    ).toEqual([])
  })

  it.each(rows)('$code on $path', ({ code, order, spec, book: top, path }) => {
    const issues = validateOrder(order, spec ?? btc, top)
    expect(issues).toContainEqual(expect.objectContaining({ code, path: [path] }))
  })

  it('has a table row for every order issue code', () => {
    const covered = new Set(rows.map((row) => row.code))
    expect(Object.keys(orderIssueCodes).filter((code) => !covered.has(code))).toEqual([])
  })

  it('meets the acceptance example: 0.000001 BTC against base_min_size 0.00001', () => {
    const issues = validateOrder({ ...limit, size: '0.000001', price: '2000000' }, btc)
    expect(issues.map((issue) => issue.code)).toEqual(['SIZE_BELOW_MIN'])
  })

  it('treats base_min_size as a bound, not a grid (TONE-USD)', () => {
    const order: OrderInput = { productId: 'TONE-USD', side: 'BUY', type: 'LIMIT', size: '27', price: '0.5' }
    expect(validateOrder(order, tone)).toEqual([])
    expect(validateOrder({ ...order, size: '26' }, tone).map((i) => i.code)).toEqual(['SIZE_BELOW_MIN'])
    expect(validateOrder({ ...order, size: '26.7187147229469674' }, tone).map((i) => i.code)).toEqual([
      'SIZE_NOT_INCREMENT',
    ])
  })

  it('reports every issue at once, with pinned messages', () => {
    const issues = validateOrder(
      {
        productId: 'BTC-USD',
        side: 'BUY',
        type: 'LIMIT',
        size: '0.000001234',
        price: '67000.015',
        postOnly: true,
      },
      withFlags({ limit_only: true, cancel_only: true }),
      { bestBid: '66000', bestAsk: '67000' },
    )
    expect(issues).toMatchInlineSnapshot(`
      [
        {
          "code": "CANCEL_ONLY",
          "message": "BTC-USD is in cancel-only mode: no new orders",
          "path": [
            "productId",
          ],
        },
        {
          "code": "SIZE_BELOW_MIN",
          "message": "0.000001234 is below the minimum size 0.00001 for BTC-USD",
          "path": [
            "size",
          ],
        },
        {
          "code": "SIZE_NOT_INCREMENT",
          "message": "0.000001234 is not a multiple of the size increment 0.00000001 (Coinbase rejects it; nearest below is 0.00000123)",
          "path": [
            "size",
          ],
        },
        {
          "code": "PRICE_NOT_INCREMENT",
          "message": "67000.015 is not a multiple of the price increment 0.01 (Coinbase rejects it; nearest below is 67000.01)",
          "path": [
            "price",
          ],
        },
        {
          "code": "NOTIONAL_BELOW_MIN",
          "message": "notional (size × price) 0.08267801851 is below the minimum 1 for BTC-USD",
          "path": [
            "size",
          ],
        },
        {
          "code": "POST_ONLY_WOULD_CROSS",
          "message": "post-only BUY at 67000.015 would cross the best ask 67000",
          "path": [
            "price",
          ],
        },
      ]
    `)
  })

  it('reports malformed input as issues instead of throwing', () => {
    const issues = validateOrder(
      {
        productId: 'BTCUSD',
        side: 'buy' as 'BUY',
        type: 'LIMIT',
        size: '1e-3',
        price: 67000 as unknown as string,
      },
      btc,
      { bestAsk: 'n/a' },
    )
    expect(issues.map((i) => `${i.path.join('.')}:${i.code}`)).toMatchInlineSnapshot(`
      [
        "productId:INVALID_PRODUCT_ID",
        "side:INVALID_VALUE",
        "size:INVALID_DECIMAL",
        "price:INVALID_DECIMAL",
        "book.bestAsk:INVALID_DECIMAL",
      ]
    `)
  })

  it('assertValidOrder throws a ValidationError listing every issue', () => {
    expect(() => assertValidOrder(limit, btc)).not.toThrow()
    let caught: unknown
    try {
      assertValidOrder({ ...limit, size: '0.000001', price: '67000.015' }, btc)
    } catch (error) {
      caught = error
    }
    expect(isValidationError(caught)).toBe(true)
    expect((caught as Error).message).toMatchInlineSnapshot(`
      "order for BTC-USD: 3 validation issues

      - size: 0.000001 is below the minimum size 0.00001 for BTC-USD (SIZE_BELOW_MIN)
      - price: 67000.015 is not a multiple of the price increment 0.01 (Coinbase rejects it; nearest below is 67000.01) (PRICE_NOT_INCREMENT)
      - size: notional (size × price) 0.067000015 is below the minimum 1 for BTC-USD (NOTIONAL_BELOW_MIN)"
    `)
  })
})
