import { Decimal, type DecimalInput, toDecimal } from '@gpt-trader/validation'

/** One fee tier: applies while the trailing volume is at least `minVolume` (quote currency). */
export interface FeeTier {
  name?: string | undefined
  minVolume: DecimalInput
  /** Fraction of notional, e.g. `'0.006'` for 0.60 %. */
  maker: DecimalInput
  taker: DecimalInput
}

/**
 * Fees of a simulated venue (paper or backtest). Either flat rates (`maker` / `taker`) or `tiers`
 * chosen by the trailing `windowMs` volume (quote notional of the venue's own fills plus
 * `startingVolume`). Fees are charged in quote currency on every fill: notional × rate, exact unless
 * the fill model is given a `feeIncrement`.
 *
 * @example
 * const fees: FeeSchedule = { tiers: coinbaseAdvancedFeeTiers, startingVolume: '12000' }
 */
export interface FeeSchedule {
  maker?: DecimalInput | undefined
  taker?: DecimalInput | undefined
  tiers?: readonly FeeTier[] | undefined
  /** Trailing window for the tier volume. Default 30 days. */
  windowMs?: number | undefined
  /** Volume traded before the run, counted until one window after the first fee question. */
  startingVolume?: DecimalInput | undefined
}

/**
 * Coinbase Advanced Trade spot tiers by trailing 30-day USD volume (public fee page, 2025; the
 * `Advanced 1` row matches the `transaction_summary` fixture). Check the current page before relying
 * on them.
 *
 * @example
 * new FillModel({ fees: { tiers: coinbaseAdvancedFeeTiers } })
 */
export const coinbaseAdvancedFeeTiers: readonly FeeTier[] = Object.freeze([
  { name: 'Advanced 1', minVolume: '0', taker: '0.008', maker: '0.006' },
  { name: 'Advanced 2', minVolume: '1000', taker: '0.006', maker: '0.004' },
  { name: 'Advanced 3', minVolume: '10000', taker: '0.004', maker: '0.0025' },
  { name: 'Advanced 4', minVolume: '50000', taker: '0.0025', maker: '0.0015' },
  { name: 'Advanced 5', minVolume: '100000', taker: '0.002', maker: '0.001' },
  { name: 'Advanced 6', minVolume: '1000000', taker: '0.0018', maker: '0.0008' },
  { name: 'Advanced 7', minVolume: '15000000', taker: '0.0016', maker: '0.0006' },
  { name: 'Advanced 8', minVolume: '75000000', taker: '0.0012', maker: '0.0003' },
  { name: 'VIP 1', minVolume: '250000000', taker: '0.0008', maker: '0' },
  { name: 'VIP 2', minVolume: '400000000', taker: '0.0005', maker: '0' },
])

interface ResolvedTier {
  name: string
  minVolume: Decimal
  maker: Decimal
  taker: Decimal
}

const ZERO = new Decimal(0)

/** Picks maker/taker rates from the trailing volume of a {@link FeeSchedule}. @internal */
export class FeeTiers {
  readonly #tiers: ResolvedTier[]
  readonly #windowMs: number
  readonly #flat: ResolvedTier | undefined
  #volume: Decimal
  #startingVolume: Decimal
  #startExpiresAt: number | undefined
  readonly #window: { time: number; notional: Decimal }[] = []
  #head = 0

  constructor(schedule: FeeSchedule = {}) {
    const tiers = schedule.tiers ?? [
      { name: 'flat', minVolume: '0', maker: schedule.maker ?? '0', taker: schedule.taker ?? '0' },
    ]
    this.#tiers = tiers
      .map((t, i) => ({
        name: t.name ?? `tier ${i + 1}`,
        minVolume: toDecimal(t.minVolume, `fees.tiers[${i}].minVolume`),
        maker: toDecimal(t.maker, `fees.tiers[${i}].maker`),
        taker: toDecimal(t.taker, `fees.tiers[${i}].taker`),
      }))
      .sort((a, b) => a.minVolume.comparedTo(b.minVolume))
    // One tier: the rate never depends on volume, so fills need not be remembered at all.
    this.#flat = this.#tiers.length === 1 ? this.#tiers[0] : undefined
    this.#windowMs = schedule.windowMs ?? 30 * 86_400_000
    this.#startingVolume = toDecimal(schedule.startingVolume ?? '0', 'fees.startingVolume')
    this.#volume = this.#startingVolume
  }

  /** Rate for a fill at `time`. */
  rate(time: number, liquidity: 'MAKER' | 'TAKER'): Decimal {
    const flat = this.#flat
    if (flat !== undefined) return liquidity === 'MAKER' ? flat.maker : flat.taker
    this.#expire(time)
    let tier = this.#tiers[0]!
    for (const t of this.#tiers) if (this.#volume.gte(t.minVolume)) tier = t
    return liquidity === 'MAKER' ? tier.maker : tier.taker
  }

  /** Counts a fill's notional towards the trailing volume. */
  record(time: number, notional: Decimal): void {
    if (this.#flat !== undefined) return
    this.#window.push({ time, notional })
    this.#volume = this.#volume.plus(notional)
  }

  #expire(time: number): void {
    // The run starts at the first fee question; volume from before it ages out one window later.
    this.#startExpiresAt ??= time + this.#windowMs
    if (time >= this.#startExpiresAt && !this.#startingVolume.isZero()) {
      this.#volume = this.#volume.minus(this.#startingVolume)
      this.#startingVolume = ZERO
    }
    while (this.#head < this.#window.length && this.#window[this.#head]!.time <= time - this.#windowMs) {
      this.#volume = this.#volume.minus(this.#window[this.#head]!.notional)
      this.#head++
    }
  }
}
