// Money invariants of the pre-trade gate, checked on generated portfolios and orders (fast-check).
// Run counts add up to more than 100,000 cases across this file and productRules.test.ts.
import { Decimal, type OrderSide, type ProductSpec, type TradingState } from '@gpt-trader/validation'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { NOW, spotSpec } from '../test/fixtures.js'
import type {
  MarketView,
  PreTradeContext,
  PreTradeOrder,
  RiskOpenOrder,
  RiskOrder,
  RiskPosition,
} from './PreTradeContext.js'
import { PreTradeValidator } from './PreTradeValidator.js'
import { resolveRiskConfig } from './riskConfig.js'

const SYMBOLS = ['BTC-USD', 'ETH-USD', 'SOL-USD'] as const
const CENT = new Decimal('0.01')
const SAT = new Decimal('0.00000001')
const ZERO = new Decimal(0)
const SPECS = new Map<string, ProductSpec>(SYMBOLS.map((s) => [s, spotSpec(s)]))
const config = resolveRiskConfig(
  // Tight caps so that generated orders land on both sides of every limit.
  { perSymbolCaps: { 'BTC-USD': '3000', 'ETH-USD': '2000' }, maxOpenOrdersPerSymbol: 4 },
  { preset: 'default' },
)
const validator = new PreTradeValidator(config, { clock: { now: () => NOW } })

interface World {
  equity: Decimal
  marks: Record<string, Decimal>
  positions: Map<string, RiskPosition>
  openOrders: RiskOpenOrder[]
  depth: Decimal
  rho: number
}

/** A light market view: the book is one level each side at mark ± 0.01 with `depth` units. */
function view(world: World): MarketView {
  const marks = new Map(SYMBOLS.map((s) => [s as string, { price: world.marks[s]!, at: NOW - 1000 }]))
  const books = new Map(
    SYMBOLS.map((s) => [
      s as string,
      { bestBid: world.marks[s]!.minus(CENT), bestAsk: world.marks[s]!.plus(CENT), at: NOW - 1000 },
    ]),
  )
  return {
    mark: (s) => marks.get(s),
    bestBidAsk: (s) => books.get(s),
    impact: (s, side, size) => {
      const top = books.get(s)
      if (top === undefined) return undefined
      return {
        averagePrice: side === 'BUY' ? top.bestAsk : top.bestBid,
        filledSize: size.lt(world.depth) ? size : world.depth,
      }
    },
  }
}

const symbol = fc.constantFrom(...SYMBOLS)
const side = fc.constantFrom<OrderSide>('BUY', 'SELL')
/** Base sizes from 0.0001 to ~0.2 BTC-equivalent, on the 1e-8 grid. */
const sats = (max: number) => fc.integer({ min: 10_000, max }).map((n) => SAT.times(n))

const world: fc.Arbitrary<World> = fc
  .record({
    equity: fc.integer({ min: 0, max: 3_000_000 }).map((n) => CENT.times(n)),
    btc: fc.integer({ min: 4_000_000, max: 6_000_000 }),
    eth: fc.integer({ min: 250_000, max: 350_000 }),
    sol: fc.integer({ min: 8_000, max: 12_000 }),
    positions: fc.array(fc.tuple(symbol, fc.integer({ min: -20_000_000, max: 20_000_000 })), {
      maxLength: 3,
    }),
    openOrders: fc.array(
      fc.tuple(symbol, side, sats(20_000_000), fc.option(fc.integer({ min: -300, max: 300 }))),
      {
        maxLength: 6,
      },
    ),
    depth: fc.integer({ min: 1, max: 100 }).map((n) => new Decimal(n).div(100)),
    rho: fc.constantFrom(0, 0.5, 0.7, 0.9),
  })
  .map((w) => {
    const marks = { 'BTC-USD': CENT.times(w.btc), 'ETH-USD': CENT.times(w.eth), 'SOL-USD': CENT.times(w.sol) }
    const scale: Record<string, Decimal> = {
      'BTC-USD': SAT,
      'ETH-USD': SAT.times(10),
      'SOL-USD': SAT.times(300),
    }
    const positions = new Map<string, RiskPosition>()
    for (const [s, q] of w.positions) positions.set(s, { quantity: scale[s]!.times(q) })
    const openOrders: RiskOpenOrder[] = w.openOrders.map(([s, sd, size, ticks]) => ({
      productId: s,
      side: sd,
      size: size.times(scale[s]!.div(SAT)),
      ...(ticks === null ? {} : { price: marks[s].plus(CENT.times(ticks)) }),
    }))
    return { equity: w.equity, marks, positions, openOrders, depth: w.depth, rho: w.rho }
  })

const order = (allowCancel: boolean): fc.Arbitrary<PreTradeOrder> =>
  fc
    .record({
      symbol,
      side,
      size: sats(30_000_000),
      type: fc.constantFrom('LIMIT', 'MARKET'),
      ticks: fc.integer({ min: -800, max: 800 }),
      reduceOnly: fc.boolean(),
      cancel: allowCancel ? fc.boolean() : fc.constant(false),
    })
    .map((o) => o)
    .chain((o) =>
      fc.constant<PreTradeOrder>(
        o.cancel
          ? { action: 'cancel', productId: o.symbol }
          : ({
              productId: o.symbol,
              side: o.side,
              type: o.type,
              size: o.size,
              reduceOnly: o.reduceOnly,
              // The price is set relative to the mark in context().
              ticks: o.ticks,
            } as RiskOrder & { ticks: number }),
      ),
    )

function context(
  w: World,
  tradingState: TradingState,
  symbolStates = new Map<string, TradingState>(),
): PreTradeContext {
  return {
    portfolio: { equity: w.equity },
    positions: w.positions,
    openOrders: w.openOrders,
    market: view(w),
    products: SPECS,
    tradingState,
    symbolStates,
    correlation: (a, b) => (a === b ? 1 : w.rho),
  }
}

