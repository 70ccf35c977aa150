import { describe, expect, it } from 'vitest'
import { d, fixedClock, limit, makeContext, market, NOW, perpSpec, spotSpec } from '../test/fixtures.js'
import type { PreTradeContext, PreTradeOrder } from './PreTradeContext.js'
import { PreTradeValidator } from './PreTradeValidator.js'
import type { RiskVerdict } from './RiskVerdict.js'
import { type RiskPresetName, resolveRiskConfig } from './riskConfig.js'

function validator(overrides: Record<string, unknown> = {}, preset: RiskPresetName = 'default', at = NOW) {
  return new PreTradeValidator(resolveRiskConfig(overrides, { preset }), { clock: fixedClock(at) })
}

function outcome(verdict: RiskVerdict): string {
  return verdict.accepted ? (verdict.reducing ? 'accepted (reducing)' : 'accepted') : verdict.code
}

describe('PreTradeValidator: trading state', () => {
  const orders: [string, PreTradeOrder][] = [
    ['cancel', { action: 'cancel', productId: 'BTC-USD', orderId: 'abc' }],
    ['opening buy', limit('BTC-USD', 'BUY', '0.01', '50000')],
    ['reducing sell', limit('BTC-USD', 'SELL', '0.01', '50000')],
    ['reduce-only flagged sell', limit('BTC-USD', 'SELL', '0.01', '50000', { reduceOnly: true })],
  ]
  it.each(orders)('HALTED globally: %s', (name, order) => {
    const context = makeContext({ tradingState: 'HALTED', positions: { 'BTC-USD': '0.1' } })
    expect(outcome(validator().check(order, context))).toBe(name === 'cancel' ? 'accepted' : 'TRADING_HALTED')
  })
  it.each(orders)('HALTED for the symbol: %s', (name, order) => {
    const context = makeContext({ symbolStates: { 'BTC-USD': 'HALTED' }, positions: { 'BTC-USD': '0.1' } })
    expect(outcome(validator().check(order, context))).toBe(name === 'cancel' ? 'accepted' : 'SYMBOL_HALTED')
  })
  it('a HALTED symbol does not block other symbols', () => {
    const context = makeContext({ symbolStates: { 'ETH-USD': 'HALTED' } })
    expect(outcome(validator().check(limit('BTC-USD', 'BUY', '0.01', '50000'), context))).toBe('accepted')
  })
  it('pins the halt message', () => {
    const verdict = validator().check(
      limit('BTC-USD', 'BUY', '0.01', '50000'),
      makeContext({ tradingState: 'HALTED' }),
    )
    expect(verdict).toMatchInlineSnapshot(`
      {
        "accepted": false,
        "code": "TRADING_HALTED",
        "message": "trading is HALTED: only cancels are accepted",
        "productId": "BTC-USD",
      }
    `)
  })

  // Long 1 SOL; already 0.5 working to sell.
  const reduceRows: [string, string, string, string, string][] = [
    // side, size, position, open sell, expected
    ['SELL', '0.5', '1', '0.5', 'accepted (reducing)'],
    ['SELL', '0.50000001', '1', '0.5', 'REDUCE_ONLY_VIOLATION'],
    ['SELL', '1', '1', '0', 'accepted (reducing)'],
    ['SELL', '1.00000001', '1', '0', 'REDUCE_ONLY_VIOLATION'],
    ['BUY', '0.01', '1', '0', 'REDUCE_ONLY_VIOLATION'],
    ['SELL', '0.01', '0', '0', 'REDUCE_ONLY_VIOLATION'],
    ['BUY', '0.01', '0', '0', 'REDUCE_ONLY_VIOLATION'],
    ['BUY', '2', '-2', '0', 'accepted (reducing)'],
    ['BUY', '2.00000001', '-2', '0', 'REDUCE_ONLY_VIOLATION'],
    ['SELL', '0.01', '-2', '0', 'REDUCE_ONLY_VIOLATION'],
  ]
  it.each(
    reduceRows,
  )('REDUCE_ONLY: %s %s with position %s and %s working → %s', (side, size, position, working, expected) => {
    const context = makeContext({
      tradingState: 'REDUCE_ONLY',
      positions: { 'SOL-USD': position },
      openOrders:
        working === '0' ? [] : [{ productId: 'SOL-USD', side: 'SELL', size: working, price: '101' }],
    })
    const order = limit('SOL-USD', side as 'BUY' | 'SELL', size, '100')
    expect(outcome(validator().check(order, context))).toBe(expected)
  })
  it('a symbol in REDUCE_ONLY (paused) only takes reducing orders', () => {
    const context = makeContext({ symbolStates: { 'SOL-USD': 'REDUCE_ONLY' }, positions: { 'SOL-USD': '1' } })
    const v = validator()
    expect(outcome(v.check(limit('SOL-USD', 'BUY', '1', '100'), context))).toBe('SYMBOL_REDUCE_ONLY')
    expect(outcome(v.check(limit('SOL-USD', 'SELL', '1', '100'), context))).toBe('accepted (reducing)')
    expect(outcome(v.check(limit('BTC-USD', 'BUY', '0.01', '50000'), context))).toBe('accepted')
  })
  it('an order flagged reduceOnly must reduce even when ACTIVE', () => {
    const context = makeContext({ positions: { 'SOL-USD': '1' } })
    const v = validator()
    expect(outcome(v.check(limit('SOL-USD', 'SELL', '1', '100', { reduceOnly: true }), context))).toBe(
      'accepted (reducing)',
    )
    const verdict = v.check(limit('SOL-USD', 'SELL', '1.5', '100', { reduceOnly: true }), context)
    expect(verdict).toMatchInlineSnapshot(`
      {
        "accepted": false,
        "code": "REDUCE_ONLY_ORDER_WOULD_INCREASE",
        "message": "reduce-only SELL on SOL-USD would increase |position| or flip it (position 1, already reducing 0)",
        "productId": "SOL-USD",
      }
    `)
  })
})

