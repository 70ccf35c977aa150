import type { IssueCode } from './codes.js'
import { type Decimal, type DecimalInput, formatDecimal, toDecimal } from './decimal.js'
import { isValidationError, ValidationError, type ValidationIssue } from './errors.js'
import { type OrderSide, orderSide } from './orderSide.js'
import { type OrderType, orderType } from './orderType.js'
import { isProductId } from './productId.js'
import type { ProductSpec } from './productSpec.js'
import { isMultipleOf, quantize } from './quantize.js'
import { showValue } from './showValue.js'
import { type TimeInForce, timeInForce } from './timeInForce.js'

/**
 * An order as the project describes it before it is turned into a Coinbase order configuration.
 * Money is a `Decimal` or a decimal string, never a `number`.
 */
export interface OrderInput {
  productId: string
  side: OrderSide
  type: OrderType
  /** Base size (e.g. BTC for BTC-USD; contracts for futures). Give this or `quoteSize`. */
  size?: DecimalInput | undefined
  /** Quote amount to spend (MARKET orders only), e.g. USD for BTC-USD. */
  quoteSize?: DecimalInput | undefined
  /** Limit price (LIMIT, STOP_LIMIT, BRACKET). */
  price?: DecimalInput | undefined
  /** Stop trigger price (STOP_LIMIT, BRACKET). */
  stopPrice?: DecimalInput | undefined
  postOnly?: boolean | undefined
  timeInForce?: TimeInForce | undefined
}

/** Top of the order book, used for the post-only cross check and to estimate market-order notional. */
export interface BookTop {
  bestBid?: DecimalInput | null | undefined
  bestAsk?: DecimalInput | null | undefined
}

// The enums' own values: a Set lookup accepts exactly what their safeParse accepts, without allocating.
const SIDES: ReadonlySet<unknown> = new Set<unknown>(orderSide.options)
const TYPES: ReadonlySet<unknown> = new Set<unknown>(orderType.options)
const TIFS: ReadonlySet<unknown> = new Set<unknown>(timeInForce.options)
const PRICED: ReadonlySet<OrderType> = new Set(['LIMIT', 'STOP_LIMIT', 'BRACKET'])
const STOPPED: ReadonlySet<OrderType> = new Set(['STOP_LIMIT', 'BRACKET'])

/**
 * Checks an order against a product's rules the way Coinbase would, and returns **every** issue
 * (an empty array means the order is fine). Coinbase rejects off-grid sizes and prices instead of
 * rounding them, so this never rounds either: quantize first (see `quantize`), then validate.
 *
 * Rules: positive amounts; `base_min_size` ≤ size ≤ `base_max_size` (the minimum need not be a
 * multiple of the increment); size a multiple of `base_increment`; quote size (market buys by amount)
 * a multiple of `quote_increment` and within `quote_min_size`/`quote_max_size`; limit/stop prices
 * present and multiples of `price_increment`; notional (size × price, or size × best bid/ask for a
 * market order when `book` is given) within the quote limits; product status, `cancel_only`,
 * `limit_only`, `post_only`; and a post-only order that would cross `book`. A max size of `0` means
 * "no maximum".
 *
 * @example
 * const issues = validateOrder({ productId: 'BTC-USD', side: 'BUY', type: 'LIMIT', size: '0.000001', price: '67000' }, spec)
 * issues.map((i) => i.code) // ['SIZE_BELOW_MIN'] (with base_min_size 0.00001)
 */
