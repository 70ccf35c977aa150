/** A hole in the series: bars expected between `after` and `before` are absent (never filled in). */
export interface DataGap {
  /** Start time of the last bar before the hole (ms). */
  after: number
  /** Start time of the first bar after the hole (ms). */
  before: number
  /** Whole bars missing at the detected interval. */
  missingBars: number
}

/** Two or more rows with the same start time; the first row in file order is kept. */
export interface DuplicateBar {
  time: number
  /** Source line numbers (1-based), the kept one first. */
  lines: number[]
  /** True when every dropped row has the same OHLCV as the kept one. */
  identical: boolean
}

/** A row whose time goes against the file's overall order (ascending or descending). */
export interface OutOfOrderRow {
  line: number
  time: number
  /** Time of the row before it in the file. */
  previousTime: number
}

/** A row that could not be read; it is left out of the bars. */
export interface InvalidRow {
  line: number
  reason: string
}

/**
 * What the loader found wrong with a series. Nothing listed here is repaired silently: gaps stay
 * gaps, duplicates keep their first row, out-of-order rows are sorted into place, invalid rows are
 * left out — and each is listed.
 */
export interface DataQualityReport {
  /** Data rows read (header and banner lines not counted). */
  rows: number
  /** Bars after sorting and dropping duplicates and invalid rows. */
  bars: number
  /** Order of the rows in the source. `mixed` when neither direction has 99 % of the steps. */
  order: 'ascending' | 'descending' | 'mixed' | 'single'
  /** Most common spacing between consecutive bars (ms); 0 with fewer than two bars. */
  intervalMs: number
  /** Start of the first and last bar (ms); NaN when empty. */
  first: number
  last: number
  gaps: DataGap[]
  /** Σ missingBars over the gaps. */
  missingBars: number
  duplicates: DuplicateBar[]
  outOfOrder: OutOfOrderRow[]
  /** Start times of bars with zero volume. */
  zeroVolume: number[]
  /** Lines where high < max(open, close) or low > min(open, close), or high < low. */
  inconsistent: number[]
  invalid: InvalidRow[]
  /** Lines before the header (banners) as they were. */
  banner: string[]
  /** Other findings in words (e.g. time column and date label disagree on N rows). */
  notes: string[]
}

/**
 * True when the report lists no gap, duplicate, out-of-order, invalid, inconsistent or zero-volume
 * row.
 *
 * @example
 * if (!isCleanReport(loaded.report)) console.warn(formatDataQualityReport(loaded.report))
 */
export function isCleanReport(report: DataQualityReport): boolean {
  return (
    report.gaps.length === 0 &&
    report.duplicates.length === 0 &&
    report.outOfOrder.length === 0 &&
    report.invalid.length === 0 &&
    report.inconsistent.length === 0 &&
    report.zeroVolume.length === 0
  )
}

/**
 * A short human summary of a {@link DataQualityReport}, one finding per line.
 *
 * @example
 * formatDataQualityReport(report)
 * // 27950 rows, 27950 bars, descending, interval 60000 ms, 2020-11-22T18:46:00.000Z → …
 * // 1 gap (1 missing bar): after 2020-11-24T21:08:00.000Z
 */
export function formatDataQualityReport(report: DataQualityReport, max = 5): string {
  const iso = (t: number) => (Number.isFinite(t) ? new Date(t).toISOString() : '—')
  const lines = [
    `${report.rows} rows, ${report.bars} bars, ${report.order}, interval ${report.intervalMs} ms, ${iso(report.first)} → ${iso(report.last)}`,
  ]
  const list = <T>(items: readonly T[], label: string, show: (item: T) => string) => {
    if (items.length === 0) return
    const shown = items.slice(0, max).map(show).join('; ')
    lines.push(`${items.length} ${label}: ${shown}${items.length > max ? '; …' : ''}`)
  }
  list(report.gaps, `gap${report.gaps.length === 1 ? '' : 's'} (${report.missingBars} missing bars)`, (g) => {
    return `after ${iso(g.after)} (${g.missingBars})`
  })
  list(report.duplicates, 'duplicate times', (d) => `${iso(d.time)} lines ${d.lines.join(',')}`)
  list(report.outOfOrder, 'out-of-order rows', (r) => `line ${r.line} ${iso(r.time)}`)
  list(report.zeroVolume, 'zero-volume bars', iso)
  list(report.inconsistent, 'inconsistent OHLC rows', (l) => `line ${l}`)
  list(report.invalid, 'invalid rows', (r) => `line ${r.line}: ${r.reason}`)
  for (const note of report.notes) lines.push(note)
  return lines.join('\n')
}
