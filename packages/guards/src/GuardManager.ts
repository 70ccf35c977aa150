import { Decimal, redactString, ValidationError, type ValidationIssue } from '@gpt-trader/validation'
import { EventEmitter } from 'eventemitter3'
import type { Alert, AlertKind, AlertSink } from './AlertSink.js'
import { type Clock, type Scheduler, systemClock, systemScheduler, type TimerHandle } from './clock.js'
import { comparatorOps, formatMetric, normalizeMetric, type Op, test } from './compareMetric.js'
import {
  DEFAULT_TEMPLATE,
  formatGuardMessage,
  RECOVER_TEMPLATE,
  verbFor,
  WARNING_TEMPLATE,
} from './formatGuardMessage.js'
import type { Guard, GuardMessageContext, GuardSeverity, GuardStatus, MetricValue } from './Guard.js'
import {
  RiskGuardActionError,
  RiskGuardDataCorruptError,
  RiskGuardDataUnavailableError,
  type RiskGuardError,
  RiskGuardLimitExceededError,
  RiskGuardTelemetryError,
} from './RiskGuardError.js'

/** Receives the per-guard counters (`risk.guards.<name>.success` …), e.g. a prom-client adapter. */
export interface MetricsRecorder {
  increment(name: string): void
}

/** Options of {@link GuardManager}. */
export interface GuardManagerOptions {
  guards?: readonly Guard[] | undefined
  /** Default `Date.now`. */
  clock?: Clock | undefined
  /** Used by `start()`. Default: global `setInterval` (unref'd). */
  scheduler?: Scheduler | undefined
  /** Interval of `start()`. Default 1000 ms. */
  intervalMs?: number | undefined
  metrics?: MetricsRecorder | undefined
  /** Alert sinks; they receive warning / breach / recover alerts not suppressed by a cooldown. */
  alerts?: readonly AlertSink[] | undefined
}

/** Read-only view of one guard after its last evaluation. */
export interface GuardState {
  readonly name: string
  readonly status: GuardStatus
  readonly severity: GuardSeverity
  /** Last good metric value read. */
  readonly value: MetricValue | undefined
  readonly lastEvaluatedAt: number | undefined
  /** The last failure (read failure, corrupt value) or the limit-exceeded error of the current breach. */
  readonly lastError: RiskGuardError | undefined
  /** Message of the last warning / breach transition. */
  readonly message: string | undefined
  readonly successes: number
  readonly recoverableFailures: number
  readonly criticalFailures: number
}

/** Payload of the `warning`, `breach` and `recover` events. */
export interface GuardEvent {
  guard: string
  status: GuardStatus
  previous: GuardStatus
  severity: GuardSeverity
  value: MetricValue
  threshold: MetricValue
  message: string
  at: number
  /** False when the guard's cooldown suppressed the alert to the sinks (the event still fires). */
  alerted: boolean
  /** On `breach`: the critical error describing it. */
  error?: RiskGuardError
}

/** Payload of the `failure` event. */
export interface GuardFailureEvent {
  guard: string
  error: RiskGuardError
  recoverable: boolean
  at: number
}

/** Events of {@link GuardManager}. */
export interface GuardManagerEvents {
  warning: (event: GuardEvent) => void
  breach: (event: GuardEvent) => void
  recover: (event: GuardEvent) => void
  failure: (event: GuardFailureEvent) => void
}

const UPPER_ONE = new Decimal(1)

class Entry implements GuardState {
  readonly name: string
  readonly severity: GuardSeverity
  status: GuardStatus
  value: MetricValue | undefined = undefined
  lastEvaluatedAt: number | undefined = undefined
  lastError: RiskGuardError | undefined = undefined
  message: string | undefined = undefined
  successes = 0
  recoverableFailures = 0
  criticalFailures = 0
  lastAlertAt = Number.NEGATIVE_INFINITY
  readonly op: Op
  readonly abs: boolean
  readonly threshold: number | Decimal
  readonly warning: number | Decimal | undefined
  readonly release: number | Decimal | undefined
  readonly counterSuccess: string
  readonly counterRecoverable: string
  readonly counterCritical: string

  constructor(
    readonly guard: Guard,
    threshold: number | Decimal,
    warning: number | Decimal | undefined,
    release: number | Decimal | undefined,
  ) {
    this.name = guard.name
    this.severity = guard.severity ?? 'critical'
    this.status = guard.disabled ? 'disabled' : 'healthy'
    const spec = comparatorOps[guard.comparator]
    this.op = spec.op
    this.abs = spec.abs
    this.threshold = threshold
    this.warning = warning
    this.release = release
    this.counterSuccess = `risk.guards.${guard.name}.success`
    this.counterRecoverable = `risk.guards.${guard.name}.recoverable_failures`
    this.counterCritical = `risk.guards.${guard.name}.critical_failures`
  }
}

