import { Decimal } from 'decimal.js'
import { InvalidArgument } from '../errors/InvalidCredentials.js'

/**
 * A money amount going to the exchange: a plain decimal string (`"0.001"`) or a `Decimal`. JS numbers
 * are refused: they cannot hold most decimal fractions exactly and may print as `1e-7`.
 */
export type DecimalInput = string | Decimal

/** Exactly one of `base_size` / `quote_size`. */
export type BaseOrQuoteSize =
  | { base_size: DecimalInput; quote_size?: never }
  | { quote_size: DecimalInput; base_size?: never }

/** `market_market_ioc`: buy by quote (spend incl. fees) or base; sell by base. */
export type MarketMarketIoc = BaseOrQuoteSize & { rfq_disabled?: boolean }
/** `market_market_fok`. */
export type MarketMarketFok = BaseOrQuoteSize & { rfq_disabled?: boolean }
/** `sor_limit_ioc`: the only limit IOC form. */
export type SorLimitIoc = BaseOrQuoteSize & { limit_price: DecimalInput; rfq_disabled?: boolean }
/** `limit_limit_gtc`. */
export type LimitLimitGtc = BaseOrQuoteSize & { limit_price: DecimalInput; post_only?: boolean }
/** `limit_limit_gtd`. */
export type LimitLimitGtd = BaseOrQuoteSize & {
  limit_price: DecimalInput
  end_time: Date | string
  post_only?: boolean
}
/** `limit_limit_fok` (no post_only: `POST_ONLY_NOT_ALLOWED_WITH_FOK`). */
export type LimitLimitFok = BaseOrQuoteSize & { limit_price: DecimalInput }
/** `twap_limit_gtd`. */
export type TwapLimitGtd = BaseOrQuoteSize & {
  start_time: Date | string
  end_time: Date | string
  limit_price: DecimalInput
  number_buckets: string | number
  bucket_size: DecimalInput
  /** Duration string, e.g. `"300s"`. */
  bucket_duration: string
}
/** Stop direction of stop-limit orders (stops trigger on the last trade price). */
export type StopDirection = 'STOP_DIRECTION_STOP_UP' | 'STOP_DIRECTION_STOP_DOWN'
/** `stop_limit_stop_limit_gtc`. */
export interface StopLimitStopLimitGtc {
  base_size: DecimalInput
  limit_price: DecimalInput
  stop_price: DecimalInput
  stop_direction: StopDirection
  reduce_only?: boolean
}
/** `stop_limit_stop_limit_gtd`. */
export interface StopLimitStopLimitGtd extends StopLimitStopLimitGtc {
  end_time: Date | string
}
/** `trigger_bracket_gtc`. */
export interface TriggerBracketGtc {
  base_size: DecimalInput
  limit_price: DecimalInput
  stop_trigger_price: DecimalInput
}
/** `trigger_bracket_gtd`. */
export interface TriggerBracketGtd extends TriggerBracketGtc {
  end_time: Date | string
}
/** One leg of a scaled order. */
export type ScaledLeg = BaseOrQuoteSize & { limit_price: DecimalInput; post_only?: boolean }
/** `scaled_limit_gtc`: explicit legs, or a size spread over a price range. */
export interface ScaledLimitGtc {
  orders?: readonly ScaledLeg[]
  base_size?: DecimalInput
  quote_size?: DecimalInput
  num_orders?: string | number
  min_price?: DecimalInput
  max_price?: DecimalInput
  price_distribution?: string
  size_distribution?: string
  size_diff?: DecimalInput
  size_ratio?: DecimalInput
  post_only?: boolean
}

/** Every order type Coinbase accepts; exactly one key. */
export type OrderConfiguration =
  | { market_market_ioc: MarketMarketIoc }
  | { market_market_fok: MarketMarketFok }
  | { sor_limit_ioc: SorLimitIoc }
  | { limit_limit_gtc: LimitLimitGtc }
  | { limit_limit_gtd: LimitLimitGtd }
  | { limit_limit_fok: LimitLimitFok }
  | { twap_limit_gtd: TwapLimitGtd }
  | { stop_limit_stop_limit_gtc: StopLimitStopLimitGtc }
  | { stop_limit_stop_limit_gtd: StopLimitStopLimitGtd }
  | { trigger_bracket_gtc: TriggerBracketGtc }
  | { trigger_bracket_gtd: TriggerBracketGtd }
  | { scaled_limit_gtc: ScaledLimitGtc }

/** Take-profit / stop-loss attached to an order (`size` is the parent's). */
export interface AttachedOrderConfiguration {
  trigger_bracket_gtc: { limit_price: DecimalInput; stop_trigger_price: DecimalInput }
}

type FieldKind = 'money' | 'time' | 'bool' | 'string' | 'count' | 'legs'

