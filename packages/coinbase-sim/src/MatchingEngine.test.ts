import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type EngineAccount, MatchingEngine, type NewOrderRequest, remaining } from './MatchingEngine.js'
import { D, type Dec, ZERO } from './money.js'
import { PRODUCT_CATALOG, toRules } from './products.js'
import { createRandom } from './random.js'

const BTC = toRules(PRODUCT_CATALOG['BTC-USD'] as NonNullable<(typeof PRODUCT_CATALOG)['BTC-USD']>)

function setup(
  balances: Record<string, string>[] = [
    { USD: '100000', BTC: '10' },
    { USD: '100000', BTC: '10' },
  ],
) {
  let now = Date.UTC(2026, 0, 1)
  const engine = new MatchingEngine({ products: [BTC], now: () => now, random: createRandom(1) })
  const accounts = balances.map((b, i) =>
    engine.addAccount({
      id: `a${i}`,
      userId: `u${i}`,
      portfolioId: `p${i}`,
      balances: b,
      makerFeeRate: '0.004',
      takerFeeRate: '0.006',
    }),
  )
  const tick = (ms: number): void => {
    now += ms
  }
  return { engine, accounts, tick, now: () => now }
}

let cid = 0
const limit = (
  side: 'BUY' | 'SELL',
  size: string,
  price: string,
  extra: Record<string, unknown> = {},
  key = 'limit_limit_gtc',
): NewOrderRequest => ({
  clientOrderId: `c${++cid}`,
  productId: 'BTC-USD',
  side,
  orderConfiguration: { [key]: { base_size: size, limit_price: price, ...extra } },
})
const market = (
  side: 'BUY' | 'SELL',
  field: 'base_size' | 'quote_size',
  amount: string,
): NewOrderRequest => ({
  clientOrderId: `c${++cid}`,
  productId: 'BTC-USD',
  side,
  orderConfiguration: { market_market_ioc: { [field]: amount } },
})
const place = (e: MatchingEngine, acct: string, r: NewOrderRequest) => {
  const res = e.placeOrder(acct, r)
  if (!res.ok)
    throw new Error(
      `unexpected failure ${res.failure.newOrderFailureReason}/${res.failure.previewFailureReason}`,
    )
  return res.order
}
const failureOf = (e: MatchingEngine, acct: string, r: NewOrderRequest) => {
  const res = e.placeOrder(acct, r)
  return res.ok ? null : res.failure
}
const bal = (a: EngineAccount, c: string) => {
  const b = a.balances.get(c)
  return { available: b?.available.toFixed() ?? '0', hold: b?.hold.toFixed() ?? '0' }
}

