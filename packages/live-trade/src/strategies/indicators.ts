// Indicators work on JS numbers: they are a read-only path (they rank and compare prices to decide a
// side and a confidence) and their results never become an order field. Prices and sizes that go to
// the venue are Decimals, quantized separately.

/**
 * Simple moving average of the last `period` values (of `values.slice(0, end)` when `end` is given),
 * or undefined when there are fewer values.
 *
 * @example
 * sma([1, 2, 3, 4], 2) // 3.5
 */
export function sma(values: readonly number[], period: number, end = values.length): number | undefined {
  if (period <= 0 || end < period) return undefined
  let sum = 0
  for (let i = end - period; i < end; i++) sum += values[i]!
  return sum / period
}

/**
 * Relative strength index (Wilder's smoothing) of the closes, 0–100, or undefined with fewer than
 * `period + 1` closes. 100 when there were no losses, 50 for a flat series.
 *
 * @example
 * rsi(closes, 14) // e.g. 27.4: oversold below 30
 */
export function rsi(closes: readonly number[], period = 14): number | undefined {
  if (closes.length < period + 1) return undefined
  let gain = 0
  let loss = 0
  for (let i = 1; i <= period; i++) {
    const change = closes[i]! - closes[i - 1]!
    if (change > 0) gain += change
    else loss -= change
  }
  gain /= period
  loss /= period
  for (let i = period + 1; i < closes.length; i++) {
    const change = closes[i]! - closes[i - 1]!
    gain = (gain * (period - 1) + Math.max(change, 0)) / period
    loss = (loss * (period - 1) + Math.max(-change, 0)) / period
  }
  if (loss === 0) return gain === 0 ? 50 : 100
  return 100 - 100 / (1 + gain / loss)
}

/**
 * Average directional index (Wilder), 0–100: the strength of a trend whatever its direction. Needs
 * at least `2 × period` candles; undefined with fewer.
 *
 * @example
 * adx(highs, lows, closes, 14) // above ~20–25: trending
 */
export function adx(
  highs: readonly number[],
  lows: readonly number[],
  closes: readonly number[],
  period = 14,
): number | undefined {
  const n = Math.min(highs.length, lows.length, closes.length)
  if (n < 2 * period) return undefined
  let tr = 0
  let plus = 0
  let minus = 0
  let adxValue = 0
  let dxCount = 0
  for (let i = 1; i < n; i++) {
    const high = highs[i]!
    const low = lows[i]!
    const prevClose = closes[i - 1]!
    const trueRange = Math.max(high - low, Math.abs(high - prevClose), Math.abs(low - prevClose))
    const up = high - highs[i - 1]!
    const down = lows[i - 1]! - low
    const plusDm = up > down && up > 0 ? up : 0
    const minusDm = down > up && down > 0 ? down : 0
    if (i <= period) {
      tr += trueRange
      plus += plusDm
      minus += minusDm
      if (i < period) continue
    } else {
      tr = tr - tr / period + trueRange
      plus = plus - plus / period + plusDm
      minus = minus - minus / period + minusDm
    }
    const plusDi = tr === 0 ? 0 : (100 * plus) / tr
    const minusDi = tr === 0 ? 0 : (100 * minus) / tr
    const sum = plusDi + minusDi
    const dx = sum === 0 ? 0 : (100 * Math.abs(plusDi - minusDi)) / sum
    dxCount++
    if (dxCount <= period) {
      adxValue += dx / period
    } else {
      adxValue = (adxValue * (period - 1) + dx) / period
    }
  }
  return dxCount >= period ? adxValue : undefined
}