/**
 * Evaluates guards on demand (`evaluate()`, or `evaluateSync()` when every read is synchronous) or on
 * an interval (`start()`), tracks each guard's status (healthy / warning / breached / disabled), emits
 * `warning`, `breach`, `recover` and `failure` events, counts outcomes and dispatches alerts.
 *
 * Events fire on status changes: into `warning` (from healthy), into `breached`, and `recover` when a
 * guard leaves `breached` (to healthy or warning) or goes from warning back to healthy.
 *
 * Every evaluation of a guard increments exactly one counter: `success` (healthy or warning),
 * `critical_failures` (breached, or a corrupt value) or `recoverable_failures` (the read threw). A
 * failing read never stops the other guards; the guard keeps its previous status. A listener that
 * throws (the breach action failed) adds a critical failure reported as `RiskGuardActionError`; a
 * failed alert delivery adds a recoverable one (`RiskGuardTelemetryError`).
 *
 * @example
 * const manager = new GuardManager({ guards: [dailyLoss], clock, alerts: [createLogSink(logger)] })
 * manager.on('breach', (e) => state.reduceOnly(e.message))
 * await manager.evaluate()
 */
export class GuardManager extends EventEmitter<GuardManagerEvents> {
  readonly #entries: Entry[] = []
  readonly #byName = new Map<string, Entry>()
  readonly #clock: Clock
  readonly #scheduler: Scheduler
  readonly #intervalMs: number
  readonly #metrics: MetricsRecorder | undefined
  readonly #sinks: readonly AlertSink[]
  readonly #pending = new Set<Promise<void>>()
  #timer: TimerHandle | undefined
  #running = false