describe('MatchingEngine', () => {
  it('matches with price-time priority and partial fills, charging maker/taker fees', () => {
    const { engine, accounts } = setup()
    const first = place(engine, 'a0', limit('SELL', '1', '100.00'))
    const second = place(engine, 'a0', limit('SELL', '1', '100.00'))
    const better = place(engine, 'a0', limit('SELL', '0.5', '99.00'))
    const taker = place(engine, 'a1', limit('BUY', '1', '100.00'))
    expect(taker.status).toBe('FILLED')
    expect(better.status).toBe('FILLED')
    expect(first.filledSize.toFixed()).toBe('0.5')
    expect(second.filledSize.toFixed()).toBe('0')
    // Taker paid 0.5*99 + 0.5*100 = 99.5 plus 0.6 % fee.
    expect(taker.filledValue.toFixed()).toBe('99.5')
    expect(taker.totalFees.toFixed()).toBe('0.597')
    expect(bal(accounts[1] as EngineAccount, 'USD')).toEqual({ available: '99899.903', hold: '0' })
    expect(bal(accounts[1] as EngineAccount, 'BTC')).toEqual({ available: '11', hold: '0' })
    expect(engine.level2('BTC-USD').asks.map(([p, s]) => [p.toFixed(), s.toFixed()])).toEqual([
      ['100', '1.5'],
    ])
  })

  it('rejects off-grid prices/sizes, tiny sizes, post-only crosses and missing funds with Coinbase reasons', () => {
    const { engine } = setup([{ USD: '10' }, { BTC: '1' }])
    place(engine, 'a1', limit('SELL', '0.5', '100.00'))
    const reasons = [
      failureOf(engine, 'a0', limit('BUY', '0.01', '99.001')),
      failureOf(engine, 'a0', limit('BUY', '0.000000001', '99.00')),
      failureOf(engine, 'a0', limit('BUY', '0.00000001', '99.00')),
      failureOf(engine, 'a0', limit('BUY', '0.01', '100.00', { post_only: true })),
      failureOf(engine, 'a0', limit('BUY', '1', '99.00')),
      failureOf(engine, 'a0', { ...limit('BUY', '1', '99.00'), productId: 'NOPE-USD' }),
      failureOf(engine, 'a0', { ...limit('BUY', '1', '99.00'), side: 'HOLD' }),
      failureOf(engine, 'a0', limit('BUY', '0.01', '99.00', { post_only: true }, 'limit_limit_fok')),
      failureOf(engine, 'a0', market('BUY', 'quote_size', '0.5')),
      failureOf(engine, 'a0', limit('BUY', '3401', '99.00')),
      failureOf(engine, 'a0', {
        ...limit('BUY', '1', '99.00'),
        orderConfiguration: { limit_limit_gtc: { base_size: 1, limit_price: '99.00' } },
      }),
      failureOf(engine, 'a0', { ...limit('BUY', '1', '99.00'), orderConfiguration: { twap_limit_gtd: {} } }),
    ].map((f) => `${f?.newOrderFailureReason}/${f?.previewFailureReason}`)
    expect(reasons).toMatchInlineSnapshot(`
      [
        "INVALID_PRICE_PRECISION/PREVIEW_INVALID_PRICE_PRECISION",
        "INVALID_SIZE_PRECISION/PREVIEW_INVALID_SIZE_PRECISION",
        "UNKNOWN_FAILURE_REASON/PREVIEW_INVALID_QUOTE_SIZE_TOO_SMALL",
        "INVALID_LIMIT_PRICE_POST_ONLY/PREVIEW_INVALID_LIMIT_PRICE_POST_ONLY",
        "INSUFFICIENT_FUND/UNKNOWN_PREVIEW_FAILURE_REASON",
        "INVALID_PRODUCT_ID/PREVIEW_INVALID_PRODUCT_ID",
        "INVALID_SIDE/PREVIEW_INVALID_SIDE",
        "POST_ONLY_NOT_ALLOWED_WITH_FOK/PREVIEW_POST_ONLY_NOT_ALLOWED_WITH_FOK",
        "UNKNOWN_FAILURE_REASON/PREVIEW_INVALID_QUOTE_SIZE_TOO_SMALL",
        "UNKNOWN_FAILURE_REASON/PREVIEW_INVALID_BASE_SIZE_TOO_LARGE",
        "INVALID_REQUEST/PREVIEW_INVALID_ORDER_CONFIG",
        "UNSUPPORTED_ORDER_CONFIGURATION/PREVIEW_INVALID_ORDER_CONFIG",
      ]
    `)
  })

  it('is idempotent on client_order_id', () => {
    const { engine } = setup()
    const r = limit('BUY', '0.1', '90.00')
    const a = engine.placeOrder('a0', r)
    const b = engine.placeOrder('a0', {
      ...r,
      orderConfiguration: { limit_limit_gtc: { base_size: '0.2', limit_price: '91.00' } },
    })
    expect(a.ok && b.ok && a.order === b.order && b.duplicate).toBe(true)
    expect(engine.userOrders).toHaveLength(1)
  })

  it('FOK kills when it cannot fill completely; IOC cancels its remainder', () => {
    const { engine } = setup()
    place(engine, 'a0', limit('SELL', '0.5', '100.00'))
    const fok = place(engine, 'a1', limit('BUY', '1', '100.00', {}, 'limit_limit_fok'))
    expect([fok.status, fok.filledSize.toFixed()]).toEqual(['CANCELLED', '0'])
    const ioc = place(engine, 'a1', limit('BUY', '1', '100.00', {}, 'sor_limit_ioc'))
    expect([ioc.status, ioc.filledSize.toFixed(), ioc.hold.toFixed()]).toEqual(['CANCELLED', '0.5', '0'])
  })

  it('market buy by quote spends at most quote_size including fees', () => {
    const { engine } = setup()
    place(engine, 'a0', limit('SELL', '5', '100.00'))
    const o = place(engine, 'a1', market('BUY', 'quote_size', '100.00'))
    expect(o.status).toBe('FILLED')
    expect(o.filledValue.plus(o.totalFees).lte(100)).toBe(true)
    expect(o.filledSize.toFixed()).toBe('0.99403578')
  })

  it('triggers stop-limits on the last trade and expires GTD orders', () => {
    const { engine, tick, now } = setup()
    place(engine, 'a0', limit('BUY', '1', '95.00'))
    place(engine, 'a0', limit('SELL', '1', '100.00'))
    place(engine, 'a1', market('BUY', 'base_size', '0.1'))
    const stop = place(engine, 'a1', {
      clientOrderId: 'stop',
      productId: 'BTC-USD',
      side: 'SELL',
      orderConfiguration: {
        stop_limit_stop_limit_gtc: {
          base_size: '0.2',
          limit_price: '94.00',
          stop_price: '96.00',
          stop_direction: 'STOP_DIRECTION_STOP_DOWN',
        },
      },
    })
    expect(stop.triggerStatus).toBe('STOP_PENDING')
    place(engine, 'a1', market('SELL', 'base_size', '0.1'))
    expect([stop.triggerStatus, stop.status, stop.filledSize.toFixed()]).toEqual([
      'STOP_TRIGGERED',
      'FILLED',
      '0.2',
    ])
    const gtd = place(
      engine,
      'a1',
      limit('BUY', '0.1', '90.00', { end_time: new Date(now() + 60_000).toISOString() }, 'limit_limit_gtd'),
    )
    tick(61_000)
    engine.expire(now())
    expect([gtd.status, gtd.hold.toFixed()]).toEqual(['EXPIRED', '0'])
  })

  it('bracket orders rest at the limit and stop out on the trigger', () => {
    const { engine } = setup()
    place(engine, 'a0', limit('BUY', '2', '95.00'))
    const br = place(engine, 'a1', {
      clientOrderId: 'br',
      productId: 'BTC-USD',
      side: 'SELL',
      orderConfiguration: {
        trigger_bracket_gtc: { base_size: '0.5', limit_price: '110.00', stop_trigger_price: '96.00' },
      },
    })
    expect([br.status, br.resting]).toEqual(['OPEN', true])
    place(engine, 'a1', market('SELL', 'base_size', '0.1'))
    expect([br.triggerStatus, br.status, br.filledSize.toFixed()]).toEqual([
      'STOP_TRIGGERED',
      'FILLED',
      '0.5',
    ])
  })

  it('places the attached bracket (TP/SL) for the filled size once the entry fills', () => {
    const { engine } = setup()
    place(engine, 'a0', limit('SELL', '0.3', '100.00'))
    place(engine, 'a0', limit('BUY', '5', '94.00'))
    const entry = place(engine, 'a1', {
      ...limit('BUY', '0.5', '100.00'),
      attachedOrderConfiguration: {
        trigger_bracket_gtc: { limit_price: '110.00', stop_trigger_price: '95.00' },
      },
    })
    expect(entry.attachedOrderId).toBe('')
    expect(engine.cancelOrder('a1', entry.orderId).success).toBe(true)
    const exit = engine.orders.get(entry.attachedOrderId)
    expect([
      exit?.side,
      exit?.orderType,
      exit?.baseSize?.toFixed(),
      exit?.originatingOrderId,
      exit?.resting,
    ]).toEqual(['SELL', 'BRACKET', '0.3', entry.orderId, true])
    place(engine, 'a0', market('SELL', 'base_size', '0.1'))
    expect([exit?.triggerStatus, exit?.status]).toEqual(['STOP_TRIGGERED', 'FILLED'])
    const bad = failureOf(engine, 'a1', {
      ...limit('BUY', '0.5', '90.00'),
      attachedOrderConfiguration: {
        trigger_bracket_gtc: { limit_price: '80.00', stop_trigger_price: '95.00' },
      },
    })
    expect(bad?.newOrderFailureReason).toBe('INVALID_BRACKET_PRICES')
  })

  it('edits GTC limits only, keeping priority on a size decrease', () => {
    const { engine } = setup()
    const a = place(engine, 'a0', limit('SELL', '1', '100.00'))
    const b = place(engine, 'a0', limit('SELL', '1', '100.00'))
    expect(engine.editOrder('a0', a.orderId, '100.00', '0.5', false)).toBe('')
    expect(engine.level2('BTC-USD').asks[0]?.[1].toFixed()).toBe('1.5')
    place(engine, 'a1', limit('BUY', '0.5', '100.00'))
    expect([a.status, b.filledSize.toFixed()]).toEqual(['FILLED', '0'])
    const ioc = place(engine, 'a1', limit('BUY', '0.1', '90.00', {}, 'sor_limit_ioc'))
    expect([
      engine.editOrder('a0', ioc.orderId, '1.00', '1', false),
      engine.editOrder('a0', 'nope', '1.00', '1', false),
      engine.editOrder('a0', b.orderId, '100.001', '1', false),
      engine.editOrder('a0', b.orderId, '100.00', '1', false),
    ]).toEqual([
      'ORDER_NOT_FOUND',
      'ORDER_NOT_FOUND',
      'INVALID_EDITED_PRICE',
      'EDIT_REQUEST_EQUAL_TO_ORIGINAL_REQUEST',
    ])
    expect(engine.cancelOrder('a0', b.orderId)).toEqual({
      success: true,
      failureReason: 'UNKNOWN_CANCEL_FAILURE_REASON',
    })
    expect(engine.cancelOrder('a0', b.orderId).failureReason).toBe('DUPLICATE_CANCEL_REQUEST')
    expect(engine.cancelOrder('a0', a.orderId).failureReason).toBe('ORDER_IS_FULLY_FILLED')
    expect(engine.cancelOrder('a1', b.orderId).failureReason).toBe('UNKNOWN_CANCEL_ORDER')
  })
})

