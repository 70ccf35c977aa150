/**
 * Pure helpers of the soak script: argument parsing, Prometheus text parsing, least-squares slopes
 * and the printed table. Memory figures here are measurements, never money: plain numbers.
 */

/** The ten dev-profile symbols, in the profile's order (`--symbols N` takes the first N). */
export const DEV_SYMBOLS = [
  'BTC-USD',
  'ETH-USD',
  'SOL-USD',
  'XRP-USD',
  'LTC-USD',
  'ADA-USD',
  'DOGE-USD',
  'BCH-USD',
  'AVAX-USD',
  'LINK-USD',
] as const

/** What `pnpm --filter @gpt-trader/bot soak` was asked to do. */
export interface SoakOptions {
  minutes: number
  symbols: number
  everyMs: number
  warmupMs: number
  out: string
}

/** One reading of the bot's `/metrics`. */
export interface SoakSample {
  /** Seconds since the bot's telemetry answered first. */
  t: number
  rssMb: number
  heapUsedMb: number
  heapTotalMb: number
  externalMb: number
  /** Event-loop delay p99 over the interval since the previous scrape (prom-client resets it). */
  lagP99Ms: number
  cycles: number
}

/** Least-squares slope in MB per hour and the points it was fitted on. */
export interface Slope {
  mbPerHour: number
  points: number
}

const USAGE =
  'usage: soak [--minutes 30] [--symbols 10] [--every 1m] [--warmup 2m] [--out var/soak/latest.json]'

/** Parses `250ms`, `10s`, `1m`, `2h` (or a bare number of seconds) into milliseconds. */
export function parseDuration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim())
  if (!m) throw new Error(`expected a duration like 10s, 1m or 500ms, got "${text}"`)
  const value = Number(m[1])
  const unit = m[2] ?? 's'
  return value * (unit === 'ms' ? 1 : unit === 's' ? 1_000 : unit === 'm' ? 60_000 : 3_600_000)
}

/**
 * Parses the soak's command line. The warm-up (excluded from the slopes) defaults to two minutes,
 * or a fifth of the run when that is shorter.
 *
 * @example
 * parseSoakArgs(['--minutes', '10', '--every', '10s']) // { minutes: 10, everyMs: 10_000, … }
 */
export function parseSoakArgs(argv: readonly string[]): SoakOptions {
  const values = new Map<string, string>()
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string
    if (arg === '--') continue
    const eq = arg.indexOf('=')
    const [key, inline] = eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined]
    if (!['--minutes', '--symbols', '--every', '--warmup', '--out'].includes(key))
      throw new Error(`unknown option "${arg}"\n${USAGE}`)
    const value = inline ?? argv[++i]
    if (value === undefined) throw new Error(`${key} needs a value\n${USAGE}`)
    values.set(key, value)
  }
  const minutes = Number(values.get('--minutes') ?? '30')
  if (!(minutes > 0))
    throw new Error(`--minutes: expected a positive number, got "${values.get('--minutes')}"`)
  const symbols = Number(values.get('--symbols') ?? String(DEV_SYMBOLS.length))
  if (!Number.isInteger(symbols) || symbols < 1 || symbols > DEV_SYMBOLS.length)
    throw new Error(`--symbols: expected 1 to ${DEV_SYMBOLS.length}, got "${values.get('--symbols')}"`)
  const everyMs = parseDuration(values.get('--every') ?? '1m')
  if (everyMs < 100) throw new Error('--every: at least 100ms')
  const durationMs = minutes * 60_000
  const warmup = values.get('--warmup')
  const warmupMs = warmup === undefined ? Math.min(120_000, durationMs / 5) : parseDuration(warmup)
  return { minutes, symbols, everyMs, warmupMs, out: values.get('--out') ?? 'var/soak/latest.json' }
}

/** Unlabelled sample values of a Prometheus text exposition, by metric name. */
export function parsePrometheus(text: string): Map<string, number> {
  const out = new Map<string, number>()
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*) (\S+)/.exec(line)
    if (m) out.set(m[1] as string, Number(m[2]))
  }
  return out
}

/** Decimal megabytes (10^6 bytes), the stricter reading of "75 MB". */
const MB = 1_000_000

/** Turns a `/metrics` scrape into a sample (memory in MB of 10^6 bytes, lag in ms). */
export function sampleFromMetrics(t: number, metrics: Map<string, number>): SoakSample {
  const get = (name: string): number => {
    const v = metrics.get(name)
    if (v === undefined) throw new Error(`/metrics has no ${name}`)
    return v
  }
  return {
    t,
    rssMb: get('process_resident_memory_bytes') / MB,
    heapUsedMb: get('nodejs_heap_size_used_bytes') / MB,
    heapTotalMb: get('nodejs_heap_size_total_bytes') / MB,
    externalMb: get('nodejs_external_memory_bytes') / MB,
    lagP99Ms: get('nodejs_eventloop_lag_p99_seconds') * 1_000,
    cycles: metrics.get('gpt_trader_cycles_total') ?? 0,
  }
}

/**
 * Ordinary least-squares slope of `value` against `t`, in MB per hour, over the samples at or after
 * `fromSeconds`. Fewer than two points give a slope of 0.
 *
 * @example
 * slope([{ t: 0, v: 1 }, { t: 3600, v: 3 }], 0) // { mbPerHour: 2, points: 2 }
 */
export function slope(points: readonly { t: number; v: number }[], fromSeconds: number): Slope {
  const used = points.filter((p) => p.t >= fromSeconds)
  const n = used.length
  if (n < 2) return { mbPerHour: 0, points: n }
  const meanT = used.reduce((s, p) => s + p.t, 0) / n
  const meanV = used.reduce((s, p) => s + p.v, 0) / n
  let num = 0
  let den = 0
  for (const p of used) {
    num += (p.t - meanT) * (p.v - meanV)
    den += (p.t - meanT) ** 2
  }
  return { mbPerHour: den === 0 ? 0 : (num / den) * 3_600, points: n }
}

const COLUMNS = ['t', 'rss MB', 'heapUsed', 'heapTotal', 'external', 'lag p99 ms', 'cycles'] as const
const WIDTHS = [8, 8, 9, 10, 9, 11, 7] as const

const row = (cells: readonly string[]): string =>
  cells.map((c, i) => c.padStart(WIDTHS[i] as number)).join(' ')

/** The table header printed before the first sample. */
export function tableHeader(): string {
  return row(COLUMNS)
}

/** Formats seconds as `1m05s` (or `42s`). */
export function formatSeconds(seconds: number): string {
  const s = Math.round(seconds)
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`
}

/** One table line for a sample. */
export function tableRow(s: SoakSample): string {
  return row([
    formatSeconds(s.t),
    s.rssMb.toFixed(1),
    s.heapUsedMb.toFixed(1),
    s.heapTotalMb.toFixed(1),
    s.externalMb.toFixed(1),
    s.lagP99Ms.toFixed(1),
    String(s.cycles),
  ])
}
