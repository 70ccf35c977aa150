/**
 * One candle in numbers, for indicators and charts only (a read-only path: nothing here becomes an
 * order field). Same shape as live-trade's `Candle`.
 */
export interface NumericCandle {
  /** Start time, ms since the epoch. */
  time: number
  open: number
  high: number
  low: number
  close: number
  volume: number
}

/**
 * One OHLCV bar. Prices and volume keep the decimal strings of the source (exact, for fills and
 * PnL); `candle` is a numeric copy for the fast indicator path.
 *
 * @example
 * const bar: Bar = { time: 0, open: '100', high: '101', low: '99', close: '100.5', volume: '3', candle: { time: 0, open: 100, high: 101, low: 99, close: 100.5, volume: 3 } }
 */
export interface Bar {
  /** Start time, ms since the epoch (UTC). */
  time: number
  open: string
  high: string
  low: string
  close: string
  /** Base-currency volume. */
  volume: string
  candle: NumericCandle
}

/**
 * Builds a {@link Bar} from decimal strings (the numeric copy is derived).
 *
 * @example
 * makeBar(1_700_000_000_000, '100', '101', '99', '100.5', '3')
 */
export function makeBar(
  time: number,
  open: string,
  high: string,
  low: string,
  close: string,
  volume: string,
): Bar {
  return {
    time,
    open,
    high,
    low,
    close,
    volume,
    candle: { time, open: +open, high: +high, low: +low, close: +close, volume: +volume },
  }
}
