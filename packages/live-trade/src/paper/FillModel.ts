import { Decimal, type DecimalInput, type OrderSide, quantize, toDecimal } from '@gpt-trader/validation'
import type { BrokerFill, BrokerOrder } from '../Broker.js'
import { add, product } from '../decimalMath.js'
import type { Liquidity } from '../Fill.js'
import { type FeeSchedule, FeeTiers } from './feeSchedule.js'

/** Slippage of taker fills, away from the trader. */
export interface SlippageModel {
  /** Fixed slippage in basis points of the reference price. Default 0. */
  bps?: DecimalInput | undefined
  /** Extra slippage drawn uniformly from [0, randomBps) with the model's `random`. Default 0. */
  randomBps?: number | undefined
}

/** Options of {@link FillModel}. */
export interface FillModelOptions {
  /** Flat maker/taker rates or volume tiers. Default: no fees. */
  fees?: FeeSchedule | undefined
  slippage?: SlippageModel | undefined
  /** Uniform [0, 1) source for random slippage (seed it for reproducible runs). Default `Math.random`. */
  random?: (() => number) | undefined
  /** When set, each fee is rounded up (against the trader) to a multiple of it, e.g. `'0.01'`. */
  feeIncrement?: DecimalInput | undefined
}

/** The fill state of one order at a simulated venue. The model updates it in place. */
export interface FillState {
  order: BrokerOrder
  /** Size still to fill. */
  remaining: Decimal
  /** Σ price × size of the fills so far. */
  notional: Decimal
}

/** The two balances of one product at a simulated venue. The model updates them in place. */
export interface FillBalances {
  base: Decimal
  quote: Decimal
}

/** Why {@link FillModel.allowed} gave less than the remaining size. */
export type FillCapReason = 'PARTICIPATION_CAP' | 'NO_LIQUIDITY' | 'INSUFFICIENT_FUND'

/** What {@link FillModel.allowed} lets one fill take. */
export interface FillAllowance {
  size: Decimal
  reason: FillCapReason | undefined
}

const ZERO = new Decimal(0)

const ONE = new Decimal(1)
const BPS = new Decimal(10_000)

/**
 * The one fill model of the simulated venues (live-trade's `PaperBroker` and the backtest's
 * `SimulatedBroker`): what price a fill gets, how much of an order may fill, what it costs, and the
 * bookkeeping of the order and the balances. Money stays Decimal throughout.
 *
 * - taker prices: the reference (next bar's open, or a book level) moved by slippage away from the
 *   trader, rounded to the tick against the trader, never past the order's limit;
 * - resting limits fill at their limit, as makers, when the market trades through them (strictly, for
 *   bars) or at them (a trade print);
 * - volume participation: a share of a bar's volume, floored to the base increment, caps what all
 *   orders together fill in that bar; the rest of an order stays (partial fills);
 * - buys never spend more cash than there is (fee included), sells never sell more than is held;
 * - fees: notional × the maker or taker rate of the tier reached by the trailing volume, optionally
 *   rounded up to `feeIncrement`.
 *
 * Invariants (property-tested): the filled size never exceeds the order size; each fee is exactly
 * notional × rate (then rounded up to the increment when one is set); quote + base × price changes
 * by exactly −fee on every fill (nothing is created or lost).
 *
 * @example
 * const model = new FillModel({ fees: { maker: '0.004', taker: '0.006' }, slippage: { bps: '5' } })
 * const price = model.takerPrice(open, 'BUY', priceIncrement)
 * const rate = model.rate(time, 'TAKER')
 * const { size } = model.allowed(state, price, rate, { baseIncrement, balances })
 * const fill = model.fill(state, { price, size, liquidity: 'TAKER', rate, time, tradeId: 't-1' }, balances)
 */
export class FillModel {
  readonly #fees: FeeTiers
  readonly #slipBps: Decimal
  readonly #randomBps: number
  readonly #random: () => number
  readonly #feeIncrement: Decimal | undefined