interface VariantSpec {
  fields: Readonly<Record<string, FieldKind>>
  required: readonly string[]
  /** Exactly one of these must be present. */
  sizeOneOf?: readonly string[]
}

const size = { base_size: 'money', quote_size: 'money' } as const
const baseOrQuote = ['base_size', 'quote_size'] as const

const variants: Readonly<Record<string, VariantSpec>> = {
  market_market_ioc: { fields: { ...size, rfq_disabled: 'bool' }, required: [], sizeOneOf: baseOrQuote },
  market_market_fok: { fields: { ...size, rfq_disabled: 'bool' }, required: [], sizeOneOf: baseOrQuote },
  sor_limit_ioc: {
    fields: { ...size, limit_price: 'money', rfq_disabled: 'bool' },
    required: ['limit_price'],
    sizeOneOf: baseOrQuote,
  },
  limit_limit_gtc: {
    fields: { ...size, limit_price: 'money', post_only: 'bool' },
    required: ['limit_price'],
    sizeOneOf: baseOrQuote,
  },
  limit_limit_gtd: {
    fields: { ...size, limit_price: 'money', end_time: 'time', post_only: 'bool' },
    required: ['limit_price', 'end_time'],
    sizeOneOf: baseOrQuote,
  },
  limit_limit_fok: {
    fields: { ...size, limit_price: 'money' },
    required: ['limit_price'],
    sizeOneOf: baseOrQuote,
  },
  twap_limit_gtd: {
    fields: {
      ...size,
      start_time: 'time',
      end_time: 'time',
      limit_price: 'money',
      number_buckets: 'count',
      bucket_size: 'money',
      bucket_duration: 'string',
    },
    required: ['start_time', 'end_time', 'limit_price', 'number_buckets', 'bucket_size', 'bucket_duration'],
    sizeOneOf: baseOrQuote,
  },
  stop_limit_stop_limit_gtc: {
    fields: {
      base_size: 'money',
      limit_price: 'money',
      stop_price: 'money',
      stop_direction: 'string',
      reduce_only: 'bool',
    },
    required: ['base_size', 'limit_price', 'stop_price', 'stop_direction'],
  },
  stop_limit_stop_limit_gtd: {
    fields: {
      base_size: 'money',
      limit_price: 'money',
      stop_price: 'money',
      stop_direction: 'string',
      end_time: 'time',
      reduce_only: 'bool',
    },
    required: ['base_size', 'limit_price', 'stop_price', 'stop_direction', 'end_time'],
  },
  trigger_bracket_gtc: {
    fields: { base_size: 'money', limit_price: 'money', stop_trigger_price: 'money' },
    required: ['base_size', 'limit_price', 'stop_trigger_price'],
  },
  trigger_bracket_gtd: {
    fields: { base_size: 'money', limit_price: 'money', stop_trigger_price: 'money', end_time: 'time' },
    required: ['base_size', 'limit_price', 'stop_trigger_price', 'end_time'],
  },
  scaled_limit_gtc: {
    fields: {
      orders: 'legs',
      ...size,
      num_orders: 'count',
      min_price: 'money',
      max_price: 'money',
      price_distribution: 'string',
      size_distribution: 'string',
      size_diff: 'money',
      size_ratio: 'money',
      post_only: 'bool',
    },
    required: [],
  },
}

const scaledLegSpec: VariantSpec = {
  fields: { ...size, limit_price: 'money', post_only: 'bool' },
  required: ['limit_price'],
  sizeOneOf: baseOrQuote,
}

const attachedSpec: VariantSpec = {
  fields: { limit_price: 'money', stop_trigger_price: 'money' },
  required: ['limit_price', 'stop_trigger_price'],
}

const PLAIN_DECIMAL = /^(0|[1-9]\d*)(\.\d+)?$/

/** The order types {@link serializeOrderConfiguration} knows. */
export const orderConfigurationKeys: readonly string[] = Object.keys(variants)

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (typeof value === 'number') return `the number ${value}`
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)
  return typeof value
}

/**
 * Turns a money input into the exact decimal string Coinbase expects (no exponent, no sign). Returns an
 * error sentence instead when the value is unusable.
 */
export function toDecimalString(value: unknown): string | { error: string } {
  if (Decimal.isDecimal(value)) {
    const d = value as Decimal
    if (!d.isFinite()) return { error: 'must be finite' }
    if (d.lte(0)) return { error: `must be greater than 0, got ${d.toFixed()}` }
    return d.toFixed()
  }
  if (typeof value === 'string') {
    const text = value.trim()
    if (!PLAIN_DECIMAL.test(text)) {
      return { error: `must be a plain decimal string like "0.001", got ${describe(value)}` }
    }
    if (new Decimal(text).lte(0)) return { error: `must be greater than 0, got ${describe(value)}` }
    return text
  }
  if (typeof value === 'number') {
    return {
      error: `must be a decimal string or Decimal, not ${describe(value)} (JS numbers lose precision)`,
    }
  }
  return { error: `must be a decimal string or Decimal, got ${describe(value)}` }
}

