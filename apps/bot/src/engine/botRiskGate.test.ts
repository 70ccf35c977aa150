import { PositionTracker, type RiskGate, type RiskGateContext } from '@gpt-trader/live-trade'
import { loadFixture } from '@gpt-trader/test-utils'
import { Decimal, productSpec } from '@gpt-trader/validation'
import { describe, expect, it } from 'vitest'
import { botRiskGate } from './botRiskGate.js'

const product = productSpec.parse(loadFixture('rest/get_product.json'))
const accept: RiskGate = { check: () => ({ action: 'accept' }) }
const MONDAY_14_30 = Date.UTC(2026, 0, 5, 14, 30)
const SATURDAY = Date.UTC(2026, 0, 3, 14, 30)

function context(quantity: string, now = MONDAY_14_30): RiskGateContext {
  const positions = new PositionTracker({ startingCash: '100000' })
  const position = { ...positions.position(product.product_id), quantity: new Decimal(quantity) }
  return {
    equity: new Decimal('100000'),
    position,
    positions,
    openOrders: [],
    snapshot: { symbol: product.product_id, at: now, mark: new Decimal('50000'), candles: [] },
    product,
    products: new Map([[product.product_id, product]]),
    tradingState: 'ACTIVE',
    now,
  }
}

const buy = (size: string) => ({
  symbol: product.product_id,
  side: 'BUY' as const,
  type: 'MARKET' as const,
  size: new Decimal(size),
  reducing: false,
})

describe('botRiskGate', () => {
  it('clamps an entry to the base position cap and rejects once it is reached', () => {
    const gate = botRiskGate({ inner: accept, maxPosition: { [product.product_id]: '0.01' } })
    expect(gate.check(buy('0.004'), context('0'))).toEqual({ action: 'accept' })
    const clamped = gate.check(buy('0.02'), context('0.004'))
    expect(clamped.action).toBe('clamp')
    expect(clamped.action === 'clamp' && clamped.size.toFixed()).toBe('0.006')
    expect(gate.check(buy('0.001'), context('0.01'))).toMatchObject({
      action: 'reject',
      code: 'POSITION_CAP',
    })
  })

  it('passes the inner verdict through and lets reducing orders past the cap and the days', () => {
    const reject: RiskGate = { check: () => ({ action: 'reject', code: 'DAILY_LOSS', reason: 'limit' }) }
    expect(botRiskGate({ inner: reject }).check(buy('1'), context('0'))).toMatchObject({ code: 'DAILY_LOSS' })
    const gate = botRiskGate({
      inner: accept,
      maxPosition: { [product.product_id]: '0.01' },
      tradingDays: ['Mon'],
    })
    const sell = { ...buy('0.02'), side: 'SELL' as const, reducing: true }
    expect(gate.check(sell, context('0.02', SATURDAY))).toEqual({ action: 'accept' })
  })

  it('refuses new exposure outside the trading days (canary: Mon–Fri)', () => {
    const gate = botRiskGate({ inner: accept, tradingDays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'] })
    expect(gate.check(buy('0.001'), context('0'))).toEqual({ action: 'accept' })
    expect(gate.check(buy('0.001'), context('0', SATURDAY))).toMatchInlineSnapshot(`
      {
        "action": "reject",
        "code": "OUTSIDE_TRADING_DAYS",
        "reason": "no new exposure on Sat (tradingDays)",
      }
    `)
  })

  it('dry run rejects with DRY_RUN only after every other check passed', () => {
    const gate = botRiskGate({ inner: accept, dryRun: true })
    expect(gate.check(buy('0.001'), context('0'))).toMatchObject({ action: 'reject', code: 'DRY_RUN' })
  })

  it('refuses new exposure on stale symbols and during a rejection cooldown, never reduce-only orders', () => {
    const gate = botRiskGate({
      inner: accept,
      stale: (symbol) => (symbol === product.product_id ? `${symbol} order book is resyncing` : undefined),
      cooldown: () => 'venue rejected the last order (INSUFFICIENT_FUND)',
    })
    expect(gate.check(buy('0.001'), context('0'))).toEqual({
      action: 'reject',
      code: 'STALE_MARKET_DATA',
      reason: `${product.product_id} order book is resyncing`,
    })
    const sell = { ...buy('0.001'), side: 'SELL' as const, reducing: true }
    expect(gate.check(sell, context('0.001'))).toEqual({ action: 'accept' })
    const cooling = botRiskGate({ inner: accept, cooldown: () => 'cooling' })
    expect(cooling.check(buy('0.001'), context('0'))).toEqual({
      action: 'reject',
      code: 'VENUE_REJECTED',
      reason: 'cooling',
    })
    expect(cooling.check(sell, context('0.001'))).toEqual({ action: 'accept' })
  })
})
