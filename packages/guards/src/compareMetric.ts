import { Decimal, formatDecimal, isDecimal } from '@gpt-trader/validation'
import type { Comparator, MetricValue } from './Guard.js'

const DECIMAL_STRING = /^-?\d+(\.\d+)?$/

/**
 * A metric after parsing: a finite JS number, or a Decimal (from a Decimal or a decimal string).
 * `undefined` means corrupt (NaN, ±Infinity, malformed string, wrong type).
 * @internal
 */
export function normalizeMetric(value: unknown): number | Decimal | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined
  if (typeof value === 'string') return DECIMAL_STRING.test(value) ? new Decimal(value) : undefined
  if (isDecimal(value)) return value.isFinite() ? value : undefined
  return undefined
}

/** @internal Comparator codes for the hot path: gt, gte, lt, lte, eq, ne. */
export type Op = 0 | 1 | 2 | 3 | 4 | 5

/** @internal */
export const comparatorOps: Readonly<
  Record<Comparator, { op: Op; abs: boolean; upper: boolean | undefined }>
> = {
  gt: { op: 0, abs: false, upper: true },
  gte: { op: 1, abs: false, upper: true },
  lt: { op: 2, abs: false, upper: false },
  lte: { op: 3, abs: false, upper: false },
  eq: { op: 4, abs: false, upper: undefined },
  ne: { op: 5, abs: false, upper: undefined },
  abs_gt: { op: 0, abs: true, upper: true },
  abs_gte: { op: 1, abs: true, upper: true },
  abs_lt: { op: 2, abs: true, upper: false },
}

/**
 * @internal Compares normalized values. Two numbers compare as numbers (the allocation-free fast
 * path); as soon as either side is a Decimal both compare as Decimals, so money never goes through a
 * float comparison.
 */
export function test(value: number | Decimal, op: Op, abs: boolean, threshold: number | Decimal): boolean {
  let c: number
  if (typeof value === 'number' && typeof threshold === 'number') {
    const v = abs && value < 0 ? -value : value
    c = v < threshold ? -1 : v > threshold ? 1 : 0
  } else {
    let v = typeof value === 'number' ? new Decimal(value) : value
    if (abs) v = v.abs()
    c = v.cmp(threshold)
  }
  switch (op) {
    case 0:
      return c > 0
    case 1:
      return c >= 0
    case 2:
      return c < 0
    case 3:
      return c <= 0
    case 4:
      return c === 0
    default:
      return c !== 0
  }
}

/**
 * True when `value comparator threshold` holds (i.e. a guard with these settings would be breached).
 * Numbers compare as numbers; if either side is a Decimal or a decimal string, both compare as
 * Decimals. Throws a `TypeError` for a corrupt value (NaN, ±Infinity, malformed string).
 *
 * @example
 * compareMetric('263.10', 'gt', '250') // true
 * compareMetric(-300, 'abs_gt', 250)   // true
 */
export function compareMetric(value: MetricValue, comparator: Comparator, threshold: MetricValue): boolean {
  const v = normalizeMetric(value)
  const t = normalizeMetric(threshold)
  const spec = comparatorOps[comparator]
  if (v === undefined || t === undefined || spec === undefined)
    throw new TypeError(`compareMetric: expected finite numbers or decimal strings and a known comparator`)
  return test(v, spec.op, spec.abs, t)
}

/** @internal Formats a metric for messages; with `decimals`, rounds half-even and pads. */
export function formatMetric(value: number | Decimal, decimals?: number): string {
  if (decimals === undefined) return typeof value === 'number' ? String(value) : formatDecimal(value)
  return formatDecimal(typeof value === 'number' ? new Decimal(value) : value, decimals)
}
