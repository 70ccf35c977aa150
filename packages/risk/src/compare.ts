import type { Decimal } from '@gpt-trader/validation'

/**
 * `a.comparedTo(b)` without allocating: decimal.js copies its argument on every comparison, which
 * dominates a pre-trade check. Reads the public read-only fields (`s` sign, `e` exponent, `d` base-1e7
 * words, the layout decimal.js itself compares); anything not finite goes to decimal.js.
 * A property test checks it against `comparedTo`.
 *
 * @internal
 */
export function cmp(a: Decimal, b: Decimal): number {
  const ad = a.d
  const bd = b.d
  if (!ad || !bd || Number.isNaN(a.s) || Number.isNaN(b.s)) return a.comparedTo(b)
  const as = a.s
  const bs = b.s
  if (!ad[0] || !bd[0]) return ad[0] ? as : bd[0] ? -bs : 0
  if (as !== bs) return as
  const flip = as < 0
  if (a.e !== b.e) return a.e > b.e !== flip ? 1 : -1
  const al = ad.length
  const bl = bd.length
  const n = al < bl ? al : bl
  for (let i = 0; i < n; i++) {
    if (ad[i] !== bd[i]) return ad[i]! > bd[i]! !== flip ? 1 : -1
  }
  return al === bl ? 0 : al > bl !== flip ? 1 : -1
}