  constructor(options: GuardManagerOptions = {}) {
    super()
    this.#clock = options.clock ?? systemClock
    this.#scheduler = options.scheduler ?? systemScheduler
    this.#intervalMs = options.intervalMs ?? 1000
    this.#metrics = options.metrics
    this.#sinks = options.alerts ?? []
    if (!(Number.isFinite(this.#intervalMs) && this.#intervalMs > 0))
      throw new ValidationError(
        [
          {
            path: ['intervalMs'],
            code: 'INVALID_GUARD',
            message: 'must be a positive number of milliseconds',
          },
        ],
        { subject: 'GuardManager options' },
      )
    for (const guard of options.guards ?? []) this.add(guard)
  }

  /** Adds a guard; throws a `ValidationError` naming each bad field. */
  add(guard: Guard): this {
    const entry = compile(guard, this.#byName)
    this.#entries.push(entry)
    this.#byName.set(entry.name, entry)
    return this
  }

  /** Removes a guard; returns whether it existed. */
  remove(name: string): boolean {
    const entry = this.#byName.get(name)
    if (!entry) return false
    this.#byName.delete(name)
    this.#entries.splice(this.#entries.indexOf(entry), 1)
    return true
  }

  /** Stops evaluating a guard (status `disabled`). */
  disable(name: string): void {
    const entry = this.#require(name)
    entry.status = 'disabled'
  }

  /** Re-enables a guard; its status is `healthy` until the next evaluation. */
  enable(name: string): void {
    const entry = this.#require(name)
    if (entry.status === 'disabled') entry.status = 'healthy'
  }

  /** The state of one guard, or undefined. */
  get(name: string): GuardState | undefined {
    return this.#byName.get(name)
  }

  /** States of every guard, in the order they were added (live objects: read, don't keep). */
  states(): readonly GuardState[] {
    return this.#entries
  }

  /** Worst status over enabled guards: `breached` > `warning` > `healthy`. */
  status(): GuardStatus {
    let worst: GuardStatus = 'healthy'
    for (const e of this.#entries) {
      if (e.status === 'breached') return 'breached'
      if (e.status === 'warning') worst = 'warning'
    }
    return worst
  }

  /** Counter values, keyed `risk.guards.<name>.success` / `.recoverable_failures` / `.critical_failures`. */
  counters(): Record<string, number> {
    const out: Record<string, number> = {}
    for (const e of this.#entries) {
      out[e.counterSuccess] = e.successes
      out[e.counterRecoverable] = e.recoverableFailures
      out[e.counterCritical] = e.criticalFailures
    }
    return out
  }

  /**
   * Evaluates every enabled guard with synchronous reads, without allocating on the healthy path.
   * A read that returns a Promise is recorded as a recoverable failure (use `evaluate()` for those).
   */
  evaluateSync(): readonly GuardState[] {
    const now = this.#clock.now()
    const entries = this.#entries
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i]!
      if (entry.status === 'disabled') continue
      let raw: MetricValue | PromiseLike<MetricValue>
      try {
        raw = entry.guard.read()
      } catch (error) {
        this.#readFailed(entry, error, now)
        continue
      }
      if (isThenable(raw)) {
        // Avoid an unhandled rejection from a read we will not wait for.
        Promise.resolve(raw).catch(() => {})
        this.#readFailed(entry, new TypeError('metric read returned a Promise; use evaluate()'), now)
        continue
      }
      this.#apply(entry, raw, now)
    }
    return entries
  }

  /** Evaluates every enabled guard, awaiting async reads concurrently. Never rejects. */
  async evaluate(): Promise<readonly GuardState[]> {
    const now = this.#clock.now()
    let waiting: Promise<void>[] | undefined
    for (const entry of this.#entries) {
      if (entry.status === 'disabled') continue
      let raw: MetricValue | PromiseLike<MetricValue>
      try {
        raw = entry.guard.read()
      } catch (error) {
        this.#readFailed(entry, error, now)
        continue
      }
      if (isThenable(raw)) {
        waiting ??= []
        waiting.push(
          Promise.resolve(raw).then(
            (value) => this.#apply(entry, value, this.#clock.now()),
            (error: unknown) => this.#readFailed(entry, error, this.#clock.now()),
          ),
        )
      } else {
        this.#apply(entry, raw, now)
      }
    }
    if (waiting) await Promise.all(waiting)
    return this.#entries
  }

  /** Evaluates every `intervalMs` on the injected scheduler; overlapping runs are skipped. */
  start(): void {
    if (this.#timer !== undefined) return
    this.#timer = this.#scheduler.setInterval(() => {
      if (this.#running) return
      this.#running = true
      void this.evaluate().finally(() => {
        this.#running = false
      })
    }, this.#intervalMs)
  }

  /** Stops the interval started by `start()`. */
  stop(): void {
    if (this.#timer === undefined) return
    this.#scheduler.clearInterval(this.#timer)
    this.#timer = undefined
  }

  /** True between `start()` and `stop()`. */
  get started(): boolean {
    return this.#timer !== undefined
  }

  /** Resolves when every alert dispatched so far has been delivered or has failed. */
  async flushAlerts(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all([...this.#pending])
  }

  #require(name: string): Entry {
    const entry = this.#byName.get(name)
    if (!entry)
      throw new ValidationError([
        { path: ['name'], code: 'INVALID_GUARD', message: `no guard named "${name}"` },
      ])
    return entry
  }

  #count(entry: Entry, outcome: 0 | 1 | 2): void {
    if (outcome === 0) entry.successes++
    else if (outcome === 1) entry.recoverableFailures++
    else entry.criticalFailures++
    this.#metrics?.increment(
      outcome === 0 ? entry.counterSuccess : outcome === 1 ? entry.counterRecoverable : entry.counterCritical,
    )
  }

  #readFailed(entry: Entry, cause: unknown, now: number): void {
    if (entry.status === 'disabled') return
    entry.lastEvaluatedAt = now
    const error = new RiskGuardDataUnavailableError({
      guard: entry.name,
      threshold: entry.guard.threshold,
      cause,
      // A failing read may quote a request (headers, tokens); keep credentials out of the message.
      details: redactString(cause instanceof Error ? cause.message : String(cause)),
    })
    entry.lastError = error
    this.#count(entry, 1)
    this.#emitFailure({ guard: entry.name, error, recoverable: true, at: now })
  }

  /** A throwing `failure` listener must not break the loop either; there is nowhere left to report it. */
  #emitFailure(event: GuardFailureEvent): void {
    try {
      this.emit('failure', event)
    } catch {
      // Deliberately ignored: see above.
    }
  }

  #apply(entry: Entry, raw: unknown, now: number): void {
    if (entry.status === 'disabled') return
    entry.lastEvaluatedAt = now
    const value = normalizeMetric(raw)
    if (value === undefined) {
      const error = new RiskGuardDataCorruptError({
        guard: entry.name,
        value: describeCorrupt(raw),
        threshold: entry.guard.threshold,
        details: `expected a finite number, a Decimal or a decimal string, got ${describeCorrupt(raw)}`,
      })
      entry.lastError = error
      this.#count(entry, 2)
      this.#emitFailure({ guard: entry.name, error, recoverable: false, at: now })
      return
    }
    entry.value = raw as MetricValue
    const previous = entry.status
    let breached = test(value, entry.op, entry.abs, entry.threshold)
    if (!breached && previous === 'breached' && entry.release !== undefined)
      breached = test(value, entry.op, entry.abs, entry.release)
    const next: GuardStatus = breached
      ? 'breached'
      : entry.warning !== undefined && test(value, entry.op, entry.abs, entry.warning)
        ? 'warning'
        : 'healthy'
    this.#count(entry, breached ? 2 : 0)
    if (next === previous) return
    entry.status = next
    this.#transition(entry, previous, next, value, now)
  }