/** Gives a LIMIT order its price (mark ± ticks × 1 cent × price scale). */
function priced(o: PreTradeOrder, w: World): PreTradeOrder {
  if (o.action === 'cancel') return o
  const { ticks, ...rest } = o as RiskOrder & { ticks: number }
  if (rest.type !== 'LIMIT') return rest
  const mark = w.marks[rest.productId]!
  const step = mark.gt(1000) ? CENT.times(100) : CENT
  return { ...rest, price: Decimal.max(CENT, mark.plus(step.times(ticks))) }
}

/** Worst-case exposure of `s`, with the order added when it is on `s` — an independent reference. */
function worst(w: World, s: string, extra?: { side: OrderSide; notional: Decimal }): Decimal {
  const mark = w.marks[s]!
  const position = (w.positions.get(s)?.quantity ?? ZERO).times(mark)
  let buys = ZERO
  let sells = ZERO
  for (const o of w.openOrders) {
    if (o.productId !== s) continue
    const value = o.size.times(o.price ?? mark)
    if (o.side === 'BUY') buys = buys.plus(value)
    else sells = sells.plus(value)
  }
  if (extra?.side === 'BUY') buys = buys.plus(extra.notional)
  if (extra?.side === 'SELL') sells = sells.plus(extra.notional)
  return Decimal.max(position.plus(buys).abs(), position.minus(sells).abs())
}

/** True when the order can only shrink |position|, even if every open order on its side fills too. */
function reduces(w: World, o: RiskOrder): boolean {
  const q = w.positions.get(o.productId)?.quantity ?? ZERO
  if (q.isZero()) return false
  const reduceSide = q.isPositive() ? 'SELL' : 'BUY'
  if (o.side !== reduceSide) return false
  let pending = ZERO
  for (const open of w.openOrders)
    if (open.productId === o.productId && open.side === reduceSide) pending = pending.plus(open.size)
  return new Decimal(o.size as Decimal).plus(pending).lte(q.abs())
}

describe('PreTradeValidator properties', () => {
  it('no accepted order breaches a cap; accepted reducing orders never increase |position|', () => {
    let accepted = 0
    fc.assert(
      fc.property(world, order(false), (w, raw) => {
        const o = priced(raw, w) as RiskOrder
        const verdict = validator.check(o, context(w, 'ACTIVE'))
        if (!verdict.accepted) return
        accepted++
        if (verdict.reducing) {
          expect(reduces(w, o)).toBe(true)
          return
        }
        const mark = w.marks[o.productId]!
        const notional = (o.size as Decimal).times(o.price === undefined ? mark : (o.price as Decimal))
        const mine = worst(w, o.productId, { side: o.side, notional })
        const cap = config.perSymbolCaps[o.productId]
        if (cap !== undefined) expect(mine.lte(cap)).toBe(true)
        expect(mine.lte(w.equity.times(config.maxSymbolExposurePct))).toBe(true)
        let total = mine
        let group = mine
        let grouped = false
        for (const s of SYMBOLS) {
          if (s === o.productId) continue
          const e = worst(w, s)
          total = total.plus(e)
          if (!e.isZero() && w.rho >= config.correlation.threshold) {
            group = group.plus(e)
            grouped = true
          }
        }
        expect(total.lte(w.equity.times(config.maxTotalExposurePct))).toBe(true)
        if (grouped) expect(group.lte(w.equity.times(config.correlation.maxGroupExposurePct))).toBe(true)
      }),
      { numRuns: 40_000 },
    )
    // The generator must produce accepted orders, or the property says nothing.
    expect(accepted).toBeGreaterThan(1_000)
  })

  it('in REDUCE_ONLY (global or symbol) no accepted order increases |position| or flips it', () => {
    let accepted = 0
    fc.assert(
      fc.property(world, order(true), fc.boolean(), (w, raw, global) => {
        const o = priced(raw, w)
        const symbolStates = new Map<string, TradingState>([[o.productId, 'REDUCE_ONLY']])
        const verdict = validator.check(
          o,
          global ? context(w, 'REDUCE_ONLY') : context(w, 'ACTIVE', symbolStates),
        )
        if (!verdict.accepted || o.action === 'cancel') return
        accepted++
        expect(verdict.reducing).toBe(true)
        expect(reduces(w, o)).toBe(true)
        const q = w.positions.get(o.productId)!.quantity
        const after = o.side === 'BUY' ? q.plus(o.size as Decimal) : q.minus(o.size as Decimal)
        expect(after.abs().lt(q.abs())).toBe(true)
        expect(after.isZero() || after.isNegative() === q.isNegative()).toBe(true)
      }),
      { numRuns: 25_000 },
    )
    expect(accepted).toBeGreaterThan(500)
  })

  it('in HALTED (global or symbol) nothing but cancels is accepted', () => {
    let cancels = 0
    fc.assert(
      fc.property(world, order(true), fc.boolean(), (w, raw, global) => {
        const o = priced(raw, w)
        const symbolStates = new Map<string, TradingState>([[o.productId, 'HALTED']])
        const verdict = validator.check(o, global ? context(w, 'HALTED') : context(w, 'ACTIVE', symbolStates))
        if (o.action === 'cancel') {
          cancels++
          expect(verdict.accepted).toBe(true)
        } else {
          expect(verdict.accepted).toBe(false)
          expect(verdict.accepted ? '' : verdict.code).toBe(global ? 'TRADING_HALTED' : 'SYMBOL_HALTED')
        }
      }),
      { numRuns: 20_000 },
    )
    expect(cancels).toBeGreaterThan(1_000)
  })
})