describe('PreTradeValidator: product and gates', () => {
  it('rejects an unknown product', () => {
    expect(outcome(validator().check(limit('DOT-USD', 'BUY', '1', '5'), makeContext()))).toBe(
      'UNKNOWN_PRODUCT',
    )
  })
  it('rejects product-rule violations with every issue (validateOrder)', () => {
    const verdict = validator().check(limit('BTC-USD', 'BUY', '0.000000001', '50000.001'), makeContext())
    expect(verdict.accepted).toBe(false)
    if (verdict.accepted) return
    expect(verdict.code).toBe('PRODUCT_RULES')
    expect(verdict.issues?.map((i) => i.code)).toEqual([
      'SIZE_BELOW_MIN',
      'SIZE_NOT_INCREMENT',
      'PRICE_NOT_INCREMENT',
      'NOTIONAL_BELOW_MIN',
    ])
    expect(verdict.message).toMatchInlineSnapshot(
      `"order breaks product rules: size: 0.000000001 is below the minimum size 0.00000001 for BTC-USD (SIZE_BELOW_MIN); size: 0.000000001 is not a multiple of the size increment 0.00000001 (Coinbase rejects it; nearest below is 0) (SIZE_NOT_INCREMENT); price: 50000.001 is not a multiple of the price increment 0.01 (Coinbase rejects it; nearest below is 50000) (PRICE_NOT_INCREMENT); size: notional (size × price) 0.000050000001 is below the minimum 1 for BTC-USD (NOTIONAL_BELOW_MIN)"`,
    )
  })
  it('rejects a disabled product and a post-only order that would cross', () => {
    const context = makeContext()
    const products = new Map(context.products)
    products.set('BTC-USD', spotSpec('BTC-USD', { trading_disabled: true }))
    const disabled = validator().check(limit('BTC-USD', 'BUY', '0.01', '50000'), { ...context, products })
    expect(disabled.accepted ? [] : disabled.issues?.map((i) => i.code)).toEqual(['PRODUCT_DISABLED'])
    const crossing = validator().check(
      limit('BTC-USD', 'BUY', '0.01', '50000.01', { postOnly: true }),
      context,
    )
    expect(crossing.accepted ? [] : crossing.issues?.map((i) => i.code)).toEqual(['POST_ONLY_WOULD_CROSS'])
  })
  it('accepts string amounts the same way as Decimals', () => {
    const order = {
      productId: 'BTC-USD',
      side: 'BUY' as const,
      type: 'LIMIT' as const,
      size: '0.01',
      price: '50000',
    }
    expect(outcome(validator().check(order, makeContext()))).toBe('accepted')
  })

  it.each([
    [false, 'DERIVATIVES_DISABLED'],
    [true, 'accepted'],
  ])('derivatives enabled = %s → %s', (enabled, expected) => {
    const context = makeContext({ marks: { 'ETH-PERP-INTX': '3000' }, products: [perpSpec()] })
    const order = limit('ETH-PERP-INTX', 'BUY', '0.01', '3000')
    expect(outcome(validator({ derivativesEnabled: enabled }).check(order, context))).toBe(expected)
  })

  it.each([
    ['1', '1', 'accepted'],
    ['1', '1.01', 'LEVERAGE_EXCEEDED'],
    ['3', '3', 'accepted'],
    ['3', '3.0001', 'LEVERAGE_EXCEEDED'],
    ['3', '0.5', 'LEVERAGE_EXCEEDED'],
  ])('max leverage %s, order leverage %s → %s', (max, leverage, expected) => {
    const order = limit('BTC-USD', 'BUY', '0.01', '50000', { leverage })
    expect(outcome(validator({ maxLeverage: max }).check(order, makeContext()))).toBe(expected)
  })

  const day = Date.UTC(2026, 0, 5)
  const at = (h: number, m: number, s = 0, ms = 0) => day + ((h * 60 + m) * 60 + s) * 1000 + ms
  it.each([
    ['14:00', '15:00', at(13, 59, 59, 999), 'TRADING_WINDOW_CLOSED'],
    ['14:00', '15:00', at(14, 0), 'accepted'],
    ['14:00', '15:00', at(14, 59, 59, 999), 'accepted'],
    ['14:00', '15:00', at(15, 0), 'TRADING_WINDOW_CLOSED'],
    ['22:00', '02:00', at(23, 30), 'accepted'],
    ['22:00', '02:00', at(1, 59), 'accepted'],
    ['22:00', '02:00', at(2, 0), 'TRADING_WINDOW_CLOSED'],
    ['22:00', '02:00', at(21, 59), 'TRADING_WINDOW_CLOSED'],
  ])('trading window %s-%s at %d → %s', (start, end, now, expected) => {
    const context = makeContext({ markAt: now - 1000, bookAt: now - 1000 })
    const v = validator({ tradingWindow: { start, end } }, 'default', now)
    expect(outcome(v.check(limit('BTC-USD', 'BUY', '0.01', '50000'), context))).toBe(expected)
  })
  it('a closed trading window still lets reducing orders out', () => {
    const now = at(16, 0)
    const context = makeContext({ markAt: now, bookAt: now, positions: { 'BTC-USD': '0.1' } })
    const v = validator({ tradingWindow: { start: '14:00', end: '15:00' } }, 'default', now)
    expect(outcome(v.check(limit('BTC-USD', 'SELL', '0.1', '50000'), context))).toBe('accepted (reducing)')
  })

  it.each([
    [4, 'accepted'],
    [5, 'MAX_OPEN_ORDERS'],
  ])('%d open orders on the symbol → %s', (count, expected) => {
    const openOrders = Array.from({ length: count }, () => ({
      productId: 'BTC-USD',
      side: 'BUY' as const,
      size: '0.001',
      price: '40000',
    }))
    const context = makeContext({
      openOrders: [...openOrders, { productId: 'ETH-USD', side: 'BUY', size: '0.01', price: '2000' }],
    })
    expect(outcome(validator().check(limit('BTC-USD', 'BUY', '0.01', '50000'), context))).toBe(expected)
  })
})

