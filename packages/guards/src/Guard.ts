import type { Decimal } from '@gpt-trader/validation'

/** A metric value: a number, a `Decimal`, or a decimal string (money). */
export type MetricValue = number | Decimal | string

/**
 * How the metric is compared with the threshold; the guard is breached when the comparison holds.
 * `abs_*` compare |value| with the threshold.
 */
export type Comparator = 'gt' | 'gte' | 'lt' | 'lte' | 'eq' | 'ne' | 'abs_gt' | 'abs_gte' | 'abs_lt'

/** How bad a breach of this guard is; carried on events and alerts. */
export type GuardSeverity = 'info' | 'warning' | 'critical'

/** Where a guard stands after its last evaluation. */
export type GuardStatus = 'healthy' | 'warning' | 'breached' | 'disabled'

/** Values a message template can use, besides the guard's `context`. */
export interface GuardMessageContext {
  name: string
  label: string
  /** The formatted current value. */
  value: string
  /** The formatted threshold. */
  threshold: string
  /** `' USD'` style suffix (leading space included) or `''`. */
  units: string
  /** 'exceeded', 'fell below', 'reached', … chosen from the comparator. */
  verb: string
  status: GuardStatus
  severity: GuardSeverity
  context: Readonly<Record<string, string | number>>
}

/**
 * A guard definition: a metric, how to compare it, and how to talk about it.
 *
 * @example
 * const dailyLoss: Guard = {
 *   name: 'daily_loss', label: 'daily loss', units: 'USD', decimals: 2,
 *   read: () => pnl.dailyLoss(),       // sync or async; number, Decimal or decimal string
 *   comparator: 'gt', threshold: '250', warningRatio: 0.8, releaseLevel: '200',
 *   severity: 'critical', cooldownMs: 60_000,
 * }
 */
export interface Guard {
  /** Unique, used in counter names (`risk.guards.<name>.success`): keep it `[a-z0-9_]`. */
  name: string
  /** Reads the metric. May return a Promise (then only `GuardManager.evaluate()` handles it). */
  read: () => MetricValue | PromiseLike<MetricValue>
  comparator: Comparator
  /** Breach level. Money thresholds should be decimal strings or Decimals: they compare exactly. */
  threshold: MetricValue
  /**
   * Warning band as a ratio of the threshold (0 < r < 1): warn when the metric is within (1 − r)·|T|
   * of the threshold on the safe side, e.g. 0.8 on `gt 250` warns above 200. Not for `eq` / `ne`.
   */
  warningRatio?: number | undefined
  /** Explicit warning level; overrides `warningRatio`. */
  warningLevel?: MetricValue | undefined
  /** Default `'critical'`. */
  severity?: GuardSeverity | undefined
  /** After an alert (warning / breach event), further alerts of this guard are suppressed for this long. */
  cooldownMs?: number | undefined
  /** Hysteresis: once breached, the guard recovers only when the comparison against this level fails. */
  releaseLevel?: MetricValue | undefined
  /** Human name for messages. Default: `name`. */
  label?: string | undefined
  /** Units for messages, e.g. `'USD'`, `'%'`, `'ms'`. */
  units?: string | undefined
  /** Decimal places for the current value in messages (`263.1` → `'263.10'`). */
  decimals?: number | undefined
  /**
   * Message template with `{label}`, `{verb}`, `{threshold}`, `{value}`, `{units}`, `{name}`,
   * `{status}`, `{severity}` and any `{key}` of `context`, or a function. Default:
   * `'{label} {verb} {threshold}{units} (current: {value}{units})'`.
   */
  message?: string | ((context: GuardMessageContext) => string) | undefined
  /** Extra values for the message and alerts (e.g. `{ symbol: 'BTC-USD' }`). Never secrets. */
  context?: Readonly<Record<string, string | number>> | undefined
  /** Start disabled. */
  disabled?: boolean | undefined
}
