import type { BacktestMetrics } from '../results/computeMetrics.js'
import type { BacktestResult } from '../runBacktest.js'

/** Options of {@link renderHtmlReport}. */
export interface HtmlReportOptions {
  title?: string | undefined
  /** Most round trips listed in the table (the CSV has them all). Default 500. */
  maxTrades?: number | undefined
}

const W = 960
const H = 280
const PAD = { left: 72, right: 16, top: 12, bottom: 28 }

/**
 * Renders a run as one self-contained HTML page: no external script, style, font or image — the
 * equity and drawdown charts are inline SVG, computed here. Tables: metrics, activity, data quality
 * and the round trips.
 *
 * @example
 * await writeFile('report.html', renderHtmlReport(result, { title: 'MA 5/20 on BTC-USD 1m' }))
 */
export function renderHtmlReport(result: BacktestResult, options: HtmlReportOptions = {}): string {
  const title = options.title ?? `Backtest ${result.symbol}`
  const maxTrades = options.maxTrades ?? 500
  const { time, equity } = result.curve
  const drawdown = new Float64Array(equity.length)
  let peak = Number.NEGATIVE_INFINITY
  for (let i = 0; i < equity.length; i++) {
    if (equity[i]! > peak) peak = equity[i]!
    drawdown[i] = peak > 0 ? (equity[i]! / peak - 1) * 100 : 0
  }
  const equityChart = chart('equity-chart', 'Equity', time, equity, (v) => money(v), '#1f6feb', false)
  const ddChart = chart(
    'drawdown-chart',
    'Drawdown',
    time,
    drawdown,
    (v) => `${v.toFixed(1)} %`,
    '#cf222e',
    true,
  )
  const trips = result.trips.slice(0, maxTrades)
  const tripRows = trips
    .map(
      (t, i) =>
        `<tr><td>${i + 1}</td><td>${esc(t.direction)}</td><td>${iso(t.entryTime)}</td><td>${t.exitTime === undefined ? 'open' : iso(t.exitTime)}</td><td>${esc(t.quantity)}</td><td>${esc(t.entryPrice)}</td><td>${esc(t.exitPrice ?? '')}</td><td>${esc(t.fees)}</td><td class="${Number(t.pnl) >= 0 ? 'pos' : 'neg'}">${esc(t.pnl)}</td><td>${(t.returnFraction * 100).toFixed(3)} %</td></tr>`,
    )
    .join('\n')
  const q = result.dataQuality
  const quality = q
    ? table([
        ['rows / bars', `${q.rows} / ${q.bars}`],
        ['source order', q.order],
        ['gaps (missing bars)', `${q.gaps.length} (${q.missingBars})`],
        ['duplicate times', String(q.duplicates.length)],
        ['out-of-order rows', String(q.outOfOrder.length)],
        ['zero-volume bars', String(q.zeroVolume.length)],
        ['invalid rows', String(q.invalid.length)],
        ...q.notes.map((n): [string, string] => ['note', n]),
      ])
    : '<p>Bars were passed directly; no data-quality report.</p>'
  const a = result.activity
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 24px auto; max-width: 1000px; color: #1f2328; padding: 0 12px; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 28px 0 8px; }
.sub { color: #59636e; margin: 0 0 16px; }
svg { display: block; background: #fff; border: 1px solid #d1d9e0; border-radius: 6px; }
svg text { font-size: 11px; fill: #59636e; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
td, th { border-bottom: 1px solid #eaeef2; padding: 3px 10px; text-align: right; }
th { background: #f6f8fa; } td:first-child, th:first-child { text-align: left; }
.pos { color: #1a7f37; } .neg { color: #cf222e; }
.grid { display: grid; grid-template-columns: 1fr 1fr; gap: 24px; }
code { font-size: 12px; }
</style>
</head>
<body>
<h1>${esc(title)}</h1>
<p class="sub">${esc(result.symbol)} · ${result.metrics.bars} bars of ${result.intervalMs / 1000} s · ${iso(result.metrics.start)} → ${iso(result.metrics.end)} · seed ${result.seed}</p>
<h2>Equity</h2>
${equityChart}
<h2>Drawdown</h2>
${ddChart}
<div class="grid">
<div><h2>Metrics</h2>${table(metricRows(result.metrics))}</div>
<div><h2>Activity</h2>${table([
    ['signals', String(a.signals)],
    ...Object.entries(a.outcomes).map(([k, v]): [string, string] => [`decisions: ${k}`, String(v)]),
    ...Object.entries(a.orders).map(([k, v]): [string, string] => [`orders: ${k}`, String(v)]),
    ...Object.entries(a.riskRejections).map(([k, v]): [string, string] => [`risk: ${k}`, String(v)]),
  ])}
<h2>Data quality</h2>${quality}</div>
</div>
<h2>Round trips${result.trips.length > trips.length ? ` (first ${trips.length} of ${result.trips.length})` : ` (${trips.length})`}</h2>
<table id="trades">
<thead><tr><th>#</th><th>dir</th><th>entry</th><th>exit</th><th>qty</th><th>entry px</th><th>exit px</th><th>fees</th><th>PnL</th><th>return</th></tr></thead>
<tbody>
${tripRows}
</tbody>
</table>
<p class="sub">Fingerprint (sha256 over all fills): <code>${result.fingerprint}</code></p>
</body>
</html>
`
}

function metricRows(m: BacktestMetrics): [string, string][] {
  const pct = (v: number | null) =>
    v === null ? '—' : Number.isFinite(v) ? `${(v * 100).toFixed(2)} %` : '∞'
  const num = (v: number | null) => (v === null ? '—' : Number.isFinite(v) ? v.toFixed(2) : '∞')
  return [
    ['initial cash', m.initialCash],
    ['final equity', m.finalEquity],
    ['total return', `${(Number(m.totalReturn) * 100).toFixed(4)} %`],
    ['CAGR', pct(m.cagr)],
    ['max drawdown', pct(m.maxDrawdown)],
    ['Sharpe', num(m.sharpe)],
    ['Sortino', num(m.sortino)],
    ['win rate', pct(m.winRate)],
    ['profit factor', num(m.profitFactor)],
    ['round trips', String(m.trades)],
    ['fills', String(m.fills)],
    ['fees paid', m.feesPaid],
    ['exposure', pct(m.exposure)],
  ]
}

function table(rows: readonly (readonly [string, string])[]): string {
  return `<table>${rows.map(([k, v]) => `<tr><td>${esc(k)}</td><td>${esc(v)}</td></tr>`).join('')}</table>`
}

/**
 * One line chart as inline SVG. Long series are reduced to the first, min, max and last point of
 * each pixel column, so the drawn shape keeps every extreme.
 */
function chart(
  id: string,
  label: string,
  time: Float64Array,
  values: Float64Array,
  format: (v: number) => string,
  color: string,
  fillToZero: boolean,
): string {
  const n = values.length
  const plotW = W - PAD.left - PAD.right
  const plotH = H - PAD.top - PAD.bottom
  let lo = Number.POSITIVE_INFINITY
  let hi = Number.NEGATIVE_INFINITY
  for (let i = 0; i < n; i++) {
    const v = values[i]!
    if (v < lo) lo = v
    if (v > hi) hi = v
  }
  if (fillToZero) hi = Math.max(hi, 0)
  if (!(hi > lo)) {
    hi = (Number.isFinite(hi) ? hi : 0) + 1
    lo = (Number.isFinite(lo) ? lo : 0) - 1
  }
  const t0 = n > 0 ? time[0]! : 0
  const t1 = n > 1 ? time[n - 1]! : t0 + 1
  const x = (t: number) => PAD.left + ((t - t0) / (t1 - t0 || 1)) * plotW
  const y = (v: number) => PAD.top + (1 - (v - lo) / (hi - lo)) * plotH
  const points: string[] = []
  const columns = Math.max(1, Math.floor(plotW))
  let col = -1
  let first = 0
  let min = 0
  let max = 0
  let last = 0
  const flush = () => {
    if (col < 0) return
    const idx = [first, min, max, last].filter((v, i, a) => a.indexOf(v) === i).sort((p, q) => p - q)
    for (const i of idx) points.push(`${x(time[i]!).toFixed(1)},${y(values[i]!).toFixed(1)}`)
  }
  for (let i = 0; i < n; i++) {
    const c = Math.min(columns - 1, Math.floor(((time[i]! - t0) / (t1 - t0 || 1)) * columns))
    if (c !== col) {
      flush()
      col = c
      first = min = max = last = i
    } else {
      if (values[i]! < values[min]!) min = i
      if (values[i]! > values[max]!) max = i
      last = i
    }
  }
  flush()
  const path = points.length > 0 ? `M${points.join('L')}` : ''
  const area =
    fillToZero && points.length > 0
      ? `<path class="area" d="M${x(t0).toFixed(1)},${y(0).toFixed(1)}L${points.join('L')}L${x(t1).toFixed(1)},${y(0).toFixed(1)}Z" fill="${color}" fill-opacity="0.15" stroke="none"/>`
      : ''
  const ticks = [0, 0.25, 0.5, 0.75, 1]
    .map((f) => {
      const v = lo + f * (hi - lo)
      const yy = y(v).toFixed(1)
      return `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${yy}" y2="${yy}" stroke="#eaeef2"/><text x="${PAD.left - 6}" y="${yy}" text-anchor="end" dominant-baseline="middle">${esc(format(v))}</text>`
    })
    .join('')
  const dates = `<text x="${PAD.left}" y="${H - 8}">${iso(t0).slice(0, 16)}</text><text x="${W - PAD.right}" y="${H - 8}" text-anchor="end">${iso(t1).slice(0, 16)}</text>`
  return `<svg id="${id}" role="img" aria-label="${esc(label)}" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" xmlns="http://www.w3.org/2000/svg">${ticks}${dates}${area}<path class="series" d="${path}" fill="none" stroke="${color}" stroke-width="1.5" data-points="${points.length}"/></svg>`
}

function money(v: number): string {
  return Math.abs(v) >= 1e6 ? `${(v / 1e6).toFixed(2)}M` : v.toFixed(Math.abs(v) >= 1000 ? 0 : 2)
}

function iso(t: number): string {
  return Number.isFinite(t) ? new Date(t).toISOString().replace('.000Z', 'Z') : '—'
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}
