import { InvalidArgument } from '../errors/InvalidCredentials.js'
import type { QueryValue } from '../transports/http.js'

/** Candle bucket sizes. */
export type Granularity =
  | 'ONE_MINUTE'
  | 'FIVE_MINUTE'
  | 'FIFTEEN_MINUTE'
  | 'THIRTY_MINUTE'
  | 'ONE_HOUR'
  | 'TWO_HOUR'
  | 'FOUR_HOUR'
  | 'SIX_HOUR'
  | 'ONE_DAY'
  | 'ONE_WEEK'

/** Parameters shared by {@link getCandles} and the public twin. */
export interface CandlesParameters {
  product_id: string
  /** Range start: a `Date` or unix seconds. */
  start: Date | number
  /** Range end: a `Date` or unix seconds. At most 350 buckets per call. */
  end: Date | number
  granularity: Granularity
  limit?: number
}

function toUnixSeconds(value: Date | number, field: string): string {
  const seconds = value instanceof Date ? Math.floor(value.getTime() / 1000) : value
  if (!Number.isFinite(seconds)) throw new InvalidArgument(`${field} must be a valid Date or unix seconds`)
  return String(Math.floor(seconds))
}

/** @internal Query for a candles request (unix seconds as strings). */
export function candlesQuery(params: CandlesParameters): Record<string, QueryValue> {
  return {
    start: toUnixSeconds(params.start, 'start'),
    end: toUnixSeconds(params.end, 'end'),
    granularity: params.granularity,
    limit: params.limit,
  }
}
