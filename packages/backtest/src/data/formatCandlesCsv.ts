import type { Bar } from './Bar.js'

/**
 * Writes bars in this package's own CSV format: header `time,open,high,low,close,volume`, time as ISO
 * 8601 UTC (`2024-01-01T00:00:00.000Z`), prices and volume as the bars' decimal strings, oldest
 * first. {@link parseCandlesCsv} reads it back unchanged.
 *
 * @example
 * formatCandlesCsv(series.bars).split('\n')[0] // 'time,open,high,low,close,volume'
 */
export function formatCandlesCsv(bars: readonly Bar[]): string {
  let out = 'time,open,high,low,close,volume\n'
  for (const b of bars) {
    out += `${new Date(b.time).toISOString()},${b.open},${b.high},${b.low},${b.close},${b.volume}\n`
  }
  return out
}
