// The round-trip grouping as it was before the speed work (issue #8), kept verbatim below as the
// reference: the faster one (no division for one-price entries and exits) must give the same trips.
import { Decimal, formatDecimal } from '@gpt-trader/validation'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { FingerprintFill } from './fingerprint.js'
import { type RoundTrip, roundTrips } from './roundTrips.js'

describe('roundTrips', () => {
  it('property: the same trips as the reference that always divides', () => {
    const prices = ['100', '100.01', '67000.5', '0.00012345', '1234567890.123456789012345678']
    const sizes = ['1', '0.5', '0.00000001', '3.14159265358979323846264338327950288', '2']
    const fill = fc.record({
      side: fc.constantFrom('BUY', 'SELL'),
      size: fc.constantFrom(...sizes),
      price: fc.constantFrom(...prices),
      fee: fc.constantFrom('0', '0.6', '0.000001'),
      symbol: fc.constantFrom('BTC-USD', 'ETH-USD'),
    })
    fc.assert(
      fc.property(fc.array(fill, { maxLength: 14 }), (raw) => {
        const fills: FingerprintFill[] = raw.map((f, i) => ({
          time: i,
          symbol: f.symbol,
          side: f.side,
          price: new Decimal(f.price),
          size: new Decimal(f.size),
          fee: new Decimal(f.fee),
          liquidity: 'TAKER',
        }))
        expect(JSON.stringify(roundTrips(fills))).toBe(JSON.stringify(legacyRoundTrips(fills)))
      }),
      { numRuns: 400 },
    )
  })

  it('one entry and one exit: prices as filled', () => {
    const at = (time: number, side: string, price: string) => ({
      time,
      symbol: 'BTC-USD',
      side,
      price: new Decimal(price),
      size: new Decimal('0.5'),
      fee: ZERO,
      liquidity: 'TAKER',
    })
    const [trip] = roundTrips([at(1, 'BUY', '100.25'), at(2, 'SELL', '101')])
    expect(trip).toMatchObject({ entryPrice: '100.25', exitPrice: '101', pnl: '0.375', fills: 2 })
  })
})

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
}

const ZERO = new Decimal(0)

/**
 * Groups fills (oldest first, one symbol) into round trips, in exact Decimal arithmetic. A fill that
 * flips the position closes one trip and opens the next with the rest.
 *
 * @example
 * const trips = roundTrips(result.fills)
 * trips.filter((t) => new Decimal(t.pnl).gt(0)).length // winners
 */
function legacyRoundTrips(fills: readonly FingerprintFill[]): RoundTrip[] {
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
        }
        open.set(f.symbol, trip)
      }
      const adds = (trip.direction === 'LONG') === buy
      trip.fills++
      if (adds) {
        trip.qty = trip.qty.plus(size)
        if (trip.qty.gt(trip.maxQty)) trip.maxQty = trip.qty
        trip.entrySize = trip.entrySize.plus(size)
        trip.entryNotional = trip.entryNotional.plus(f.price.times(size))
        trip.fees = trip.fees.plus(fee)
        break
      }
      const closing = Decimal.min(size, trip.qty)
      // A flipping fill's fee is split in proportion to the sizes.
      const feePart = closing.eq(size) ? fee : fee.times(closing).div(size)
      trip.qty = trip.qty.minus(closing)
      trip.exitSize = trip.exitSize.plus(closing)
      trip.exitNotional = trip.exitNotional.plus(f.price.times(closing))
      trip.fees = trip.fees.plus(feePart)
      size = size.minus(closing)
      fee = fee.minus(feePart)
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
  const avgEntry = t.entrySize.isZero() ? ZERO : t.entryNotional.div(t.entrySize)
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
    entryPrice: formatDecimal(avgEntry.toDecimalPlaces(12, Decimal.ROUND_HALF_EVEN)),
    exitPrice: t.exitSize.isZero()
      ? undefined
      : formatDecimal(t.exitNotional.div(t.exitSize).toDecimalPlaces(12, Decimal.ROUND_HALF_EVEN)),
    fees: formatDecimal(t.fees),
    pnl: formatDecimal(pnl.toDecimalPlaces(12, Decimal.ROUND_HALF_EVEN)),
    returnFraction: basis.isZero() ? 0 : pnl.div(basis).toNumber(),
    fills: t.fills,
  }
}