  #transition(
    entry: Entry,
    previous: GuardStatus,
    next: GuardStatus,
    value: number | Decimal,
    now: number,
  ): void {
    const guard = entry.guard
    const kind: AlertKind =
      next === 'breached' ? 'breach' : next === 'warning' && previous !== 'breached' ? 'warning' : 'recover'
    const message = renderMessage(entry, value, next)
    let error: RiskGuardError | undefined
    if (kind === 'breach') {
      error = new RiskGuardLimitExceededError(message, {
        guard: entry.name,
        value: entry.value,
        threshold: guard.threshold,
      })
      entry.lastError = error
    }
    entry.message = next === 'healthy' ? undefined : message
    let alerted = true
    if (kind !== 'recover') {
      const cooldown = guard.cooldownMs ?? 0
      if (now - entry.lastAlertAt < cooldown) alerted = false
      else entry.lastAlertAt = now
    }
    const event: GuardEvent = {
      guard: entry.name,
      status: next,
      previous,
      severity: entry.severity,
      value: entry.value!,
      threshold: guard.threshold,
      message,
      at: now,
      alerted,
      ...(error === undefined ? {} : { error }),
    }
    try {
      this.emit(kind, event)
    } catch (cause) {
      // The breach action (a listener) failed: critical, but it must not stop the other guards.
      const actionError = new RiskGuardActionError({
        guard: entry.name,
        value: entry.value,
        threshold: guard.threshold,
        cause,
        details: redactString(cause instanceof Error ? cause.message : String(cause)),
      })
      entry.lastError = actionError
      entry.criticalFailures++
      this.#metrics?.increment(entry.counterCritical)
      this.#emitFailure({ guard: entry.name, error: actionError, recoverable: false, at: now })
    }
    if (alerted && this.#sinks.length > 0) {
      const alert: Alert = {
        kind,
        guard: entry.name,
        severity: entry.severity,
        status: next,
        previous,
        message,
        value: formatMetric(value, guard.decimals),
        threshold: formatMetric(entry.threshold),
        at: now,
        context: guard.context ?? {},
      }
      for (const sink of this.#sinks) this.#dispatch(entry, sink, alert)
    }
  }

  #dispatch(entry: Entry, sink: AlertSink, alert: Alert): void {
    const delivery: Promise<void> = Promise.resolve()
      .then(() => sink.send(alert))
      .then(
        () => {},
        (cause: unknown) => {
          const error = new RiskGuardTelemetryError({
            guard: entry.name,
            cause,
            details: `alert sink "${sink.name}" failed`,
          })
          entry.recoverableFailures++
          this.#metrics?.increment(entry.counterRecoverable)
          this.#emitFailure({ guard: entry.name, error, recoverable: true, at: this.#clock.now() })
        },
      )
      .finally(() => this.#pending.delete(delivery))
    this.#pending.add(delivery)
  }
}

function renderMessage(entry: Entry, value: number | Decimal, status: GuardStatus): string {
  const guard = entry.guard
  const context: GuardMessageContext = {
    name: guard.name,
    label: guard.label ?? guard.name,
    value: formatMetric(value, guard.decimals),
    threshold: formatMetric(entry.threshold),
    units: guard.units ? ` ${guard.units}` : '',
    verb: verbFor(guard.comparator),
    status,
    severity: entry.severity,
    context: guard.context ?? {},
  }
  if (typeof guard.message === 'function') return guard.message(context)
  const template =
    guard.message ??
    (status === 'breached' ? DEFAULT_TEMPLATE : status === 'warning' ? WARNING_TEMPLATE : RECOVER_TEMPLATE)
  return formatGuardMessage(template, context)
}