function toTime(value: unknown): string | { error: string } {
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? { error: 'is an invalid Date' } : value.toISOString()
  }
  if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) return value
  return { error: `must be a Date or an RFC 3339 string, got ${describe(value)}` }
}

function serializeBody(
  body: unknown,
  spec: VariantSpec,
  path: string,
  issues: string[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    issues.push(`${path}: must be an object`)
    return out
  }
  const record = body as Record<string, unknown>
  for (const [key, value] of Object.entries(record)) {
    if (value === undefined) continue
    const kind = spec.fields[key]
    const where = `${path}.${key}`
    if (!kind) {
      issues.push(`${where}: unknown field`)
      continue
    }
    let result: unknown
    switch (kind) {
      case 'money':
        result = toDecimalString(value)
        break
      case 'time':
        result = toTime(value)
        break
      case 'bool':
        result = typeof value === 'boolean' ? value : { error: `must be a boolean, got ${describe(value)}` }
        break
      case 'string':
        result = typeof value === 'string' && value !== '' ? value : { error: `must be a non-empty string` }
        break
      case 'count':
        result =
          (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) ||
          (typeof value === 'string' && /^[1-9]\d*$/.test(value))
            ? String(value)
            : { error: `must be a positive integer, got ${describe(value)}` }
        break
      case 'legs':
        if (!Array.isArray(value) || value.length === 0) {
          result = { error: 'must be a non-empty array' }
        } else {
          result = value.map((leg, i) => serializeBody(leg, scaledLegSpec, `${where}[${i}]`, issues))
        }
        break
    }
    if (typeof result === 'object' && result !== null && 'error' in result) {
      issues.push(`${where}: ${(result as { error: string }).error}`)
    } else {
      out[key] = result
    }
  }
  for (const key of spec.required) {
    if (record[key] === undefined) issues.push(`${path}.${key}: is required`)
  }
  if (spec.sizeOneOf) {
    const present = spec.sizeOneOf.filter((k) => record[k] !== undefined)
    if (present.length !== 1) issues.push(`${path}: give exactly one of ${spec.sizeOneOf.join(' / ')}`)
  }
  return out
}

function fail(subject: string, issues: readonly string[]): never {
  throw new InvalidArgument(
    `Invalid ${subject}: ${issues.length === 1 ? '1 issue' : `${issues.length} issues`}`,
    {
      details: issues.join('; '),
    },
  )
}

/**
 * Validates an order configuration and converts it to the wire form: every amount a plain decimal
 * string, every time RFC 3339. Throws {@link InvalidArgument} naming each offending field (e.g.
 * `order_configuration.limit_limit_gtc.base_size: must be a decimal string or Decimal, not the number 0.1`).
 *
 * @example
 * serializeOrderConfiguration({ limit_limit_gtc: { base_size: new Decimal('0.001'), limit_price: '50000', post_only: true } })
 * // { limit_limit_gtc: { base_size: '0.001', limit_price: '50000', post_only: true } }
 */
export function serializeOrderConfiguration(configuration: OrderConfiguration): Record<string, unknown> {
  const path = 'order_configuration'
  if (typeof configuration !== 'object' || configuration === null)
    fail('order configuration', [`${path}: must be an object`])
  const keys = Object.keys(configuration).filter(
    (k) => (configuration as Record<string, unknown>)[k] !== undefined,
  )
  if (keys.length !== 1) {
    fail('order configuration', [
      `${path}: must have exactly one order type key, got ${keys.length} (${keys.join(', ')})`,
    ])
  }
  const key = keys[0]!
  const spec = variants[key]
  if (!spec) {
    fail('order configuration', [
      `${path}.${key}: unknown order type (known: ${orderConfigurationKeys.join(', ')})`,
    ])
  }
  const issues: string[] = []
  const body = serializeBody((configuration as Record<string, unknown>)[key], spec, `${path}.${key}`, issues)
  if (issues.length > 0) fail('order configuration', issues)
  return { [key]: body }
}

/** Validates and serialises an attached take-profit / stop-loss configuration. */
export function serializeAttachedOrderConfiguration(
  configuration: AttachedOrderConfiguration,
): Record<string, unknown> {
  const issues: string[] = []
  const body = serializeBody(
    configuration?.trigger_bracket_gtc,
    attachedSpec,
    'attached_order_configuration.trigger_bracket_gtc',
    issues,
  )
  if (issues.length > 0) fail('attached order configuration', issues)
  return { trigger_bracket_gtc: body }
}

/** Validates one money field outside an order configuration (edit price/size, leverage, transfer amount). */
export function serializeMoneyField(value: DecimalInput, field: string): string {
  const result = toDecimalString(value)
  if (typeof result !== 'string') fail(field, [`${field}: ${result.error}`])
  return result
}