// ---- property tests -------------------------------------------------------------------------

type Op =
  | {
      t: 'limit'
      acct: number
      side: 'BUY' | 'SELL'
      ticks: number
      size: number
      kind: string
      postOnly: boolean
    }
  | { t: 'market'; acct: number; side: 'BUY' | 'SELL'; size: number; byQuote: boolean }
  | { t: 'cancel'; acct: number; pick: number }
  | { t: 'edit'; acct: number; pick: number; ticks: number; size: number }

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    t: fc.constant('limit' as const),
    acct: fc.integer({ min: 0, max: 2 }),
    side: fc.constantFrom('BUY' as const, 'SELL' as const),
    ticks: fc.integer({ min: -20, max: 20 }),
    size: fc.integer({ min: 1, max: 300 }),
    kind: fc.constantFrom('limit_limit_gtc', 'limit_limit_gtc', 'sor_limit_ioc', 'limit_limit_fok'),
    postOnly: fc.boolean(),
  }),
  fc.record({
    t: fc.constant('market' as const),
    acct: fc.integer({ min: 0, max: 2 }),
    side: fc.constantFrom('BUY' as const, 'SELL' as const),
    size: fc.integer({ min: 1, max: 300 }),
    byQuote: fc.boolean(),
  }),
  fc.record({ t: fc.constant('cancel' as const), acct: fc.integer({ min: 0, max: 2 }), pick: fc.nat() }),
  fc.record({
    t: fc.constant('edit' as const),
    acct: fc.integer({ min: 0, max: 2 }),
    pick: fc.nat(),
    ticks: fc.integer({ min: -20, max: 20 }),
    size: fc.integer({ min: 1, max: 300 }),
  }),
)