function isThenable(value: unknown): value is PromiseLike<MetricValue> {
  return (
    typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function'
  )
}

function describeCorrupt(raw: unknown): string {
  if (typeof raw === 'number') return String(raw)
  if (typeof raw === 'string') return JSON.stringify(raw.length > 40 ? `${raw.slice(0, 40)}…` : raw)
  if (raw === null) return 'null'
  return typeof raw
}

function compile(guard: Guard, existing: ReadonlyMap<string, Entry>): Entry {
  const issues: ValidationIssue[] = []
  const issue = (path: string, message: string) =>
    issues.push({ path: [path], code: 'INVALID_GUARD', message })
  if (typeof guard.name !== 'string' || !/^[A-Za-z0-9_.-]+$/.test(guard.name))
    issue('name', 'must be a non-empty string of letters, digits, _ . -')
  else if (existing.has(guard.name)) issue('name', `a guard named "${guard.name}" already exists`)
  if (typeof guard.read !== 'function') issue('read', 'must be a function')
  const spec = comparatorOps[guard.comparator]
  if (spec === undefined)
    issue('comparator', 'must be one of gt, gte, lt, lte, eq, ne, abs_gt, abs_gte, abs_lt')
  const threshold = normalizeMetric(guard.threshold)
  if (threshold === undefined) issue('threshold', 'must be a finite number, a Decimal or a decimal string')
  else if (spec?.abs && isNegative(threshold)) issue('threshold', 'must be ≥ 0 for an abs_* comparator')
  let release: number | Decimal | undefined
  if (guard.releaseLevel !== undefined) {
    release = normalizeMetric(guard.releaseLevel)
    if (release === undefined) issue('releaseLevel', 'must be a finite number, a Decimal or a decimal string')
    else if (spec !== undefined && threshold !== undefined) {
      if (spec.upper === undefined) issue('releaseLevel', 'has no meaning for eq / ne')
      else if (spec.upper ? cmp(release, threshold) > 0 : cmp(release, threshold) < 0)
        issue(
          'releaseLevel',
          `must be on the safe side of the threshold (${spec.upper ? '≤' : '≥'} threshold)`,
        )
    }
  }
  let warning: number | Decimal | undefined
  if (guard.warningLevel !== undefined) {
    warning = normalizeMetric(guard.warningLevel)
    if (warning === undefined) issue('warningLevel', 'must be a finite number, a Decimal or a decimal string')
  } else if (guard.warningRatio !== undefined) {
    const r = guard.warningRatio
    if (!(Number.isFinite(r) && r > 0 && r < 1)) issue('warningRatio', 'must be a number in (0, 1)')
    else if (spec !== undefined && spec.upper === undefined)
      issue('warningRatio', 'has no meaning for eq / ne')
    else if (threshold !== undefined && spec !== undefined)
      warning = warningLevel(threshold, r, spec.upper === true)
  }
  if (guard.cooldownMs !== undefined && !(Number.isFinite(guard.cooldownMs) && guard.cooldownMs >= 0))
    issue('cooldownMs', 'must be a number ≥ 0')
  if (guard.decimals !== undefined && !(Number.isInteger(guard.decimals) && guard.decimals >= 0))
    issue('decimals', 'must be an integer ≥ 0')
  if (guard.severity !== undefined && !['info', 'warning', 'critical'].includes(guard.severity))
    issue('severity', `must be 'info', 'warning' or 'critical'`)
  if (issues.length > 0)
    throw new ValidationError(issues, { subject: `guard ${JSON.stringify(String(guard.name ?? ''))}` })
  return new Entry(guard, threshold!, warning, release)
}

function cmp(a: number | Decimal, b: number | Decimal): number {
  return (typeof a === 'number' ? new Decimal(a) : a).cmp(typeof b === 'number' ? new Decimal(b) : b)
}

function isNegative(value: number | Decimal): boolean {
  return typeof value === 'number' ? value < 0 : value.isNegative()
}

/**
 * The warning level sits (1 − r)·|T| from the threshold on the safe side. Computed in Decimal; kept a
 * number only when the threshold is a number (non-money metrics).
 */
function warningLevel(threshold: number | Decimal, ratio: number, upper: boolean): number | Decimal {
  const t = typeof threshold === 'number' ? new Decimal(threshold) : threshold
  const band = t.abs().mul(UPPER_ONE.minus(new Decimal(ratio)))
  const level = upper ? t.minus(band) : t.plus(band)
  return typeof threshold === 'number' ? level.toNumber() : level
}
