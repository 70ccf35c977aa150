import { Decimal } from '@gpt-trader/validation'
import type { RunSummary } from '../engine/RunStats.js'

/**
 * The closing table of a run: cycles, signals, orders, fills, rejections by reason, PnL, guard
 * events and trading state.
 *
 * @example
 * process.stdout.write(formatSummary(result.summary))
 */
export function formatSummary(summary: RunSummary, extra: Record<string, string> = {}): string {
  const rows: [string, string][] = [
    ['profile', `${summary.profile} (broker: ${summary.broker})`],
    ['cycles', String(summary.cycles)],
    ['signals', String(summary.signals)],
    ['orders placed', String(summary.orders)],
    ['fills', String(summary.fills)],
  ]
  const reasons = Object.entries(summary.rejections).sort((a, b) => b[1] - a[1])
  if (reasons.length === 0) rows.push(['rejections', '0'])
  for (const [i, [reason, n]] of reasons.entries())
    rows.push([i === 0 ? 'rejections' : '', `${n}  ${reason}`])
  // Display only: rounded to cents (metrics.json and --json keep the exact decimals).
  const cents = (v: string) => new Decimal(v).toFixed(2)
  rows.push(
    ['realized PnL (net)', cents(summary.pnl.realized)],
    ['unrealized PnL', cents(summary.pnl.unrealized)],
    ['fees', cents(summary.pnl.fees)],
    ['equity', cents(summary.equity)],
    ['open orders', String(summary.openOrders)],
    ['guard events', String(summary.guardEvents.length)],
  )
  for (const event of summary.guardEvents.slice(-5)) rows.push(['', `${event.kind}: ${event.detail}`])
  rows.push(['trading state', `${summary.tradingState} (${summary.tradingStateReason})`])
  for (const [k, v] of Object.entries(extra)) rows.push([k, v])
  const width = Math.max(...rows.map(([k]) => k.length))
  const line = '─'.repeat(width + 2)
  return `${[`┌${line}┬${'─'.repeat(40)}`, ...rows.map(([k, v]) => `│ ${k.padEnd(width)} │ ${v}`), `└${line}┴${'─'.repeat(40)}`].join('\n')}\n`
}
