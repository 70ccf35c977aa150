import { describe, expect, it } from 'vitest'
import { isProductId, parseProductId, productId } from './productId.js'

describe('productId', () => {
  it('normalises case', () => {
    expect(productId.parse('btc-usd')).toBe('BTC-USD')
    expect(productId.parse('eth-perp-intx')).toBe('ETH-PERP-INTX')
  })

  it.each([
    'BTCUSD',
    'BTC-',
    'BTC--USD',
    '-USD',
    '',
    ' BTC-USD',
    'BTC-USD ',
    'BTC_USD',
    'BTC-BTC',
    'BTC-FOO-INTX',
    'BTC-PERP-XYZ',
    'A-B-C-D',
  ])('rejects %j', (id) => {
    expect(productId.safeParse(id).success).toBe(false)
    expect(isProductId(id)).toBe(false)
  })

  it.each([
    ['BTC-USD', { base: 'BTC', quote: 'USD', isDerivative: false, kind: 'spot' }],
    ['1INCH-USDC', { base: '1INCH', quote: 'USDC', isDerivative: false, kind: 'spot' }],
    ['BTC-PERP-INTX', { base: 'BTC', quote: 'USDC', isDerivative: true, kind: 'perpetual', venue: 'INTX' }],
    [
      'BIT-28NOV25-CDE',
      { base: 'BIT', quote: 'USD', isDerivative: true, kind: 'future', venue: 'CDE', expiry: '28NOV25' },
    ],
  ] as const)('parses %s', (id, expected) => {
    expect(parseProductId(id)).toEqual({ id, ...expected })
  })

  it('throws a pinned ValidationError for a bad id', () => {
    expect(() => parseProductId('BTCUSD')).toThrowErrorMatchingInlineSnapshot(`
      [ValidationError: 1 validation issue

      - productId: must be BASE-QUOTE ("BTC-USD"), ROOT-PERP-INTX ("BTC-PERP-INTX") or ROOT-DDMMMYY-CDE ("BIT-28NOV25-CDE"), got "BTCUSD" (INVALID_PRODUCT_ID)]
    `)
    expect(productId.safeParse('BTC--USD').error?.issues).toMatchInlineSnapshot(`
      [
        {
          "code": "custom",
          "message": "must be upper-case letters/digits separated by single dashes, like "BTC-USD", got "BTC--USD"",
          "params": {
            "code": "INVALID_PRODUCT_ID",
          },
          "path": [],
        },
      ]
    `)
  })
})
