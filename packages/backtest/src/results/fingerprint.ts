import { createHash } from 'node:crypto'
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
  const hash = createHash('sha256')
  // The hash of the concatenation does not depend on how it is split: lines go in by the hundred.
  let chunk = ''
  for (let i = 0; i < fills.length; i++) {
    const f = fills[i]!
    chunk += `${f.time},${f.symbol},${f.side},${formatDecimal(f.price)},${formatDecimal(f.size)},${formatDecimal(f.fee)},${f.liquidity}\n`
    if (i % 128 === 127) {
      hash.update(chunk)
      chunk = ''
    }
  }
  if (chunk !== '') hash.update(chunk)
  return hash.digest('hex')
}
