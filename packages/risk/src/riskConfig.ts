import {
  Decimal,
  duration,
  fromZodError,
  isDecimal,
  isProductId,
  ValidationError,
} from '@gpt-trader/validation'
import { z } from 'zod'

const SIGNED = /^-?\d+(\.\d+)?$/

/** A decimal config value: a `Decimal`, a decimal string, a finite number, or a percentage string (`'18%'`) where allowed. */
function decimalField(options: { min?: string; minExclusive?: string; max?: string; percent?: boolean }) {
  return z
    .union([z.string(), z.number(), z.custom<Decimal>((v) => isDecimal(v), 'expected a decimal')])
    .transform((input, ctx): Decimal => {
      let value: Decimal | undefined
      if (isDecimal(input)) value = input.isFinite() ? new Decimal(input) : undefined
      else if (typeof input === 'number')
        value = Number.isFinite(input) ? new Decimal(String(input)) : undefined
      else {
        let text = input.trim()
        const pct = options.percent === true && text.endsWith('%')
        if (pct) text = text.slice(0, -1).trim()
        if (SIGNED.test(text)) value = pct ? new Decimal(text).div(100) : new Decimal(text)
      }
      if (value === undefined) {
        ctx.addIssue({
          code: 'custom',
          message: `expected a decimal like "12.34"${options.percent ? ' or a percentage like "18%"' : ''}`,
          params: { code: 'INVALID_DECIMAL' },
        })
        return z.NEVER
      }
      const bad =
        (options.min !== undefined && value.lt(options.min)) ||
        (options.minExclusive !== undefined && value.lte(options.minExclusive)) ||
        (options.max !== undefined && value.gt(options.max))
      if (bad) {
        const range = [
          options.min !== undefined ? `≥ ${options.min}` : undefined,
          options.minExclusive !== undefined ? `> ${options.minExclusive}` : undefined,
          options.max !== undefined ? `≤ ${options.max}` : undefined,
        ]
          .filter((part) => part !== undefined)
          .join(' and ')
        ctx.addIssue({
          code: 'custom',
          message: `must be ${range}, got ${value.toFixed()}`,
          params: { code: 'OUT_OF_RANGE' },
        })
        return z.NEVER
      }
      return value
    })
}

const ms = z.union([z.number(), z.string()]).pipe(duration)
const positiveInt = z.number().int().min(1)
const ratio = z.number().min(0).max(1)
const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/

const hhmm = z.string().transform((text, ctx) => {
  const match = HHMM.exec(text.trim())
  if (!match) {
    ctx.addIssue({ code: 'custom', message: `expected a UTC time like "14:00", got ${JSON.stringify(text)}` })
    return z.NEVER
  }
  return Number(match[1]) * 60 + Number(match[2])
})

/**
 * Builds the zod schema of the risk configuration. Every field is optional and defaults to the value
 * in the README's table (the seed's defaults). Money is a `Decimal` in the output; percentages may be
 * given as fractions (`0.18`) or strings (`'18%'`); durations as milliseconds or strings (`'30s'`,
 * `'20m'`).
 *
 * A new schema per call, kept by nobody: a zod 4 object schema of this size holds about 1 MB of heap,
 * and a long-running process parses its configuration once.
 *
 * @example
 * const config = riskConfigSchema().parse({ dailyLossLimit: '10' })
 */