  constructor(options: FillModelOptions = {}) {
    this.#fees = new FeeTiers(options.fees)
    this.#slipBps = toDecimal(options.slippage?.bps ?? '0', 'slippage.bps')
    this.#randomBps = options.slippage?.randomBps ?? 0
    if (!(this.#randomBps >= 0)) {
      throw new RangeError(`slippage.randomBps must be ≥ 0, got ${this.#randomBps}`)
    }
    this.#random = options.random ?? Math.random
    this.#feeIncrement =
      options.feeIncrement === undefined ? undefined : toDecimal(options.feeIncrement, 'feeIncrement')
  }

  /** Fee rate of a fill at `time` (tiers follow the trailing volume of the fills counted so far). */
  rate(time: number, liquidity: Liquidity): Decimal {
    return this.#fees.rate(time, liquidity)
  }

  /**
   * Price of a taker fill against `reference`: slipped away from the trader (rounded to
   * `priceIncrement` against the trader), and never worse than `limit` when given.
   */
  takerPrice(reference: Decimal, side: OrderSide, priceIncrement: Decimal, limit?: Decimal): Decimal {
    const buy = side === 'BUY'
    let price = reference
    let bps = this.#slipBps
    if (this.#randomBps > 0) bps = bps.plus(new Decimal(String(this.#random() * this.#randomBps)))
    if (!bps.isZero()) {
      const factor = buy ? ONE.plus(bps.div(BPS)) : ONE.minus(bps.div(BPS))
      // Rounded to the tick away from the trader: slippage never rounds in the trader's favour.
      price = quantize(reference.times(factor), priceIncrement, buy ? 'ceil' : 'floor')
    }
    if (limit === undefined) return price
    return buy ? Decimal.min(price, limit) : Decimal.max(price, limit)
  }

  /**
   * True when a market trading at `price` fills a resting `side` limit: `through` (bars: the low must
   * go below a buy limit, the high above a sell limit) or at the limit too (a trade print).
   */
  reaches(side: OrderSide, limit: Decimal, price: Decimal, mode: 'through' | 'touch'): boolean {
    const c = price.comparedTo(limit)
    if (side === 'BUY') return mode === 'through' ? c < 0 : c <= 0
    return mode === 'through' ? c > 0 : c >= 0
  }

  /**
   * The participation cap of one bar: `share` × `volume`, floored to the base increment.
   */
  capacity(volume: Decimal, share: Decimal, baseIncrement: Decimal): Decimal {
    return quantize(volume.times(share), baseIncrement, 'floor')
  }

  /**
   * How much of `state.remaining` one fill at `price` may take: at most `capacity` (what the bar or
   * the level has left), and — with `balances` — no more than the cash pays for (fee included, floored
   * to the base increment) or the base held; a sell whose fee, rounded up to `feeIncrement`, would
   * take the cash below zero gets nothing.
   */
  allowed(
    state: FillState,
    price: Decimal,
    rate: Decimal,
    limits: {
      baseIncrement: Decimal
      capacity?: Decimal | undefined
      balances?: FillBalances | undefined
    },
  ): FillAllowance {
    let size = state.remaining
    let reason: FillCapReason | undefined
    const capacity = limits.capacity
    if (capacity?.lt(size)) {
      size = capacity.isNegative() ? ZERO : capacity
      reason = size.isZero() ? 'NO_LIQUIDITY' : 'PARTICIPATION_CAP'
    }
    const balances = limits.balances
    if (balances !== undefined) {
      if (state.order.side === 'BUY') {
        // Never spend more than the cash: cap at cash / (price × (1 + fee)). A fee rounded up to the
        // increment costs at most one increment more than notional × rate: keep that back too.
        const cash =
          this.#feeIncrement === undefined ? balances.quote : balances.quote.minus(this.#feeIncrement)
        const perUnit = price.times(ONE.plus(rate))
        // Usually the cash covers the whole size: one product and a comparison decide it, and the
        // division (64 digits) is only needed to find the smaller size that fits.
        if (perUnit.times(size).gt(cash)) {
          const affordable = quantize(cash.div(perUnit), limits.baseIncrement, 'floor')
          if (affordable.lt(size)) {
            size = affordable.isNegative() ? ZERO : affordable
            reason = 'INSUFFICIENT_FUND'
          }
        }
      } else {
        if (balances.base.lt(size)) {
          size = balances.base.isNegative() ? ZERO : balances.base
          reason = 'INSUFFICIENT_FUND'
        }
        // A fee rounded up to the increment can exceed the proceeds of a tiny sell: the cash must
        // still cover it (without rounding the fee is a fraction of the proceeds).
        if (this.#feeIncrement !== undefined && size.gt(0)) {
          const notional = price.times(size)
          if (balances.quote.plus(notional).lt(this.fee(notional, rate))) {
            size = ZERO
            reason = 'INSUFFICIENT_FUND'
          }
        }
      }
    }
    return { size, reason }
  }

  /**
   * A copy of a venue order to hand out (listeners and callers must not see later changes). Spelled
   * out field by field: object spread costs microseconds per order in V8, this a fraction of one.
   */
  snapshot(order: BrokerOrder): BrokerOrder {
    return {
      exchangeOrderId: order.exchangeOrderId,
      clientOrderId: order.clientOrderId,
      symbol: order.symbol,
      side: order.side,
      type: order.type,
      size: order.size,
      price: order.price,
      timeInForce: order.timeInForce,
      status: order.status,
      filledSize: order.filledSize,
      averageFillPrice: order.averageFillPrice,
      fees: order.fees,
      createdAt: order.createdAt,
      reason: order.reason,
    }
  }

  /** The fee of a fill of `notional` at `rate` (rounded up to `feeIncrement` when set). */
  fee(notional: Decimal, rate: Decimal): Decimal {
    // A zero rate on a non-negative notional is +0 (decimal.js: the product's sign is the signs'
    // product): the shared zero rather than a new Decimal that every fill would keep.
    if (this.#feeIncrement === undefined && rate.isZero() && !rate.isNegative() && !notional.isNegative())
      return ZERO
    const fee = notional.times(rate)
    return this.#feeIncrement === undefined ? fee : quantize(fee, this.#feeIncrement, 'ceil')
  }

  /**
   * Books one fill: moves the balances (base ± size, quote ∓ notional − fee), advances the order's
   * filled size, average price and fees, counts the notional towards the fee tiers, and returns the
   * venue's fill report. `size` must be positive and at most `state.remaining`.
   */
  fill(
    state: FillState,
    fill: {
      price: Decimal
      size: Decimal
      liquidity: Liquidity
      rate: Decimal
      time: number
      tradeId: string
    },
    balances: FillBalances,
  ): BrokerFill {
    const o = state.order
    const { price, size } = fill
    const notional = product(price, size)
    const fee = this.fee(notional, fill.rate)
    // Less a zero fee is the same value (the sum is already rounded to the precision): no copy then.
    if (o.side === 'BUY') {
      balances.base = balances.base.plus(size)
      const quote = balances.quote.minus(notional)
      balances.quote = fee.isZero() ? quote : quote.minus(fee)
    } else {
      balances.base = balances.base.minus(size)
      const quote = balances.quote.plus(notional)
      balances.quote = fee.isZero() ? quote : quote.minus(fee)
    }
    this.#fees.record(fill.time, notional)
    // The first fill of an order (usually the only one) starts its sums (0 + x is x itself), and a
    // completed remainder is the shared zero: a finished order holds no extra Decimals.
    const remaining = state.remaining.minus(size)
    state.remaining = remaining.isZero() ? ZERO : remaining
    state.notional = add(state.notional, notional)
    o.filledSize = add(o.filledSize, size)
    // Exact when one fill completes the order (the common case): no division needed.
    o.averageFillPrice = o.filledSize.eq(size) ? price : state.notional.div(o.filledSize)
    o.fees = add(o.fees, fee)
    return {
      tradeId: fill.tradeId,
      exchangeOrderId: o.exchangeOrderId,
      clientOrderId: o.clientOrderId,
      symbol: o.symbol,
      side: o.side,
      price,
      size,
      fee,
      liquidity: fill.liquidity,
      time: fill.time,
    }
  }
}