describe('PreTradeValidator: staleness', () => {
  it.each([
    [30_000, 'accepted'],
    [30_001, 'MARK_STALE'],
  ])('a mark %d ms old → %s for a new order', (age, expected) => {
    const context = makeContext({ markAt: NOW - age })
    expect(outcome(validator().check(limit('SOL-USD', 'BUY', '1', '100'), context))).toBe(expected)
  })
  it('a mark 30.001 s old still lets a reducing order through', () => {
    const context = makeContext({ markAt: NOW - 30_001, bookAt: NOW - 30_001, positions: { 'SOL-USD': '2' } })
    const v = validator()
    expect(outcome(v.check(limit('SOL-USD', 'SELL', '2', '100'), context))).toBe('accepted (reducing)')
    expect(outcome(v.check(limit('SOL-USD', 'SELL', '2', '100', { reduceOnly: true }), context))).toBe(
      'accepted (reducing)',
    )
    expect(outcome(v.check(limit('SOL-USD', 'SELL', '2.01', '100'), context))).toBe('MARK_STALE')
  })
  it.each([
    [30_000, 'accepted'],
    [30_001, 'BOOK_STALE'],
  ])('a book %d ms old → %s', (age, expected) => {
    const context = makeContext({ bookAt: NOW - age })
    expect(outcome(validator().check(limit('SOL-USD', 'BUY', '1', '100'), context))).toBe(expected)
  })
  it('the staleness limits are configurable', () => {
    const context = makeContext({ markAt: NOW - 5_001 })
    expect(
      outcome(validator({ markStalenessMs: '5s' }).check(limit('SOL-USD', 'BUY', '1', '100'), context)),
    ).toBe('MARK_STALE')
  })
  it('rejects new exposure without a mark or a book', () => {
    const noMark = makeContext()
    const market = noMark.market
    const view = {
      mark: () => undefined,
      bestBidAsk: market.bestBidAsk.bind(market),
      impact: market.impact.bind(market),
    }
    expect(outcome(validator().check(limit('SOL-USD', 'BUY', '1', '100'), { ...noMark, market: view }))).toBe(
      'MARK_MISSING',
    )
    const noBook = { mark: market.mark.bind(market), bestBidAsk: () => undefined, impact: () => undefined }
    expect(
      outcome(validator().check(limit('SOL-USD', 'BUY', '1', '100'), { ...noMark, market: noBook })),
    ).toBe('BOOK_MISSING')
  })
  it('pins the stale-mark message', () => {
    const verdict = validator().check(
      limit('SOL-USD', 'BUY', '1', '100'),
      makeContext({ markAt: NOW - 30_001 }),
    )
    expect(verdict.accepted ? '' : verdict.message).toMatchInlineSnapshot(
      `"the SOL-USD mark is 30001 ms old (limit 30000 ms): only reducing orders are accepted"`,
    )
  })
})