export const riskConfigSchema = () =>
  z.strictObject({
    /** Highest leverage an order may ask for (1 = spot, no leverage). */
    maxLeverage: decimalField({ min: '1' }).prefault('1'),
    /** Loss per UTC day, in quote currency, that switches to REDUCE_ONLY and cancels open orders. */
    dailyLossLimit: decimalField({ minExclusive: '0' }).prefault('250'),
    /** Cap on the sum of worst-case exposures over all symbols, as a fraction of equity. */
    maxTotalExposurePct: decimalField({ minExclusive: '0', percent: true }).prefault('0.6'),
    /** Cap on one symbol's worst-case exposure, as a fraction of equity. */
    maxSymbolExposurePct: decimalField({ minExclusive: '0', percent: true }).prefault('0.18'),
    /** Largest adverse distance between the intended price and the mark, in basis points. */
    slippageGuardBps: decimalField({ min: '0' }).prefault('60'),
    /** Largest impact cost (VWAP for the order size vs mid), in basis points. */
    maxImpactBps: decimalField({ min: '0' }).prefault('50'),
    /** A mark older than this blocks new exposure. */
    markStalenessMs: ms.prefault(30_000),
    /** A book (best bid/ask) older than this blocks new exposure. */
    bookStalenessMs: ms.prefault(30_000),
    /** Drawdown from the equity peak (fraction) that switches to REDUCE_ONLY. */
    maxDrawdownPct: decimalField({ minExclusive: '0', max: '1', percent: true }).prefault('0.1'),
    /** Open orders allowed per symbol; a new order is rejected when this many are open. */
    maxOpenOrdersPerSymbol: positiveInt.prefault(5),
    /** Allow perpetuals and dated futures (the COINBASE_ENABLE_DERIVATIVES gate). */
    derivativesEnabled: z.boolean().prefault(false),
    /** USD (quote) notional cap per product id, e.g. `{ 'BTC-USD': '10000' }`. Symbols without one have only the equity-share cap. */
    perSymbolCaps: z
      .record(
        z.string().refine((id) => isProductId(id) && id === id.toUpperCase(), {
          message: 'must be an upper-case product id like "BTC-USD"',
        }),
        decimalField({ min: '0' }),
      )
      .prefault({}),
    /** UTC window in which new exposure may be opened (`start` inclusive, `end` exclusive; may wrap midnight). `null` = always open. */
    tradingWindow: z.strictObject({ start: hhmm, end: hhmm }).nullable().prefault(null),
    correlation: z
      .strictObject({
        /** Assets with |correlation| ≥ this to the order's asset form its group. */
        threshold: ratio.prefault(0.7),
        /** Cap on the group's worst-case exposure, as a fraction of equity. */
        maxGroupExposurePct: decimalField({ minExclusive: '0', percent: true }).prefault('0.4'),
      })
      .prefault({}),
    errorRate: z
      .strictObject({
        /** Failure ratio above which the action fires (0.5 = more than 50 %). */
        threshold: ratio.prefault(0.5),
        /** Outcomes in the rolling window. */
        window: positiveInt.prefault(20),
        /** Outcomes needed before the rate counts. */
        minCount: positiveInt.prefault(10),
        action: z.enum(['halt', 'cooldown']).prefault('halt'),
        /** Length of a cooldown (REDUCE_ONLY) when `action` is `cooldown`. */
        cooldownMs: ms.prefault(1_800_000),
      })
      .prefault({}),
    consecutiveLosses: z
      .strictObject({
        /** Losing trades in a row that fire the action. */
        max: positiveInt.prefault(5),
        action: z.enum(['halt', 'cooldown']).prefault('cooldown'),
        cooldownMs: ms.prefault(1_800_000),
      })
      .prefault({}),
    volatility: z
      .strictObject({
        /** Annualised volatility that raises a warning. */
        warn: z.number().positive().prefault(0.18),
        /** Annualised volatility that puts the symbol in REDUCE_ONLY. */
        reduceOnly: z.number().positive().prefault(0.22),
        /** Annualised volatility that HALTs the symbol (operator reset needed). */
        halt: z.number().positive().prefault(0.28),
        /** Returns in the rolling window. */
        window: z.number().int().min(2).prefault(20),
        /** Samples per year used to annualise (365 = one price per day). */
        periodsPerYear: z.number().positive().prefault(365),
        /** A volatility REDUCE_ONLY lasts at least this long after the last breach. */
        cooldownMs: ms.prefault(1_200_000),
      })
      .prefault({})
      .superRefine((v, ctx) => {
        if (!(v.warn <= v.reduceOnly && v.reduceOnly <= v.halt)) {
          ctx.addIssue({
            code: 'custom',
            path: ['reduceOnly'],
            message: 'levels must satisfy warn ≤ reduceOnly ≤ halt',
            params: { code: 'OUT_OF_RANGE' },
          })
        }
      }),
    liquidity: z
      .strictObject({
        /** Spread (ask − bid vs mid) above this pauses the symbol, in basis points. */
        maxSpreadBps: decimalField({ min: '0' }).prefault('50'),
        /** Quote notional on the thinner side of the book below this pauses the symbol. */
        minDepth: decimalField({ min: '0' }).prefault('5000'),
      })
      .prefault({}),
    /** Derivatives: distance from mark to liquidation price, as a fraction of the mark, below which the symbol goes REDUCE_ONLY. */
    liquidationBufferPct: decimalField({ min: '0', max: '1', percent: true }).prefault('0.15'),
  })

