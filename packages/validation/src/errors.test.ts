import { describe, expect, it } from 'vitest'
import { BaseError, isBaseError, isValidationError, ValidationError } from './errors.js'

describe('BaseError', () => {
  it('keeps code, short message, details from the cause, and walks the cause chain', () => {
    const root = new Error('socket hang up')
    const mid = new BaseError('request failed', { code: 'NETWORK', cause: root })
    const top = new BaseError('order placement failed', { code: 'ORDER_FAILED', cause: mid })
    expect(top.code).toBe('ORDER_FAILED')
    expect(top.shortMessage).toBe('order placement failed')
    expect(top.details).toBe('socket hang up')
    expect(top.walk()).toBe(root)
    expect(top.walk((e) => e instanceof BaseError && e.code === 'NETWORK')).toBe(mid)
    expect(top.walk((e) => e === 'nothing')).toBeNull()
    expect(top.message).toMatchInlineSnapshot(`
      "order placement failed

      Details: socket hang up"
    `)
  })

  it('is recognised by shape when it comes from another copy of the package', () => {
    class ForeignBase extends Error {
      code = 'X'
      shortMessage = 'x'
      walk() {
        return this
      }
    }
    expect(isBaseError(new ForeignBase('x'))).toBe(true)
    expect(isBaseError(new Error('plain'))).toBe(false)
  })
})

describe('ValidationError', () => {
  it('lists every issue with its path and code', () => {
    const error = new ValidationError(
      [
        { path: ['order', 'base_size'], code: 'SIZE_BELOW_MIN', message: 'must be at least 0.00001' },
        {
          path: ['order', 'legs', 1, 'price'],
          code: 'PRICE_NOT_INCREMENT',
          message: 'must be a multiple of 0.01',
        },
      ],
      { subject: 'order' },
    )
    expect(error.code).toBe('VALIDATION_FAILED')
    expect(error.name).toBe('ValidationError')
    expect(error.issues).toHaveLength(2)
    expect(error.message).toMatchInlineSnapshot(`
      "order: 2 validation issues

      - order.base_size: must be at least 0.00001 (SIZE_BELOW_MIN)
      - order.legs[1].price: must be a multiple of 0.01 (PRICE_NOT_INCREMENT)"
    `)
  })

  it('isValidationError checks the name, so a second installed copy is recognised', () => {
    const foreign = Object.assign(new Error('x'), { name: 'ValidationError', issues: [] })
    expect(isValidationError(foreign)).toBe(true)
    expect(isValidationError(new BaseError('x', { code: 'X' }))).toBe(false)
    expect(isValidationError(new ValidationError([]))).toBe(true)
  })
})
