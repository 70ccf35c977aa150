const NUMERIC = /^\d+(\.\d+)?$/
// CryptoDataDownload's hourly label: `2020-10-24 07-AM` (12-hour clock, `12-AM` = 00:00).
const CDD_HOUR = /^(\d{4})-(\d{2})-(\d{2}) (\d{2})-(AM|PM)$/i
// Lean daily bars: `20141201 00:00`.
const LEAN_DAY = /^(\d{4})(\d{2})(\d{2}) (\d{2}):(\d{2})$/
// ISO-like date, optional time, optional zone: `2020-12-12`, `2020-12-12 04:36:00`, `2020-12-12T04:36:00.5Z`.
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/

/**
 * Parses a timestamp as found in candle files to ms since the epoch (UTC), or `NaN`:
 * unix seconds (`1603522800`, `1603522800.0`) or ms (13+ digits), ISO 8601 (a missing zone means
 * UTC), `YYYY-MM-DD HH:MM:SS`, CryptoDataDownload's `2020-10-24 07-AM`, and Lean's `20141201 00:00`.
 *
 * @example
 * parseTime('2020-10-24 07-AM') // 1603522800000
 * parseTime('1603522800.0') // 1603522800000
 */
export function parseTime(text: string): number {
  const s = text.trim()
  if (NUMERIC.test(s)) {
    const n = Number(s)
    // 1e11 s is the year 5138; anything at least that large is already in milliseconds.
    return n >= 1e11 ? Math.round(n) : Math.round(n * 1000)
  }
  let m = CDD_HOUR.exec(s)
  if (m) {
    let hour = Number(m[4])
    if (hour < 1 || hour > 12) return Number.NaN
    hour = (hour % 12) + (m[5]!.toUpperCase() === 'PM' ? 12 : 0)
    return utc(m[1]!, m[2]!, m[3]!, hour, 0, 0)
  }
  m = LEAN_DAY.exec(s)
  if (m) return utc(m[1]!, m[2]!, m[3]!, Number(m[4]), Number(m[5]), 0)
  m = ISO.exec(s)
  if (m) {
    const base = utc(m[1]!, m[2]!, m[3]!, Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0))
    const fraction = m[7] ? Math.round(Number(m[7]) * 1000) : 0
    return base + fraction - zoneOffsetMs(m[8])
  }
  return Number.NaN
}

function utc(y: string, mo: string, d: string, h: number, mi: number, s: number): number {
  const month = Number(mo)
  const day = Number(d)
  if (month < 1 || month > 12 || day < 1 || day > 31 || h > 23 || mi > 59 || s > 60) return Number.NaN
  const t = Date.UTC(Number(y), month - 1, day, h, mi, s)
  // Date.UTC rolls 2021-02-31 over to March; a label that does not round-trip is not a date.
  return new Date(t).getUTCDate() === day ? t : Number.NaN
}

function zoneOffsetMs(zone: string | undefined): number {
  if (zone === undefined || zone === 'Z') return 0
  const sign = zone.startsWith('-') ? -1 : 1
  const digits = zone.slice(1).replace(':', '')
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60_000
}
