import { describe, expect, it } from 'vitest'
import { liveTradeCodes } from './codes.js'
import {
  BrokerError,
  IllegalTransitionError,
  isBrokerError,
  isIllegalTransitionError,
  isLiveTradeError,
  LiveTradeError,
} from './errors.js'

describe('errors', () => {
  it('lists stable codes', () => {
    expect(Object.entries(liveTradeCodes).every(([k, v]) => k === v)).toBe(true)
    expect(Object.keys(liveTradeCodes)).toMatchInlineSnapshot(`
      [
        "ILLEGAL_TRANSITION",
        "ORDER_NOT_FOUND",
        "TRADING_STATE_BLOCKED",
        "NOT_STARTED",
        "INVALID_ORDER_STATE",
        "BROKER_REJECTED",
        "BROKER_UNAVAILABLE",
        "RECONCILIATION_FAILED",
        "STORE_CORRUPT",
        "INVALID_OPTIONS",
      ]
    `)
  })

  it('have the BaseError shape, with the cause chain', () => {
    const cause = new Error('ETIMEDOUT')
    const error = new BrokerError('Coinbase did not answer', 'unavailable', { cause })
    expect(error.message).toMatchInlineSnapshot(`
      "Coinbase did not answer

      Details: ETIMEDOUT"
    `)
    expect([error.name, error.code, error.kind, error.shortMessage, error.details]).toEqual([
      'BrokerError',
      'BROKER_UNAVAILABLE',
      'unavailable',
      'Coinbase did not answer',
      'ETIMEDOUT',
    ])
    expect(error.walk()).toBe(cause)
    expect(new BrokerError('no', 'not_found').code).toBe('ORDER_NOT_FOUND')
    expect(new BrokerError('no', 'rejected', { reason: 'INSUFFICIENT_FUND' }).reason).toBe(
      'INSUFFICIENT_FUND',
    )
  })

  it('guards recognise errors from another copy of the package by name', () => {
    const foreign = Object.assign(new Error('x'), {
      name: 'BrokerError',
      code: 'BROKER_REJECTED',
      kind: 'rejected',
    })
    expect(isBrokerError(foreign)).toBe(true)
    expect(isLiveTradeError(foreign)).toBe(true)
    expect(isIllegalTransitionError(Object.assign(new Error('x'), { name: 'IllegalTransitionError' }))).toBe(
      true,
    )
    expect(isLiveTradeError(new Error('x'))).toBe(false)
    expect(isBrokerError(new LiveTradeError('x', 'NOT_STARTED'))).toBe(false)
    expect(isLiveTradeError(new IllegalTransitionError('NEW', 'FILLED'))).toBe(true)
  })
})