describe('PreTradeValidator: exposure caps', () => {
  // spot_top10: BTC-USD cap 10,000. Position 0.1 BTC at 50,000 (5,000) + open buy 0.05 at 50,000 (2,500).
  const btc = (price: string, extra: Partial<Parameters<typeof makeContext>[0]> = {}) => {
    const context = makeContext({
      positions: { 'BTC-USD': '0.1' },
      openOrders: [{ productId: 'BTC-USD', side: 'BUY', size: '0.05', price: '50000' }],
      ...extra,
    })
    return validator({}, 'spot_top10').check(limit('BTC-USD', 'BUY', '0.05', price), context)
  }
  it.each([
    ['50000.00', 'accepted'],
    ['50000.20', 'SYMBOL_NOTIONAL_CAP'],
  ])('BTC-USD buy 0.05 at %s (combined notional 10,000.00 / 10,000.01) → %s', (price, expected) => {
    expect(outcome(btc(price))).toBe(expected)
  })
  it('pins the cap message', () => {
    const verdict = btc('50000.20')
    expect(verdict.accepted ? '' : verdict.message).toMatchInlineSnapshot(
      `"BTC-USD exposure would be 10000.01 (position + open orders + this order), above the cap 10000"`,
    )
  })
  it.each([
    ['0.1', '50000', 'accepted'],
    ['0.1', '50000.10', 'SYMBOL_NOTIONAL_CAP'],
    ['0.1000002', '50000', 'SYMBOL_NOTIONAL_CAP'],
    ['0.1', '49999.90', 'accepted'],
  ])('short side: short 0.1 BTC (5,000), sell %s at %s → %s', (size, price, expected) => {
    const context = makeContext({ positions: { 'BTC-USD': '-0.1' } })
    expect(outcome(validator({}, 'spot_top10').check(limit('BTC-USD', 'SELL', size, price), context))).toBe(
      expected,
    )
  })
  it('open sells count on the short side of the worst case', () => {
    // Long 0.1 (5,000), open sells 0.25 at 50,000: worst case short 7,500. A further sell of 0.05 → 10,000.
    const context = makeContext({
      positions: { 'BTC-USD': '0.1' },
      openOrders: [{ productId: 'BTC-USD', side: 'SELL', size: '0.25', price: '50000' }],
    })
    const v = validator({ maxOpenOrdersPerSymbol: 10 }, 'spot_top10')
    expect(outcome(v.check(limit('BTC-USD', 'SELL', '0.05', '50000'), context))).toBe('accepted')
    expect(outcome(v.check(limit('BTC-USD', 'SELL', '0.0500002', '50000'), context))).toBe(
      'SYMBOL_NOTIONAL_CAP',
    )
  })

  it.each([
    ['8', 'accepted'],
    ['8.0001', 'SYMBOL_EXPOSURE_LIMIT'],
  ])('share of equity: 10 SOL held (1,000), buy %s at 100 vs 18 %% of 10,000 → %s', (size, expected) => {
    const context = makeContext({ equity: '10000', positions: { 'SOL-USD': '10' } })
    expect(outcome(validator().check(limit('SOL-USD', 'BUY', size, '100'), context))).toBe(expected)
  })

  it.each([
    ['15', 'accepted'],
    ['15.0001', 'TOTAL_EXPOSURE_LIMIT'],
  ])('total: 4,500 held over three symbols, buy %s LTC at 100 vs 60 %% of 10,000 → %s', (size, expected) => {
    const context = makeContext({
      equity: '10000',
      marks: { 'BTC-USD': '50000', 'ETH-USD': '3000', 'SOL-USD': '100', 'LTC-USD': '100' },
      positions: { 'BTC-USD': '0.03', 'ETH-USD': '0.5', 'SOL-USD': '15' },
    })
    expect(outcome(validator().check(limit('LTC-USD', 'BUY', size, '100'), context))).toBe(expected)
  })

  it.each([
    ['BUY', '5', 'accepted'],
    ['BUY', '5.0001', 'TOTAL_EXPOSURE_LIMIT'],
    ['SELL', '25', 'accepted'],
    ['SELL', '25.0001', 'TOTAL_EXPOSURE_LIMIT'],
  ])('total: 5,500 held, %s %s SOL (already 1,000 long) at 100 vs 60 %% of 10,000 → %s', (side, size, expected) => {
    const context = makeContext({
      equity: '10000',
      marks: { 'BTC-USD': '50000', 'ETH-USD': '3000', 'SOL-USD': '100', 'LTC-USD': '100' },
      positions: { 'BTC-USD': '0.03', 'ETH-USD': '0.5', 'SOL-USD': '10', 'LTC-USD': '15' },
    })
    const order = limit('SOL-USD', side as 'BUY' | 'SELL', size, '100')
    expect(outcome(validator().check(order, context))).toBe(expected)
  })

  it('rejects new exposure when equity is zero', () => {
    expect(
      outcome(validator().check(limit('SOL-USD', 'BUY', '1', '100'), makeContext({ equity: '0' }))),
    ).toBe('NO_EQUITY')
  })
  it('rejects new exposure when a held symbol has no mark', () => {
    const context = makeContext({ positions: { 'DOT-USD': '10' } })
    const verdict = validator().check(limit('SOL-USD', 'BUY', '1', '100'), context)
    expect(verdict.accepted ? '' : verdict.message).toMatchInlineSnapshot(
      `"no mark price for DOT-USD: exposure unknown"`,
    )
  })

  const correlation = (rhoSol: number) => (a: string, b: string) => {
    const pair = [a, b].sort().join('|')
    if (pair === 'BTC-USD|ETH-USD') return 0.8
    if (pair === 'BTC-USD|SOL-USD') return rhoSol
    return 0.1
  }
  it.each([
    [0.7, '0.02', 'accepted'],
    [0.7, '0.02000002', 'CORRELATION_CAP'],
    [0.69, '0.02000002', 'accepted'],
  ])('correlation: ETH 1,500 + SOL 1,500 (ρ %d) held, buy %s BTC at 50,000 vs 40 %% of 10,000 → %s', (rho, size, expected) => {
    const context = makeContext({
      equity: '10000',
      positions: { 'ETH-USD': '0.5', 'SOL-USD': '15' },
      correlation: correlation(rho),
    })
    expect(outcome(validator().check(limit('BTC-USD', 'BUY', size, '50000'), context))).toBe(expected)
  })
})