function run(ops: Op[]) {
  const { engine, accounts } = setup([
    { USD: '1000', BTC: '5' },
    { USD: '500', BTC: '2' },
    { USD: '2000', BTC: '0.5' },
  ])
  const initial = new Map<string, Dec>()
  for (const a of accounts)
    for (const [c, b] of a.balances) initial.set(c, (initial.get(c) ?? ZERO).plus(b.available).plus(b.hold))
  const check = (): void => {
    const bid = engine.bestBid('BTC-USD')
    const ask = engine.bestAsk('BTC-USD')
    if (bid && ask) expect(bid[0].lt(ask[0])).toBe(true)
    const totals = new Map<string, Dec>()
    for (const a of accounts) {
      const holds = new Map<string, Dec>()
      for (const o of engine.userOrders)
        if (o.accountId === a.id) holds.set(o.holdCurrency, (holds.get(o.holdCurrency) ?? ZERO).plus(o.hold))
      for (const [c, b] of a.balances) {
        expect(b.available.gte(0), `${a.id} ${c} available ${b.available}`).toBe(true)
        expect(b.hold.gte(0)).toBe(true)
        expect(b.hold.eq(holds.get(c) ?? ZERO), `${a.id} ${c} hold matches open orders`).toBe(true)
        totals.set(c, (totals.get(c) ?? ZERO).plus(b.available).plus(b.hold))
      }
    }
    for (const [c, total] of initial) {
      const withFees = (totals.get(c) ?? ZERO).plus(engine.feesCollected.get(c) ?? ZERO)
      expect(withFees.eq(total), `${c} conserved: ${withFees} vs ${total}`).toBe(true)
    }
    for (const o of engine.userOrders) {
      if (o.baseSize) expect(o.filledSize.lte(o.baseSize)).toBe(true)
      if (o.quoteSize) expect(o.filledValue.plus(o.totalFees).lte(o.quoteSize)).toBe(true)
      expect(remaining(o).gte(0) || o.quoteSize !== null).toBe(true)
    }
  }
  for (const op of ops) {
    const acct = `a${op.acct}`
    if (op.t === 'limit') {
      const price = new D(100).plus(new D(op.ticks).mul('0.25')).toFixed(2)
      const extra = op.kind === 'limit_limit_fok' ? {} : { post_only: op.postOnly }
      engine.placeOrder(acct, limit(op.side, new D(op.size).div(100).toFixed(), price, extra, op.kind))
    } else if (op.t === 'market') {
      engine.placeOrder(
        acct,
        op.byQuote && op.side === 'BUY'
          ? market('BUY', 'quote_size', new D(op.size).toFixed(2))
          : market(op.side, 'base_size', new D(op.size).div(100).toFixed()),
      )
    } else {
      const open = engine.userOrders.filter((o) => o.accountId === acct && o.status === 'OPEN')
      const o = open[op.pick % Math.max(1, open.length)]
      if (o && op.t === 'cancel') engine.cancelOrder(acct, o.orderId)
      if (o && op.t === 'edit')
        engine.editOrder(
          acct,
          o.orderId,
          new D(100).plus(new D(op.ticks).mul('0.25')).toFixed(2),
          new D(op.size).div(100).toFixed(),
          false,
        )
    }
    check()
  }
}

