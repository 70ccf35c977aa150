import { describe, expect, it } from 'vitest'
import { OrderSide, orderSide } from './orderSide.js'
import { OrderType, orderType } from './orderType.js'
import { TimeInForce, timeInForce } from './timeInForce.js'
import { TradingState, tradingState } from './tradingState.js'

describe('enums', () => {
  it('expose schemas and value objects with exactly the Coinbase spellings', () => {
    expect(orderSide.options).toEqual(['BUY', 'SELL'])
    expect(orderType.options).toEqual(['MARKET', 'LIMIT', 'STOP_LIMIT', 'BRACKET'])
    expect(timeInForce.options).toEqual(['GTC', 'GTD', 'IOC', 'FOK'])
    expect(tradingState.options).toEqual(['ACTIVE', 'REDUCE_ONLY', 'HALTED'])
    expect(OrderSide.BUY).toBe('BUY')
    expect(OrderType.STOP_LIMIT).toBe('STOP_LIMIT')
    expect(TimeInForce.FOK).toBe('FOK')
    expect(TradingState.REDUCE_ONLY).toBe('REDUCE_ONLY')
  })

  it('rejects other spellings', () => {
    expect(orderSide.safeParse('buy').success).toBe(false)
    expect(tradingState.safeParse('PAUSED').success).toBe(false)
    const side: OrderSide = orderSide.parse('SELL')
    const state: TradingState = 'HALTED'
    expect([side, state]).toEqual(['SELL', 'HALTED'])
  })
})
