import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { decimal } from './decimal.js'
import { isValidationError } from './errors.js'
import { orderSide } from './orderSide.js'
import { productId } from './productId.js'
import { validated } from './validated.js'
import { validator } from './validator.js'

describe('validated', () => {
  const placeOrder = validated(
    z.object({ productId, side: orderSide, size: decimal }),
    function place({ productId, side, size }) {
      return `${side} ${size.toFixed()} ${productId}`
    },
  )

  it('passes parsed (coerced) arguments through', () => {
    expect(placeOrder({ productId: 'btc-usd', side: 'BUY', size: '0.10' })).toBe('BUY 0.1 BTC-USD')
  })

  it('throws a ValidationError naming the function and every bad field', () => {
    let caught: unknown
    try {
      placeOrder({ productId: 'BTCUSD', side: 'buy' as 'BUY', size: '1e5' })
    } catch (error) {
      caught = error
    }
    expect(isValidationError(caught)).toBe(true)
    expect((caught as Error).message).toMatchInlineSnapshot(`
      "place(): 3 validation issues

      - productId: must be BASE-QUOTE ("BTC-USD"), ROOT-PERP-INTX ("BTC-PERP-INTX") or ROOT-DDMMMYY-CDE ("BIT-28NOV25-CDE"), got "BTCUSD" (INVALID_PRODUCT_ID)
      - side: Invalid option: expected one of "BUY"|"SELL" (INVALID_VALUE)
      - size: expected a decimal string like "12.34" (digits, optional fraction, no sign) (INVALID_DECIMAL)"
    `)
  })

  it('checks positional arguments, named or numbered', () => {
    const named = validated([productId, decimal], (id, size) => `${id}:${size.toFixed()}`, {
      name: 'quote',
      argNames: ['productId', 'size'],
    })
    expect(named('eth-usd', '2')).toBe('ETH-USD:2')
    expect(() => named('x', '2')).toThrowErrorMatchingInlineSnapshot(`
      [ValidationError: quote(): 1 validation issue

      - productId: must be BASE-QUOTE ("BTC-USD"), ROOT-PERP-INTX ("BTC-PERP-INTX") or ROOT-DDMMMYY-CDE ("BIT-28NOV25-CDE"), got "x" (INVALID_PRODUCT_ID)]
    `)
    const numbered = validated(
      [decimal, validator((v): v is number => typeof v === 'number', { message: 'must be a number' })],
      function scale(size, factor) {
        return size.times(factor).toFixed()
      },
    )
    expect(numbered('1.5', 2)).toBe('3')
    expect(() => numbered('1.5', 'two' as unknown as number)).toThrowErrorMatchingInlineSnapshot(`
      [ValidationError: scale(): 1 validation issue

      - args[1]: must be a number (INVALID_VALUE)]
    `)
  })
})
