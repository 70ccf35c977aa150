const DAY_MS = 86_400_000

/** A UTC trading window in minutes after midnight (`start` inclusive, `end` exclusive). */
export interface TradingWindow {
  readonly start: number
  readonly end: number
}

/**
 * True when `now` (epoch ms) falls in the window. A window whose end is before its start wraps
 * midnight (`22:00`–`02:00`); `start === end` means always open.
 */
export function isWithinTradingWindow(window: TradingWindow, now: number): boolean {
  const minute = Math.floor((((now % DAY_MS) + DAY_MS) % DAY_MS) / 60_000)
  const { start, end } = window
  if (start === end) return true
  return start < end ? minute >= start && minute < end : minute >= start || minute < end
}

/** The UTC calendar day of `now` as `YYYY-MM-DD`. */
export function utcDay(now: number): string {
  return new Date(now).toISOString().slice(0, 10)
}
