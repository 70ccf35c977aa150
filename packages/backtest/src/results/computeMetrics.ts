import { Decimal, type DecimalInput, formatDecimal, toDecimal } from '@gpt-trader/validation'
import type { RoundTrip } from './roundTrips.js'

/** An equity curve: one point per bar, at the bar's close, in numbers (a read-only reporting path). */
export interface EquityCurve {
  /** Bar close times (ms). */
  time: Float64Array
  /** Equity at each close, quote currency. */
  equity: Float64Array
  /** 1 where a position was held at the close, else 0. */
  inPosition: Uint8Array
}

/** Performance figures of a run. Fractions, not percent. */
export interface BacktestMetrics {
  initialCash: string
  /** Exact: cash + position × last close, in Decimal. */
  finalEquity: string
  /** Exact: finalEquity / initialCash − 1, as a decimal string. */
  totalReturn: string
  /** Compound annual growth rate over the run's span (365.25-day years). */
  cagr: number
  /** Largest fall from a running peak of the equity curve, as a fraction (0.25 = −25 %). */
  maxDrawdown: number
  /** Mean / standard deviation of per-bar returns × √(bars per year); risk-free rate 0. */
  sharpe: number
  /** Mean / downside deviation (root mean square of negative returns) × √(bars per year). */
  sortino: number
  /** Winning closed trips / closed trips; null without closed trips. */
  winRate: number | null
  /** Σ winning PnL / |Σ losing PnL| over closed trips; Infinity with no loser, null without trips. */
  profitFactor: number | null
  /** Closed round trips. */
  trades: number
  /** Executions (fills), partial fills counted one by one. */
  fills: number
  /** Σ fees over every fill, exact. */
  feesPaid: string
  /** Share of bars that closed with a position held. */
  exposure: number
  bars: number
  /** First bar's start and last bar's close (ms). */
  start: number
  end: number
}

/** Inputs of {@link computeMetrics}. */
export interface MetricsInput {
  curve: EquityCurve
  initialCash: DecimalInput
  finalEquity: DecimalInput
  trips: readonly RoundTrip[]
  fills: readonly { fee: Decimal }[]
  /** Bar length (ms), for annualisation. */
  intervalMs: number
  /** Start of the first bar (ms). */
  start: number
}

const YEAR_MS = 365.25 * 86_400_000

/**
 * Computes the {@link BacktestMetrics} of a run from its equity curve, round trips and fills.
 * Definitions are in the README ("Metrics").
 *
 * @example
 * const m = computeMetrics({ curve, initialCash: '10000', finalEquity: '10500', trips, fills, intervalMs: 60_000, start })
 * m.totalReturn // '0.05'
 */
export function computeMetrics(input: MetricsInput): BacktestMetrics {
  const { curve, trips } = input
  const initial = toDecimal(input.initialCash, 'initialCash')
  const final = toDecimal(input.finalEquity, 'finalEquity')
  const n = curve.equity.length
  const initialNum = initial.toNumber()
  // Per-bar returns, the first measured from the initial cash.
  let sum = 0
  let sumSq = 0
  let downSq = 0
  let peak = initialNum
  let maxDd = 0
  let exposed = 0
  let prev = initialNum
  for (let i = 0; i < n; i++) {
    const e = curve.equity[i]!
    const r = prev > 0 ? e / prev - 1 : 0
    sum += r
    sumSq += r * r
    if (r < 0) downSq += r * r
    prev = e
    if (e > peak) peak = e
    const dd = peak > 0 ? 1 - e / peak : 0
    if (dd > maxDd) maxDd = dd
    exposed += curve.inPosition[i]!
  }
  const mean = n > 0 ? sum / n : 0
  const variance = n > 1 ? (sumSq - n * mean * mean) / (n - 1) : 0
  const std = Math.sqrt(Math.max(0, variance))
  const downside = n > 0 ? Math.sqrt(downSq / n) : 0
  const perYear = input.intervalMs > 0 ? YEAR_MS / input.intervalMs : 0
  const annualise = Math.sqrt(perYear)
  const end = n > 0 ? curve.time[n - 1]! : input.start
  const years = (end - input.start) / YEAR_MS
  const growth = initial.isZero() ? 0 : final.div(initial).toNumber()
  const cagr = years > 0 && growth > 0 ? growth ** (1 / years) - 1 : growth > 0 ? 0 : -1

  let wins = 0
  let closed = 0
  let grossWin = 0
  let grossLoss = 0
  for (const t of trips) {
    if (t.exitTime === undefined) continue
    closed++
    const pnl = Number(t.pnl)
    if (pnl > 0) {
      wins++
      grossWin += pnl
    } else grossLoss -= pnl
  }
  let fees = new Decimal(0)
  for (const f of input.fills) fees = fees.plus(f.fee)
  return {
    initialCash: formatDecimal(initial),
    finalEquity: formatDecimal(final),
    totalReturn: initial.isZero() ? '0' : formatDecimal(final.div(initial).minus(1)),
    cagr,
    maxDrawdown: maxDd,
    sharpe: std > 0 ? (mean / std) * annualise : 0,
    sortino: downside > 0 ? (mean / downside) * annualise : 0,
    winRate: closed > 0 ? wins / closed : null,
    profitFactor: closed === 0 ? null : grossLoss > 0 ? grossWin / grossLoss : grossWin > 0 ? Infinity : null,
    trades: closed,
    fills: input.fills.length,
    feesPaid: formatDecimal(fees),
    exposure: n > 0 ? exposed / n : 0,
    bars: n,
    start: input.start,
    end,
  }
}
