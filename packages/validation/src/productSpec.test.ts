import { loadFixture } from '@gpt-trader/test-utils'
import { describe, expect, it } from 'vitest'
import { isDecimal } from './decimal.js'
import { productSpec } from './productSpec.js'

describe('productSpec', () => {
  it('parses the recorded BTC-USD product', () => {
    const spec = productSpec.parse(loadFixture('rest/get_product.json'))
    expect(spec.product_id).toBe('BTC-USD')
    expect(isDecimal(spec.base_increment)).toBe(true)
    expect(
      [
        spec.base_increment,
        spec.quote_increment,
        spec.price_increment,
        spec.base_min_size,
        spec.base_max_size,
        spec.quote_min_size,
        spec.quote_max_size,
      ].map((d) => d.toFixed()),
    ).toEqual(['0.00000001', '0.01', '0.01', '0.00000001', '3400', '1', '150000000'])
    expect([spec.status, spec.trading_disabled, spec.cancel_only, spec.limit_only, spec.post_only]).toEqual([
      'online',
      false,
      false,
      false,
      false,
    ])
    // Unknown fields are kept.
    expect(spec.alias_to).toEqual(['BTC-USDC'])
    expect(spec.product_venue).toBe('CBE')
  })

  it('parses the recorded ETH-PERP-INTX perpetual (empty status, future details kept)', () => {
    const spec = productSpec.parse(loadFixture('rest/get_product_perp_intx.json'))
    expect(spec.product_id).toBe('ETH-PERP-INTX')
    expect(spec.status).toBe('')
    expect(spec.product_type).toBe('FUTURE')
    expect(spec.base_increment.toFixed()).toBe('0.0001')
    expect(spec.quote_min_size.toFixed()).toBe('10')
    expect(spec.future_product_details).toMatchObject({ contract_expiry_type: 'PERPETUAL' })
  })

  it('reports every bad field', () => {
    const result = productSpec.safeParse({
      product_id: 'BTCUSD',
      base_increment: '1e-8',
      quote_increment: '0.01',
      price_increment: 0.01,
      base_min_size: '0.00000001',
      base_max_size: '3400',
      quote_min_size: '1',
    })
    expect(result.success).toBe(false)
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual([
      'product_id',
      'base_increment',
      'price_increment',
      'quote_max_size',
    ])
  })
})
