import {
  Decimal,
  type DecimalInput,
  isMultipleOf,
  type OrderInput,
  type ProductSpec,
  type ValidationIssue,
  validateOrder,
} from '@gpt-trader/validation'
import { cmp } from './compare.js'
import type { BestBidAsk } from './PreTradeContext.js'

/** A product spec with what the fast path needs worked out once. */
interface CompiledSpec {
  readonly tradable: boolean
  /** Decimal places of a power-of-ten increment, or -1 when the increment is not 10^-k. */
  readonly baseDp: number
  readonly quoteDp: number
  readonly priceDp: number
}

const compiled = new WeakMap<ProductSpec, CompiledSpec>()
const POWER_OF_TEN = /^(1|0\.0*1)$/
const SIDES = new Set(['BUY', 'SELL'])
const TYPES = new Set(['MARKET', 'LIMIT', 'STOP_LIMIT', 'BRACKET'])
const TIFS = new Set(['GTC', 'GTD', 'IOC', 'FOK'])

function powerOfTenDp(increment: Decimal): number {
  return POWER_OF_TEN.test(increment.toFixed()) ? increment.decimalPlaces() : -1
}

function compile(spec: ProductSpec): CompiledSpec {
  let entry = compiled.get(spec)
  if (entry === undefined) {
    const status = spec.status.toLowerCase()
    entry = {
      tradable:
        !spec.trading_disabled &&
        !spec.is_disabled &&
        !spec.cancel_only &&
        (status === '' || status === 'online'),
      baseDp: powerOfTenDp(spec.base_increment),
      quoteDp: powerOfTenDp(spec.quote_increment),
      priceDp: powerOfTenDp(spec.price_increment),
    }
    compiled.set(spec, entry)
  }
  return entry
}

/** A finite Decimal instance of this package's Decimal, or undefined (the slow path handles the rest). */
function exact(value: DecimalInput | undefined): Decimal | undefined {
  return value instanceof Decimal && value.isFinite() ? value : undefined
}

/** Strictly greater than zero (decimal.js counts +0 as positive). */
function positive(value: Decimal | undefined): value is Decimal {
  if (value === undefined) return false
  return value.isPositive() && !value.isZero()
}

function onGrid(value: Decimal, dp: number, increment: Decimal): boolean {
  return dp >= 0 ? value.decimalPlaces() <= dp : isMultipleOf(value, increment)
}

function withinNotional(notional: Decimal, spec: ProductSpec): boolean {
  return (
    cmp(notional, spec.quote_min_size) >= 0 &&
    (spec.quote_max_size.isZero() || cmp(notional, spec.quote_max_size) <= 0)
  )
}

/**
 * True only when the order certainly passes every rule of `validateOrder` (@gpt-trader/validation):
 * the common case (Decimal amounts, a tradable product, power-of-ten increments) answered without
 * parsing, zod or BigInt. Anything unusual returns false and the caller asks `validateOrder` itself.
 * A property test checks that this never says yes where `validateOrder` finds an issue.
 */
export function passesProductRulesFast(
  order: OrderInput,
  spec: ProductSpec,
  book: BestBidAsk | undefined,
): boolean {
  const c = compile(spec)
  if (!c.tradable || order.productId !== spec.product_id) return false
  const type = order.type
  const side = order.side
  if (!SIDES.has(side) || !TYPES.has(type)) return false
  if (order.timeInForce !== undefined && !TIFS.has(order.timeInForce)) return false
  const postOnly = order.postOnly === true
  if (type === 'MARKET' && spec.limit_only) return false
  if (spec.post_only && (type !== 'LIMIT' || !postOnly)) return false
  if (postOnly && (type !== 'LIMIT' || order.timeInForce === 'IOC' || order.timeInForce === 'FOK'))
    return false

  const hasSize = order.size !== undefined
  const hasQuote = order.quoteSize !== undefined
  if (hasSize === hasQuote) return false
  const priced = type !== 'MARKET'
  const stopped = type === 'STOP_LIMIT' || type === 'BRACKET'
  if (priced ? order.price === undefined : order.price !== undefined) return false
  if (stopped ? order.stopPrice === undefined : order.stopPrice !== undefined) return false

  let price: Decimal | undefined
  if (priced) {
    price = exact(order.price)
    if (!positive(price)) return false
    if (!onGrid(price, c.priceDp, spec.price_increment)) return false
  }
  if (stopped) {
    const stop = exact(order.stopPrice)
    if (!positive(stop)) return false
    if (!onGrid(stop, c.priceDp, spec.price_increment)) return false
  }
  let bestBid: Decimal | undefined
  let bestAsk: Decimal | undefined
  if (book !== undefined) {
    bestBid = exact(book.bestBid)
    bestAsk = exact(book.bestAsk)
    if (bestBid === undefined || bestAsk === undefined) return false
  }

  if (hasQuote) {
    if (type !== 'MARKET') return false
    const quote = exact(order.quoteSize)
    if (!positive(quote)) return false
    if (!onGrid(quote, c.quoteDp, spec.quote_increment)) return false
    return withinNotional(quote, spec)
  }
  const size = exact(order.size)
  if (!positive(size)) return false
  if (cmp(size, spec.base_min_size) < 0) return false
  if (!spec.base_max_size.isZero() && cmp(size, spec.base_max_size) > 0) return false
  if (!onGrid(size, c.baseDp, spec.base_increment)) return false
  if (price !== undefined) {
    if (!withinNotional(size.times(price), spec)) return false
  } else {
    const reference = side === 'BUY' ? bestAsk : bestBid
    if (positive(reference)) {
      if (!withinNotional(size.times(reference), spec)) return false
    }
  }
  if (postOnly && price !== undefined) {
    if (side === 'BUY' && positive(bestAsk) && cmp(price, bestAsk) >= 0) return false
    if (side === 'SELL' && positive(bestBid) && cmp(price, bestBid) <= 0) return false
  }
  return true
}

/**
 * The product-rule issues of an order: none when the fast path proves it clean, otherwise exactly what
 * `validateOrder` reports.
 */
export function productRuleIssues(
  order: OrderInput,
  spec: ProductSpec,
  book: BestBidAsk | undefined,
): readonly ValidationIssue[] {
  if (passesProductRulesFast(order, spec, book)) return NONE
  return validateOrder(order, spec, book)
}

const NONE: readonly ValidationIssue[] = Object.freeze([])
