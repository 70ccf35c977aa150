import type { Clock } from '@gpt-trader/guards'
import {
  Decimal,
  type DecimalInput,
  formatDecimal,
  formatPath,
  isProductId,
  type OrderSide,
  type ProductSpec,
  parseProductId,
  toDecimal,
  type ValidationIssue,
} from '@gpt-trader/validation'
import type { RiskReasonCode } from './codes.js'
import { cmp } from './compare.js'
import { ExposureBook } from './ExposureBook.js'
import type { BestBidAsk, MarkPrice, PreTradeContext, PreTradeOrder } from './PreTradeContext.js'
import { productRuleIssues } from './productRules.js'
import { ACCEPT, ACCEPT_REDUCING, type RiskReject, type RiskVerdict } from './RiskVerdict.js'
import { defaultRiskConfig, type RiskConfig } from './riskConfig.js'
import { isWithinTradingWindow } from './tradingWindow.js'

const ZERO = new Decimal(0)
const ONE = new Decimal(1)
const TWO = new Decimal(2)
const BPS = new Decimal(10_000)

/** Options of {@link PreTradeValidator}. */
export interface PreTradeValidatorOptions {
  /** Source of "now" for staleness and the trading window. Default `Date.now`. */
  clock?: Clock | undefined
}
interface Derived {
  readonly mark: MarkPrice
  readonly book: BestBidAsk
  /** mark × slippage bps / 10,000 */
  readonly slippageLimit: Decimal
  /** bid + ask */
  readonly twiceMid: Decimal
  /** (bid + ask) × impact bps / 10,000 */
  readonly impactLimit: Decimal
}

/**
 * Synchronous pre-trade gate. `check(order, context)` returns a {@link RiskVerdict}: accept, or reject
 * with a code from `riskReasonCodes` and a message. Checks, in order: HALTED (only cancels pass),
 * unknown product, derivatives gate, product rules (`validateOrder`), reduce-only flag and
 * REDUCE_ONLY states, open orders per symbol; then, for orders that add exposure only: leverage,
 * trading window, mark and book presence and staleness, equity, per-symbol notional cap, per-symbol
 * share of equity, total exposure, correlation group cap, liquidity and impact cost, slippage.
 *
 * An order is *reducing* when it is on the opposite side of the position and, together with the open
 * orders already on that side, cannot take |position| through zero. Reducing orders skip the exposure
 * and market-quality checks on purpose: a stale feed or a thin book must never trap a position.
 *
 * Exposure of a symbol is its worst case if every open order fills: `max(|P + B|, |P − S|)` with `P`
 * the signed position at the mark, `B`/`S` the notional of open buys/sells (limit price, or the mark)
 * including this order.
 *
 * @example
 * const validator = new PreTradeValidator(resolveRiskConfig({}, { preset: 'spot_top10' }))
 * const verdict = validator.check({ productId: 'BTC-USD', side: 'BUY', type: 'LIMIT', size: '0.01', price: '50000' }, context)
 */
export class PreTradeValidator {
  readonly config: RiskConfig
  readonly #clock: Clock
  readonly #caps: ReadonlyMap<string, Decimal>
  readonly #derivative = new Map<string, boolean>()
  readonly #book = new ExposureBook()
  readonly #impactRatio: Decimal
  readonly #slippageRatio: Decimal
  #limits: { equity: Decimal; symbol: Decimal; total: Decimal; group: Decimal } | undefined
  readonly #marketLimits = new Map<string, Derived>()

  constructor(config: RiskConfig = defaultRiskConfig, options: PreTradeValidatorOptions = {}) {
    this.config = config
    this.#clock = options.clock ?? { now: () => Date.now() }
    this.#caps = new Map(Object.entries(config.perSymbolCaps))
    this.#impactRatio = config.maxImpactBps.div(BPS)
    this.#slippageRatio = config.slippageGuardBps.div(BPS)
  }

