import { createHash, type Hash } from 'node:crypto'
import { type Decimal, formatDecimal } from '@gpt-trader/validation'

/** What the fingerprint covers of each fill. */
export interface FingerprintFill {
  time: number
  symbol: string
  side: string
  price: Decimal
  size: Decimal
  fee: Decimal
  liquidity: string
}

/**
 * sha256 (hex) over every fill in order — time, symbol, side, price, size, fee, liquidity, with
 * money as canonical decimal strings — so two runs can be compared bit for bit: equal fingerprints
 * mean the same executions at the same prices, sizes and fees.
 *
 * @example
 * fingerprintFills(result.fills) === fingerprintFills(again.fills) // same seed, same data
 */
export function fingerprintFills(fills: readonly FingerprintFill[]): string {
  const hasher = new FillHasher()
  for (let i = 0; i < fills.length; i++) {
    const f = fills[i]!
    hasher.add(
      f.time,
      f.symbol,
      f.side,
      formatDecimal(f.price),
      formatDecimal(f.size),
      formatDecimal(f.fee),
      f.liquidity,
    )
  }
  return hasher.digest()
}

/**
 * The fingerprint built one fill at a time, from the canonical decimal strings (as an `order.fill`
 * event holds them): the one definition of what {@link fingerprintFills} hashes. @internal
 */
export class FillHasher {
  readonly #hash: Hash = createHash('sha256')
  #chunk = ''
  #lines = 0

  /** Number of fills added. */
  get count(): number {
    return this.#lines
  }

  add(
    time: number,
    symbol: string,
    side: string,
    price: string,
    size: string,
    fee: string,
    liquidity: string,
  ): void {
    this.#chunk += `${time},${symbol},${side},${price},${size},${fee},${liquidity}\n`
    // The hash of the concatenation does not depend on how it is split: lines go in by the hundred.
    if (++this.#lines % 128 === 0) {
      this.#hash.update(this.#chunk)
      this.#chunk = ''
    }
  }

  /** The hex digest of the fills added so far (a copy of the hash state: more may be added after). */
  digest(): string {
    const hash = this.#hash.copy()
    if (this.#chunk !== '') hash.update(this.#chunk)
    return hash.digest('hex')
  }
}
