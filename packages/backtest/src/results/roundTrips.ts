import { Decimal, formatDecimal } from '@gpt-trader/validation'
import type { FingerprintFill } from './fingerprint.js'

/**
 * One round trip: from flat to a position and back to flat. Money is exact (decimal strings); the
 * return is a number for ranking.
 */
export interface RoundTrip {
  symbol: string
  direction: 'LONG' | 'SHORT'
  entryTime: number
  /** Undefined while the position is still open at the end of the run. */
  exitTime: number | undefined
  /** Largest absolute position reached. */
  quantity: string
  /** Average entry price (Σ entry notional / Σ entry size). */
  entryPrice: string
  /** Average exit price, undefined while open. */
  exitPrice: string | undefined
  /** Fees paid on every fill of the trip. */
  fees: string
  /** Realized PnL net of fees (for open trips: realized so far, without the open part). */
  pnl: string
  /** pnl / entry notional. */
  returnFraction: number
  fills: number
}

interface Open {
  direction: 'LONG' | 'SHORT'
  entryTime: number
  qty: Decimal
  maxQty: Decimal
  entrySize: Decimal
  entryNotional: Decimal
  exitSize: Decimal
  exitNotional: Decimal
  fees: Decimal
  fills: number
  /** The one price of every entry (exit) fill so far; undefined once two prices differ. */
  entryPrice: Decimal | undefined
  exitPrice: Decimal | undefined
  /** Entry and exit fills so far (one each: the notional is that fill's price × size itself). */
  entries: number
  exits: number
}

const ZERO = new Decimal(0)

/**
 * `sum.plus(x)`, returning `x` itself when the sum is still zero: decimal.js gives exactly that value
 * then (a non-zero `x` of at most 64 significant digits comes back unrounded, with its sign). The usual
 * trip has one entry and one exit fill, so most sums start from zero.
 */
function add(sum: Decimal, x: Decimal): Decimal {
  return sum.isZero() && !x.isZero() && x.sd() <= 64 ? x : sum.plus(x)
}

/**
 * Groups fills (oldest first, one symbol) into round trips, in exact Decimal arithmetic. A fill that
 * flips the position closes one trip and opens the next with the rest.
 *
 * @example
 * const trips = roundTrips(result.fills)
 * trips.filter((t) => new Decimal(t.pnl).gt(0)).length // winners
 */
export function roundTrips(fills: readonly FingerprintFill[]): RoundTrip[] {
  const out: RoundTrip[] = []
  const open = new Map<string, Open>()
  for (const f of fills) {
    let size = f.size
    let fee = f.fee
    while (size.gt(0)) {
      let trip = open.get(f.symbol)
      const buy = f.side === 'BUY'
      if (!trip) {
        trip = {
          direction: buy ? 'LONG' : 'SHORT',
          entryTime: f.time,
          qty: ZERO,
          maxQty: ZERO,
          entrySize: ZERO,
          entryNotional: ZERO,
          exitSize: ZERO,
          exitNotional: ZERO,
          fees: ZERO,
          fills: 0,
          entryPrice: f.price,
          exitPrice: undefined,
          entries: 0,
          exits: 0,
        }
        open.set(f.symbol, trip)
      }
      const adds = (trip.direction === 'LONG') === buy
      trip.fills++
      if (adds) {
        trip.qty = add(trip.qty, size)
        if (trip.qty.gt(trip.maxQty)) trip.maxQty = trip.qty
        trip.entrySize = add(trip.entrySize, size)
        trip.entryNotional = add(trip.entryNotional, f.price.times(size))
        trip.fees = add(trip.fees, fee)
        trip.entries++
        if (trip.entryPrice !== undefined && !trip.entryPrice.eq(f.price)) trip.entryPrice = undefined
        break
      }
      // The smaller of the two as the instance itself (Decimal.min would copy it).
      const closing = size.lte(trip.qty) ? size : trip.qty
      const whole = closing === size
      // A flipping fill's fee is split in proportion to the sizes.
      const feePart = whole || closing.eq(size) ? fee : fee.times(closing).div(size)
      // Closing the whole position leaves zero: only isZero() of it is read before the trip ends.
      trip.qty = closing.eq(trip.qty) ? ZERO : trip.qty.minus(closing)
      trip.exitSize = add(trip.exitSize, closing)
      trip.exitPrice = trip.exitSize.isZero() || trip.exitPrice?.eq(f.price) ? f.price : undefined
      trip.exitNotional = add(trip.exitNotional, f.price.times(closing))
      trip.exits++
      trip.fees = add(trip.fees, feePart)
      // The whole fill used up: nothing left of it (the loop ends).
      size = whole ? ZERO : size.minus(closing)
      fee = whole ? ZERO : fee.minus(feePart)
      if (trip.qty.isZero()) {
        out.push(finish(f.symbol, trip, f.time))
        open.delete(f.symbol)
      }
    }
  }
  for (const [symbol, trip] of open) out.push(finish(symbol, trip, undefined))
  return out
}

function finish(symbol: string, t: Open, exitTime: number | undefined): RoundTrip {
  // Realized on the closed part: exit value − cost of the closed part at the average entry price.
  const avgEntry = t.entrySize.isZero()
    ? ZERO
    : average(t.entryNotional, t.entrySize, t.entryPrice, t.entries)
  // A trip closed in full (the usual case) cost exactly its entry notional: no rounded product.
  const closedCost = t.exitSize.eq(t.entrySize) ? t.entryNotional : avgEntry.times(t.exitSize)
  const gross = t.direction === 'LONG' ? t.exitNotional.minus(closedCost) : closedCost.minus(t.exitNotional)
  const pnl = gross.minus(t.fees)
  const basis = exitTime === undefined ? closedCost : t.entryNotional
  return {
    symbol,
    direction: t.direction,
    entryTime: t.entryTime,
    exitTime,
    quantity: formatDecimal(t.maxQty),
    entryPrice: formatDecimal(to12(avgEntry)),
    exitPrice: t.exitSize.isZero()
      ? undefined
      : formatDecimal(to12(average(t.exitNotional, t.exitSize, t.exitPrice, t.exits))),
    fees: formatDecimal(t.fees),
    pnl: formatDecimal(to12(pnl)),
    returnFraction: basis.isZero() ? 0 : pnl.div(basis).toNumber(),
    fills: t.fills,
  }
}

/**
 * Rounded to 12 places (half-even). A value with at most 12 places already is that value: it is
 * returned as is (the usual trip: prices of 2 places, sizes of 8) instead of copied by decimal.js.
 */
function to12(value: Decimal): Decimal {
  return value.decimalPlaces() <= 12 ? value : value.toDecimalPlaces(12, Decimal.ROUND_HALF_EVEN)
}

/**
 * notional / size. When every fill was at one price and notional equals price × size exactly (the
 * digit count keeps that product unrounded), the exact quotient is that price, which is what the
 * 64-digit division returns: no division then (the usual trip has one entry and one exit fill). With
 * one fill the notional is that very product (0 + x is x): not even the multiplication to check it.
 */
function average(notional: Decimal, size: Decimal, price: Decimal | undefined, fills: number): Decimal {
  if (price === undefined || price.sd() + size.sd() > 64) return notional.div(size)
  return fills === 1 || notional.eq(price.times(size)) ? price : notional.div(size)
}