describe('PreTradeValidator: market quality', () => {
  // SOL mark 100, bid 99.99, ask 100.01 × 1 then 101 × 10: a market buy of 1.98 has VWAP 100.50 (50 bps over mid).
  function thin(): PreTradeContext {
    const context = makeContext({ marks: { 'SOL-USD': '100' } })
    context.market.setBook(
      'SOL-USD',
      {
        bids: [['99.99', '1000']],
        asks: [
          ['100.01', '1'],
          ['101', '10'],
        ],
      },
      NOW - 500,
    )
    return context
  }
  it.each([
    ['1.98', 'accepted'],
    ['1.99', 'IMPACT_COST_EXCEEDED'],
    ['11', 'IMPACT_COST_EXCEEDED'],
    ['11.01', 'INSUFFICIENT_LIQUIDITY'],
  ])('market buy %s SOL on a thin book → %s', (size, expected) => {
    expect(outcome(validator().check(market('SOL-USD', 'BUY', size), thin()))).toBe(expected)
  })
  it('pins the impact message', () => {
    const verdict = validator().check(market('SOL-USD', 'BUY', '1.99'), thin())
    expect(verdict.accepted ? '' : verdict.message).toMatchInlineSnapshot(
      `"impact cost 50.25 bps (VWAP 100.50251256 vs mid 100) is above 50 bps"`,
    )
  })
  it('a market buy by quote size is sized at the mark', () => {
    const order = { productId: 'SOL-USD', side: 'BUY' as const, type: 'MARKET' as const, quoteSize: d('198') }
    expect(outcome(validator().check(order, thin()))).toBe('accepted')
  })

  it.each([
    ['BUY', '100.60', 'accepted'],
    ['BUY', '100.61', 'SLIPPAGE_EXCEEDED'],
    ['SELL', '99.40', 'accepted'],
    ['SELL', '99.39', 'SLIPPAGE_EXCEEDED'],
    ['BUY', '90', 'accepted'],
    ['SELL', '110', 'accepted'],
  ])('limit %s at %s vs mark 100 (60 bps guard) → %s', (side, price, expected) => {
    const context = makeContext({ positions: {} })
    expect(outcome(validator().check(limit('SOL-USD', side as 'BUY' | 'SELL', '1', price), context))).toBe(
      expected,
    )
  })
  it('a market sell walks the bids for slippage', () => {
    const context = makeContext({ marks: { 'SOL-USD': '100' } })
    context.market.setBook(
      'SOL-USD',
      {
        bids: [
          ['99.50', '1'],
          ['99.00', '100'],
        ],
        asks: [['100.01', '100']],
      },
      NOW - 500,
    )
    // 1 at 99.50 + 1 at 99.00 → VWAP 99.25: 75 bps under the mark, over the 60 bps guard; impact vs mid 99.755 is 50.6 bps.
    expect(outcome(validator({ maxImpactBps: 100 }).check(market('SOL-USD', 'SELL', '2'), context))).toBe(
      'SLIPPAGE_EXCEEDED',
    )
    expect(outcome(validator({ maxImpactBps: 100 }).check(market('SOL-USD', 'SELL', '1'), context))).toBe(
      'accepted',
    )
  })
})