/** The resolved configuration (every field present; money as `Decimal`). */
export type RiskConfig = z.output<ReturnType<typeof riskConfigSchema>>
/** What {@link resolveRiskConfig} accepts: any subset of the fields. */
export type RiskConfigInput = z.input<ReturnType<typeof riskConfigSchema>>

/** Names of the built-in presets. */
export type RiskPresetName = 'default' | 'spot_top10'

/**
 * The `spot_top10` preset (the seed's `config/risk/spot_top10.yaml`): leverage 1 and a USD notional
 * cap for each of the ten USD markets of the dev universe; every other field at its default.
 */
export const spotTop10Preset = Object.freeze({
  maxLeverage: '1',
  dailyLossLimit: '250',
  maxTotalExposurePct: '0.6',
  maxSymbolExposurePct: '0.18',
  slippageGuardBps: '60',
  maxImpactBps: '50',
  markStalenessMs: 30_000,
  maxDrawdownPct: '0.1',
  errorRate: { threshold: 0.5 },
  volatility: { warn: 0.18, reduceOnly: 0.22, halt: 0.28, window: 20, cooldownMs: 1_200_000 },
  perSymbolCaps: {
    'BTC-USD': '10000',
    'ETH-USD': '6000',
    'SOL-USD': '2000',
    'XRP-USD': '1500',
    'LTC-USD': '2500',
    'ADA-USD': '1200',
    'DOGE-USD': '800',
    'BCH-USD': '2500',
    'AVAX-USD': '1800',
    'LINK-USD': '1800',
  },
} satisfies RiskConfigInput)

const PRESETS: Record<RiskPresetName, RiskConfigInput> = { default: {}, spot_top10: spotTop10Preset }

/**
 * Parses a risk configuration, optionally on top of a preset (nested objects such as `perSymbolCaps`
 * and `volatility` are merged key by key). Throws a `ValidationError` whose issues name each bad key,
 * e.g. `perSymbolCaps.BTC-USD`.
 *
 * @example
 * const config = resolveRiskConfig({ dailyLossLimit: '10' }, { preset: 'spot_top10' })
 * config.perSymbolCaps['BTC-USD']?.toFixed() // '10000'
 */
export function resolveRiskConfig(
  input: unknown = {},
  options: { preset?: RiskPresetName } = {},
): RiskConfig {
  const preset = options.preset ?? 'default'
  if (!Object.hasOwn(PRESETS, preset)) {
    throw new ValidationError(
      [{ path: ['preset'], code: 'INVALID_VALUE', message: `unknown preset ${JSON.stringify(preset)}` }],
      { subject: 'risk config' },
    )
  }
  const merged = merge(PRESETS[preset], input)
  const result = riskConfigSchema().safeParse(merged)
  if (!result.success) throw fromZodError(result.error, { subject: 'risk config', input: merged })
  return result.data
}

/** The defaults as a resolved config. */
export const defaultRiskConfig: RiskConfig = resolveRiskConfig()

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || isDecimal(value)) return false
  const proto: unknown = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

function merge(base: unknown, override: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(override)) return override === undefined ? base : override
  const out: Record<string, unknown> = { ...base }
  for (const [key, value] of Object.entries(override)) {
    out[key] = key in out ? merge(out[key], value) : value
  }
  return out
}