describe('MatchingEngine properties', () => {
  it('book never crossed, balances never negative, holds consistent, balances+fees conserved, fills within size', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 60 }), (ops) => run(ops)),
      { numRuns: 80 },
    )
  })
})

describe('MatchingEngine retention', () => {
  it('forgets the oldest finished orders, fills and trades beyond the bounds and keeps open orders', () => {
    let now = Date.UTC(2026, 0, 1)
    const engine = new MatchingEngine({
      products: [BTC],
      now: () => now,
      random: createRandom(3),
      retention: { terminalOrders: 20, fills: 30, tradesPerProduct: 10 },
    })
    for (const id of ['a0', 'a1'])
      engine.addAccount({
        id,
        userId: id,
        portfolioId: id,
        balances: { USD: '10000000', BTC: '1000' },
        makerFeeRate: '0',
        takerFeeRate: '0',
      })
    const resting = place(engine, 'a0', limit('BUY', '1', '10.00'))
    const ids: string[] = []
    for (let i = 0; i < 500; i++) {
      now += 1000
      ids.push(place(engine, 'a1', limit('SELL', '0.01', '50000.00')).orderId)
      ids.push(place(engine, 'a0', market('BUY', 'base_size', '0.01')).orderId)
      const finished = engine.userOrders.filter((o) => o.status !== 'OPEN').length
      // Each bound plus its slack (max(16, 10 %)) is the most ever held.
      expect(finished).toBeLessThanOrEqual(20 + 16 + 2)
      expect(engine.fills.length).toBeLessThanOrEqual(30 + 16)
      expect(engine.trades.get('BTC-USD')?.length).toBeLessThanOrEqual(10 + 16)
      expect(engine.orders.size).toBeLessThanOrEqual(1 + 20 + 16 + 2)
    }
    // Recent history answers; the oldest is forgotten; the open order survived every prune.
    expect(engine.orders.get(ids[ids.length - 1] as string)?.status).toBe('FILLED')
    expect(engine.orders.get(ids[0] as string)).toBeUndefined()
    expect(engine.orders.get(resting.orderId)?.status).toBe('OPEN')
    expect(engine.userOrders[0]).toBe(resting)
    expect(engine.fills.at(-1)?.orderId).toBe(ids[ids.length - 1])
  })

  it('frees a forgotten order client_order_id but stays idempotent for retained ones', () => {
    const engine = new MatchingEngine({
      products: [BTC],
      now: () => Date.UTC(2026, 0, 1),
      random: createRandom(4),
      retention: { terminalOrders: 1 },
    })
    engine.addAccount({
      id: 'a0',
      userId: 'a0',
      portfolioId: 'a0',
      balances: { USD: '1000000' },
      makerFeeRate: '0',
      takerFeeRate: '0',
    })
    const req = (clientOrderId: string): NewOrderRequest => ({ ...limit('BUY', '1', '10.00'), clientOrderId })
    const first = place(engine, 'a0', req('keep-me'))
    expect(engine.placeOrder('a0', req('keep-me'))).toMatchObject({ ok: true, duplicate: true })
    engine.cancelOrder('a0', first.orderId)
    for (let i = 0; i < 40; i++) engine.cancelOrder('a0', place(engine, 'a0', req(`x${i}`)).orderId)
    expect(engine.orders.get(first.orderId)).toBeUndefined()
    expect(engine.placeOrder('a0', req('keep-me'))).toMatchObject({ ok: true, duplicate: false })
  })
})