describe('PreTradeValidator: reuse of the exposure snapshot', () => {
  it('recomputes when a position, an open order or a mark changes', () => {
    const v = validator({}, 'spot_top10')
    const context = makeContext({ positions: { 'BTC-USD': '0.1' } })
    const order = limit('BTC-USD', 'BUY', '0.1', '50000')
    expect(outcome(v.check(order, context))).toBe('accepted')
    // Same objects, one position replaced: 0.15 held + 0.1 = 12,500 > 10,000.
    ;(context.positions as Map<string, { quantity: ReturnType<typeof d> }>).set('BTC-USD', {
      quantity: d('0.15'),
    })
    expect(outcome(v.check(order, context))).toBe('SYMBOL_NOTIONAL_CAP')
    ;(context.positions as Map<string, { quantity: ReturnType<typeof d> }>).set('BTC-USD', {
      quantity: d('0.1'),
    })
    expect(outcome(v.check(order, context))).toBe('accepted')
    ;(
      context.openOrders as {
        productId: string
        side: 'BUY'
        size: ReturnType<typeof d>
        price: ReturnType<typeof d>
      }[]
    ).push({
      productId: 'BTC-USD',
      side: 'BUY',
      size: d('0.01'),
      price: d('50000'),
    })
    expect(outcome(v.check(order, context))).toBe('SYMBOL_NOTIONAL_CAP')
    ;(context.openOrders as unknown[]).pop()
    context.market.setMark('BTC-USD', '60000', NOW)
    // 0.1 × 60,000 + 0.1 × 50,000 = 11,000.
    expect(outcome(v.check(order, context))).toBe('SYMBOL_NOTIONAL_CAP')
  })
})