export function validateOrder(order: OrderInput, spec: ProductSpec, book?: BookTop): ValidationIssue[] {
  const issues: ValidationIssue[] = []
  const id = spec.product_id

  // Product state first: when the product cannot trade, that is the headline.
  if (typeof order.productId !== 'string' || !isProductId(order.productId)) {
    add(
      issues,
      'productId',
      'INVALID_PRODUCT_ID',
      `must be a product id like "BTC-USD", got ${showValue(order.productId)}`,
    )
  } else if (order.productId.toUpperCase() !== id) {
    add(
      issues,
      'productId',
      'PRODUCT_MISMATCH',
      `order is for ${order.productId.toUpperCase()} but the spec is for ${id}`,
    )
  }
  const status = spec.status.toLowerCase()
  if (spec.trading_disabled || spec.is_disabled) {
    add(issues, 'productId', 'PRODUCT_DISABLED', `${id} is not tradable: trading is disabled`)
  } else if (status !== '' && status !== 'online') {
    add(issues, 'productId', 'PRODUCT_DISABLED', `${id} is not tradable: status is "${spec.status}"`)
  }
  if (spec.cancel_only) add(issues, 'productId', 'CANCEL_ONLY', `${id} is in cancel-only mode: no new orders`)

  const side = SIDES.has(order.side) ? order.side : undefined
  if (side === undefined)
    add(issues, 'side', 'INVALID_VALUE', `must be BUY or SELL, got ${showValue(order.side)}`)
  const type = TYPES.has(order.type) ? order.type : undefined
  if (type === undefined) {
    add(
      issues,
      'type',
      'INVALID_VALUE',
      `must be MARKET, LIMIT, STOP_LIMIT or BRACKET, got ${showValue(order.type)}`,
    )
  }
  if (order.timeInForce !== undefined && !TIFS.has(order.timeInForce)) {
    add(
      issues,
      'timeInForce',
      'INVALID_VALUE',
      `must be GTC, GTD, IOC or FOK, got ${showValue(order.timeInForce)}`,
    )
  }

  if (type === 'MARKET' && spec.limit_only) {
    add(issues, 'type', 'LIMIT_ONLY', `${id} is in limit-only mode: market orders are rejected`)
  }
  if (spec.post_only && type !== undefined && (type !== 'LIMIT' || order.postOnly !== true)) {
    add(
      issues,
      'postOnly',
      'POST_ONLY_REQUIRED',
      `${id} is in post-only mode: only post-only LIMIT orders are accepted`,
    )
  }
  if (order.postOnly === true && type !== undefined && type !== 'LIMIT') {
    add(issues, 'postOnly', 'UNSUPPORTED_COMBINATION', `post-only applies to LIMIT orders, not ${type}`)
  }
  if (order.postOnly === true && (order.timeInForce === 'IOC' || order.timeInForce === 'FOK')) {
    add(
      issues,
      'postOnly',
      'UNSUPPORTED_COMBINATION',
      `post-only cannot be combined with ${order.timeInForce}`,
    )
  }

  // Amounts.
  const size = readDecimal(order.size, 'size', issues)
  const quoteSize = readDecimal(order.quoteSize, 'quoteSize', issues)
  const price = readDecimal(order.price, 'price', issues)
  const stopPrice = readDecimal(order.stopPrice, 'stopPrice', issues)
  const hasSize = order.size !== undefined
  const hasQuoteSize = order.quoteSize !== undefined

  if (!hasSize && !hasQuoteSize) {
    add(
      issues,
      'size',
      'SIZE_REQUIRED',
      'give a base size (size) or, for a MARKET order, a quote size (quoteSize)',
    )
  } else if (hasSize && hasQuoteSize) {
    add(issues, 'quoteSize', 'SIZE_REQUIRED', 'give either size or quoteSize, not both')
  }
  if (hasQuoteSize && type !== undefined && type !== 'MARKET') {
    add(
      issues,
      'quoteSize',
      'QUOTE_SIZE_NOT_ALLOWED',
      `a ${type} order takes a base size (size), not quoteSize`,
    )
  }

  const sizeOk = size !== undefined && checkPositive(size, 'size', issues)
  if (size !== undefined && sizeOk) {
    if (size.lt(spec.base_min_size)) {
      add(
        issues,
        'size',
        'SIZE_BELOW_MIN',
        `${fmt(size)} is below the minimum size ${fmt(spec.base_min_size)} for ${id}`,
      )
    }
    if (!spec.base_max_size.isZero() && size.gt(spec.base_max_size)) {
      add(
        issues,
        'size',
        'SIZE_ABOVE_MAX',
        `${fmt(size)} is above the maximum size ${fmt(spec.base_max_size)} for ${id}`,
      )
    }
    if (!isMultipleOf(size, spec.base_increment)) {
      add(issues, 'size', 'SIZE_NOT_INCREMENT', offGrid(size, spec.base_increment, 'size'))
    }
  }

  if (quoteSize !== undefined && checkPositive(quoteSize, 'quoteSize', issues)) {
    if (!isMultipleOf(quoteSize, spec.quote_increment)) {
      add(issues, 'quoteSize', 'SIZE_NOT_INCREMENT', offGrid(quoteSize, spec.quote_increment, 'quote'))
    }
    checkNotional(quoteSize, 'quoteSize', 'quote size', spec, issues)
  }

  let priceOk = false
  if (type !== undefined && PRICED.has(type)) {
    if (order.price === undefined)
      add(issues, 'price', 'PRICE_REQUIRED', `a ${type} order needs a limit price (price)`)
    else if (price !== undefined && checkPositive(price, 'price', issues)) {
      priceOk = true
      if (!isMultipleOf(price, spec.price_increment)) {
        add(issues, 'price', 'PRICE_NOT_INCREMENT', offGrid(price, spec.price_increment, 'price'))
      }
    }
  } else if (type === 'MARKET' && order.price !== undefined) {
    add(issues, 'price', 'PRICE_NOT_ALLOWED', 'a MARKET order takes no limit price')
  }
  if (type !== undefined && STOPPED.has(type)) {
    if (order.stopPrice === undefined) {
      add(issues, 'stopPrice', 'PRICE_REQUIRED', `a ${type} order needs a stop price (stopPrice)`)
    } else if (stopPrice !== undefined && checkPositive(stopPrice, 'stopPrice', issues)) {
      if (!isMultipleOf(stopPrice, spec.price_increment)) {
        add(issues, 'stopPrice', 'PRICE_NOT_INCREMENT', offGrid(stopPrice, spec.price_increment, 'price'))
      }
    }
  } else if (type !== undefined && order.stopPrice !== undefined) {
    add(issues, 'stopPrice', 'PRICE_NOT_ALLOWED', `a ${type} order takes no stop price`)
  }

  const bestBid = readBook(book?.bestBid, 'bestBid', issues)
  const bestAsk = readBook(book?.bestAsk, 'bestAsk', issues)
  if (size !== undefined && sizeOk) {
    if (priceOk && price !== undefined) {
      checkNotional(size.times(price), 'size', 'notional (size × price)', spec, issues)
    } else if (type === 'MARKET' && side !== undefined) {
      const reference = side === 'BUY' ? bestAsk : bestBid
      if (reference !== undefined) {
        const label = `estimated notional (size × best ${side === 'BUY' ? 'ask' : 'bid'})`
        checkNotional(size.times(reference), 'size', label, spec, issues)
      }
    }
  }

  if (order.postOnly === true && type === 'LIMIT' && priceOk && price !== undefined) {
    if (side === 'BUY' && bestAsk !== undefined && price.gte(bestAsk)) {
      add(
        issues,
        'price',
        'POST_ONLY_WOULD_CROSS',
        `post-only BUY at ${fmt(price)} would cross the best ask ${fmt(bestAsk)}`,
      )
    }
    if (side === 'SELL' && bestBid !== undefined && price.lte(bestBid)) {
      add(
        issues,
        'price',
        'POST_ONLY_WOULD_CROSS',
        `post-only SELL at ${fmt(price)} would cross the best bid ${fmt(bestBid)}`,
      )
    }
  }
  return issues
}