  /**
   * Limits derived from a mark and a book (slippage and impact in price units), recomputed only when
   * the symbol's mark or book object changes.
   */
  #derived(symbol: string, mark: MarkPrice, book: BestBidAsk): Derived {
    let entry = this.#marketLimits.get(symbol)
    if (entry === undefined || entry.mark !== mark || entry.book !== book) {
      const twiceMid = book.bestBid.plus(book.bestAsk)
      entry = {
        mark,
        book,
        slippageLimit: mark.price.times(this.#slippageRatio),
        twiceMid,
        impactLimit: twiceMid.times(this.#impactRatio),
      }
      // Bounded by the product universe; the guard keeps a hostile caller from growing it forever.
      if (this.#marketLimits.size < 10_000) this.#marketLimits.set(symbol, entry)
    }
    return entry
  }

  /** Equity-share limits, recomputed only when the equity object changes. */
  #limitsFor(equity: Decimal): { symbol: Decimal; total: Decimal; group: Decimal } {
    let limits = this.#limits
    if (limits === undefined || limits.equity !== equity) {
      const config = this.config
      limits = {
        equity,
        symbol: equity.times(config.maxSymbolExposurePct),
        total: equity.times(config.maxTotalExposurePct),
        group: equity.times(config.correlation.maxGroupExposurePct),
      }
      this.#limits = limits
    }
    return limits
  }

  /** Checks one order (or cancel) against the config and the context. Never throws for a bad order. */
  check(order: PreTradeOrder, context: PreTradeContext): RiskVerdict {
    if (order.action === 'cancel') return ACCEPT
    const symbol = order.productId
    const config = this.config
    const globalState = context.tradingState ?? 'ACTIVE'
    if (globalState === 'HALTED') {
      return reject('TRADING_HALTED', symbol, 'trading is HALTED: only cancels are accepted')
    }
    const symbolState = context.symbolStates?.get(symbol)
    if (symbolState === 'HALTED') {
      return reject('SYMBOL_HALTED', symbol, `${symbol} is HALTED: only cancels are accepted`)
    }
    const spec = context.products.get(symbol)
    if (spec === undefined) {
      return reject('UNKNOWN_PRODUCT', symbol, `no product spec for ${String(symbol)} in the context`)
    }
    if (!config.derivativesEnabled && this.#isDerivative(symbol, spec)) {
      return reject('DERIVATIVES_DISABLED', symbol, `${symbol} is a derivative and derivatives are disabled`)
    }
    const market = context.market
    const book = market.bestBidAsk(symbol)
    const issues = productRuleIssues(order, spec, book)
    if (issues.length > 0) return productRules(symbol, issues)

    // validateOrder accepted the amounts, so these conversions cannot throw.
    const side = order.side
    const buy = side === 'BUY'
    const price = order.price === undefined ? undefined : toDecimal(order.price)
    const quoteSize = order.quoteSize === undefined ? undefined : toDecimal(order.quoteSize)
    const mark = market.mark(symbol)
    const size = order.size !== undefined ? toDecimal(order.size) : baseFromQuote(quoteSize, mark)

    // Open orders of this symbol: count them, and sum the size already working to reduce the position.
    const position = context.positions.get(symbol)?.quantity ?? ZERO
    const openOrders = context.openOrders
    let openCount = 0
    let pendingReduce = ZERO
    const reduceSide: OrderSide | undefined = position.isPositive()
      ? 'SELL'
      : position.isNegative()
        ? 'BUY'
        : undefined
    for (let i = 0; i < openOrders.length; i++) {
      const open = openOrders[i]!
      if (open.productId !== symbol) continue
      openCount++
      if (open.side === reduceSide) pendingReduce = pendingReduce.plus(open.size)
    }
    const reducing =
      side === reduceSide &&
      size !== undefined &&
      cmp(pendingReduce.isZero() ? size : size.plus(pendingReduce), position.abs()) <= 0

    if (order.reduceOnly === true && !reducing) {
      return reject(
        'REDUCE_ONLY_ORDER_WOULD_INCREASE',
        symbol,
        `reduce-only ${side} on ${symbol} would increase |position| or flip it (position ${fmt(position)}, already reducing ${fmt(pendingReduce)})`,
      )
    }
    if (globalState === 'REDUCE_ONLY' && !reducing) {
      return reject(
        'REDUCE_ONLY_VIOLATION',
        symbol,
        `trading is REDUCE_ONLY: a ${side} on ${symbol} would increase |position| or flip it (position ${fmt(position)})`,
      )
    }
    if (symbolState === 'REDUCE_ONLY' && !reducing) {
      return reject(
        'SYMBOL_REDUCE_ONLY',
        symbol,
        `${symbol} is REDUCE_ONLY: a ${side} would increase |position| or flip it (position ${fmt(position)})`,
      )
    }
    if (openCount >= config.maxOpenOrdersPerSymbol) {
      return reject(
        'MAX_OPEN_ORDERS',
        symbol,
        `${symbol} already has ${openCount} open orders (max ${config.maxOpenOrdersPerSymbol})`,
      )
    }
    if (reducing) return ACCEPT_REDUCING

    // ---- Everything below guards new exposure. ----
    if (order.leverage !== undefined) {
      const leverage = readLeverage(order.leverage)
      if (leverage === undefined || leverage.gt(config.maxLeverage)) {
        return reject(
          'LEVERAGE_EXCEEDED',
          symbol,
          `leverage ${String(order.leverage)} is above the maximum ${fmt(config.maxLeverage)}`,
        )
      }
    }
    const now = this.#clock.now()
    const window = config.tradingWindow
    if (window !== null && !isWithinTradingWindow(window, now)) {
      return reject(
        'TRADING_WINDOW_CLOSED',
        symbol,
        `outside the trading window ${hhmm(window.start)}-${hhmm(window.end)} UTC: only reducing orders are accepted`,
      )
    }
    if (mark === undefined) return reject('MARK_MISSING', symbol, `no mark price for ${symbol}`)
    const markAge = now - mark.at
    if (!(markAge <= config.markStalenessMs)) {
      return reject(
        'MARK_STALE',
        symbol,
        `the ${symbol} mark is ${markAge} ms old (limit ${config.markStalenessMs} ms): only reducing orders are accepted`,
      )
    }
    if (book === undefined) return reject('BOOK_MISSING', symbol, `no best bid/ask for ${symbol}`)
    const bookAge = now - book.at
    if (!(bookAge <= config.bookStalenessMs)) {
      return reject(
        'BOOK_STALE',
        symbol,
        `the ${symbol} book is ${bookAge} ms old (limit ${config.bookStalenessMs} ms): only reducing orders are accepted`,
      )
    }
    const equity = context.portfolio.equity
    if (equity.isZero() || equity.isNegative()) {
      return reject('NO_EQUITY', symbol, `equity is ${fmt(equity)}: no new exposure`)
    }

    // Exposure, worst case per symbol, this order included. The existing book's totals are reused
    // while the snapshot is unchanged; only this symbol is recomputed with the order added.
    const exposures = this.#book.refresh(context)
    if (exposures.missingMark !== undefined) {
      return reject('MARK_MISSING', symbol, `no mark price for ${exposures.missingMark}: exposure unknown`)
    }
    const orderNotional = quoteSize ?? size!.times(price ?? mark.price)
    const legs = exposures.legs(symbol)
    let up: Decimal
    let down: Decimal
    if (legs === undefined) {
      up = buy ? orderNotional : ZERO
      down = buy ? ZERO : orderNotional
    } else if (buy) {
      up = magnitude(legs.long.plus(orderNotional))
      down = legs.down
    } else {
      up = legs.up
      down = magnitude(legs.short.minus(orderNotional))
    }
    const mine = cmp(up, down) > 0 ? up : down
    const cap = this.#caps.get(symbol)
    if (cap !== undefined && cmp(mine, cap) > 0) {
      return reject(
        'SYMBOL_NOTIONAL_CAP',
        symbol,
        `${symbol} exposure would be ${fmt(mine, 2)} (position + open orders + this order), above the cap ${fmt(cap)}`,
      )
    }
    const limits = this.#limitsFor(equity)
    const symbolLimit = limits.symbol
    if (cmp(mine, symbolLimit) > 0) {
      return reject(
        'SYMBOL_EXPOSURE_LIMIT',
        symbol,
        `${symbol} exposure would be ${fmt(mine, 2)}, above ${pct(config.maxSymbolExposurePct)} of equity (${fmt(symbolLimit, 2)})`,
      )
    }
    // `legs.rest` is the book's total minus this symbol's worst case, worked out once per snapshot.
    const total = legs === undefined ? exposures.total.plus(mine) : legs.rest.plus(mine)
    const totalLimit = limits.total
    if (cmp(total, totalLimit) > 0) {
      return reject(
        'TOTAL_EXPOSURE_LIMIT',
        symbol,
        `total exposure would be ${fmt(total, 2)}, above ${pct(config.maxTotalExposurePct)} of equity (${fmt(totalLimit, 2)})`,
      )
    }
    const correlation = context.correlation
    // The group is a subset of all symbols, so its cap can only bind when the total is above it.
    if (correlation !== undefined && cmp(total, limits.group) > 0) {
      const threshold = config.correlation.threshold
      let group = mine
      let grouped = false
      for (const [other, exposure] of exposures.entries()) {
        if (other === symbol || exposure.worst.isZero()) continue
        const rho = correlation(symbol, other)
        if (rho !== undefined && rho >= threshold) {
          group = group.plus(exposure.worst)
          grouped = true
        }
      }
      if (grouped) {
        const groupLimit = limits.group
        if (cmp(group, groupLimit) > 0) {
          return reject(
            'CORRELATION_CAP',
            symbol,
            `exposure of ${symbol} and the assets correlated ≥ ${threshold} with it would be ${fmt(group, 2)}, above ${pct(config.correlation.maxGroupExposurePct)} of equity (${fmt(groupLimit, 2)})`,
          )
        }
      }
    }

    // Market quality. A market order is priced by walking the book; a limit order by its price.
    let intended = price
    if (order.type === 'MARKET') {
      const qty = size!
      const estimate = market.impact(symbol, side, qty)
      if (estimate === undefined || cmp(estimate.filledSize, qty) < 0) {
        return reject(
          'INSUFFICIENT_LIQUIDITY',
          symbol,
          `the ${symbol} book can fill ${estimate === undefined ? '0' : fmt(estimate.filledSize)} of ${fmt(qty)}`,
        )
      }
      // Impact cost vs mid without dividing: 2·(VWAP − mid) = 2·VWAP − (bid + ask).
      const derived = this.#derived(symbol, mark, book)
      const twiceMid = derived.twiceMid
      const twiceVwap = estimate.averagePrice.times(TWO)
      const twiceCost = buy ? twiceVwap.minus(twiceMid) : twiceMid.minus(twiceVwap)
      if (cmp(twiceCost, derived.impactLimit) > 0) {
        const mid = twiceMid.div(TWO)
        return reject(
          'IMPACT_COST_EXCEEDED',
          symbol,
          `impact cost ${fmt(twiceCost.div(twiceMid).times(BPS), 2)} bps (VWAP ${fmt(estimate.averagePrice, 8)} vs mid ${fmt(mid)}) is above ${fmt(config.maxImpactBps)} bps`,
        )
      }
      intended = estimate.averagePrice
    }
    if (intended !== undefined) {
      const adverse = buy ? intended.minus(mark.price) : mark.price.minus(intended)
      if (cmp(adverse, this.#derived(symbol, mark, book).slippageLimit) > 0) {
        return reject(
          'SLIPPAGE_EXCEEDED',
          symbol,
          `${side} at ${fmt(intended, 8)} is ${fmt(adverse.div(mark.price).times(BPS), 2)} bps worse than the mark ${fmt(mark.price)} (limit ${fmt(config.slippageGuardBps)} bps)`,
        )
      }
    }
    return ACCEPT
  }

  #isDerivative(symbol: string, spec: ProductSpec): boolean {
    let known = this.#derivative.get(symbol)
    if (known === undefined) {
      known =
        spec.product_type === 'FUTURE' ||
        (typeof symbol === 'string' && isProductId(symbol) && parseProductId(symbol).isDerivative)
      // Bounded by the product universe; the guard keeps a hostile caller from growing it forever.
      if (this.#derivative.size < 10_000) this.#derivative.set(symbol, known)
    }
    return known
  }
}

/** |x| without allocating when x is already ≥ 0 (−0 still becomes +0, as `abs()` makes it). */
function magnitude(x: Decimal): Decimal {
  return x.isNegative() ? x.neg() : x
}

function reject(code: RiskReasonCode, productId: string, message: string): RiskReject {
  return { accepted: false, code, message, productId: String(productId) }
}

function productRules(productId: string, issues: readonly ValidationIssue[]): RiskReject {
  const message = `order breaks product rules: ${issues
    .map((issue) => `${formatPath(issue.path)}: ${issue.message} (${issue.code})`)
    .join('; ')}`
  return { accepted: false, code: 'PRODUCT_RULES', message, productId: String(productId), issues }
}

function baseFromQuote(quoteSize: Decimal | undefined, mark: MarkPrice | undefined): Decimal | undefined {
  if (quoteSize === undefined || mark === undefined || !mark.price.isPositive()) return undefined
  return quoteSize.div(mark.price)
}

function readLeverage(input: DecimalInput | number): Decimal | undefined {
  try {
    const value = typeof input === 'number' ? new Decimal(input) : toDecimal(input, 'leverage')
    return value.isFinite() && value.gte(ONE) ? value : undefined
  } catch {
    return undefined
  }
}

function fmt(value: Decimal, decimals?: number): string {
  return formatDecimal(value, decimals)
}

function pct(fraction: Decimal): string {
  return `${formatDecimal(fraction.times(100))} %`
}

function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
}