/**
 * Like {@link validateOrder} but throws a `ValidationError` (subject `order`) listing every issue.
 *
 * @example
 * assertValidOrder(order, spec, { bestBid: '66999.99', bestAsk: '67000' })
 */
export function assertValidOrder(order: OrderInput, spec: ProductSpec, book?: BookTop): void {
  const issues = validateOrder(order, spec, book)
  if (issues.length > 0) throw new ValidationError(issues, { subject: `order for ${spec.product_id}` })
}

/** One issue (a module function rather than a closure per call: this runs on every order). */
function add(issues: ValidationIssue[], path: string, code: IssueCode, message: string): void {
  issues.push({ path: [path], code, message })
}

function readDecimal(value: unknown, field: string, issues: ValidationIssue[]): Decimal | undefined {
  if (value === undefined) return undefined
  try {
    return toDecimal(value, field)
  } catch (error) {
    if (isValidationError(error)) issues.push(...error.issues)
    else issues.push({ path: [field], code: 'INVALID_DECIMAL', message: 'must be a decimal' })
    return undefined
  }
}

/** A missing or non-positive best bid/ask (empty book side) means "unknown", not an error. */
function readBook(value: unknown, field: string, issues: ValidationIssue[]): Decimal | undefined {
  if (value === null) return undefined
  const parsed = readDecimal(value, `book.${field}`, issues)
  return parsed?.gt(0) ? parsed : undefined
}

function checkPositive(value: Decimal, field: string, issues: ValidationIssue[]): boolean {
  if (value.gt(0)) return true
  issues.push({ path: [field], code: 'NON_POSITIVE', message: `must be greater than 0, got ${fmt(value)}` })
  return false
}

function checkNotional(
  notional: Decimal,
  field: string,
  label: string,
  spec: ProductSpec,
  issues: ValidationIssue[],
): void {
  if (notional.lt(spec.quote_min_size)) {
    issues.push({
      path: [field],
      code: 'NOTIONAL_BELOW_MIN',
      message: `${label} ${fmt(notional)} is below the minimum ${fmt(spec.quote_min_size)} for ${spec.product_id}`,
    })
  }
  if (!spec.quote_max_size.isZero() && notional.gt(spec.quote_max_size)) {
    issues.push({
      path: [field],
      code: 'NOTIONAL_ABOVE_MAX',
      message: `${label} ${fmt(notional)} is above the maximum ${fmt(spec.quote_max_size)} for ${spec.product_id}`,
    })
  }
}

function offGrid(value: Decimal, increment: Decimal, what: string): string {
  return (
    `${fmt(value)} is not a multiple of the ${what} increment ${fmt(increment)} ` +
    `(Coinbase rejects it; nearest below is ${fmt(quantize(value, increment, 'floor'))})`
  )
}

function fmt(value: Decimal): string {
  return formatDecimal(value)
}
