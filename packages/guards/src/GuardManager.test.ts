import { Decimal, isValidationError } from '@gpt-trader/validation'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Alert, AlertSink } from './AlertSink.js'
import type { Comparator, Guard, MetricValue } from './Guard.js'
import { type GuardEvent, type GuardFailureEvent, GuardManager } from './GuardManager.js'
import { isRecoverableGuardError, isRiskGuardError } from './RiskGuardError.js'

function manualClock(start = 1_700_000_000_000) {
  return {
    t: start,
    now() {
      return this.t
    },
  }
}

function recordEvents(manager: GuardManager) {
  const events: Array<[string, GuardEvent | GuardFailureEvent]> = []
  for (const name of ['warning', 'breach', 'recover', 'failure'] as const)
    manager.on(name, (e: GuardEvent | GuardFailureEvent) => events.push([name, e]))
  return events
}

function metric(initial: MetricValue) {
  const m = { value: initial as unknown, read: () => m.value as MetricValue }
  return m
}

const dailyLossGuard = (read: () => MetricValue): Guard => ({
  name: 'daily_loss',
  label: 'daily loss',
  units: 'USD',
  decimals: 2,
  read,
  comparator: 'gt',
  threshold: '250',
  warningRatio: 0.8,
  releaseLevel: '200',
})

describe('GuardManager: statuses, events and messages', () => {
  it('formats the breach message with label, units and decimals', async () => {
    const loss = metric(263.1)
    const manager = new GuardManager({ guards: [dailyLossGuard(loss.read)], clock: manualClock() })
    const events = recordEvents(manager)
    await manager.evaluate()
    expect(events).toHaveLength(1)
    const [name, event] = events[0]!
    expect(name).toBe('breach')
    expect((event as GuardEvent).message).toMatchInlineSnapshot(
      `"daily loss exceeded 250 USD (current: 263.10 USD)"`,
    )
    expect(manager.get('daily_loss')?.status).toBe('breached')
    expect(manager.get('daily_loss')?.lastError?.message).toMatchInlineSnapshot(
      `"daily loss exceeded 250 USD (current: 263.10 USD)"`,
    )
    expect((event as GuardEvent).error?.code).toBe('GUARD_LIMIT_EXCEEDED')
  })

  it('goes healthy → warning → breached, holds the breach above the release level, then recovers', () => {
    const loss = metric('100')
    const manager = new GuardManager({ guards: [dailyLossGuard(loss.read)], clock: manualClock() })
    const events = recordEvents(manager)
    const statuses: string[] = []
    for (const v of ['100', '200.01', '250', '250.01', '230', '200.01', '200', '199.99']) {
      loss.value = v
      manager.evaluateSync()
      statuses.push(`${v}:${manager.get('daily_loss')!.status}`)
    }
    expect(statuses).toEqual([
      '100:healthy',
      '200.01:warning',
      '250:warning',
      '250.01:breached',
      '230:breached',
      '200.01:breached',
      '200:healthy',
      '199.99:healthy',
    ])
    expect(events.map(([name, e]) => `${name}: ${(e as GuardEvent).message}`)).toMatchInlineSnapshot(`
      [
        "warning: daily loss close to 250 USD (current: 200.01 USD)",
        "breach: daily loss exceeded 250 USD (current: 250.01 USD)",
        "recover: daily loss back within 250 USD (current: 200.00 USD)",
      ]
    `)
    expect(manager.counters()).toEqual({
      'risk.guards.daily_loss.success': 5,
      'risk.guards.daily_loss.critical_failures': 3,
      'risk.guards.daily_loss.recoverable_failures': 0,
    })
  })

  it('implements every comparator, abs_* on |value|', () => {
    const cases: Array<[Comparator, MetricValue, MetricValue, boolean]> = [
      ['gt', 5, 5, false],
      ['gt', 6, 5, true],
      ['gte', 5, 5, true],
      ['lt', 4, 5, true],
      ['lt', 5, 5, false],
      ['lte', 5, 5, true],
      ['eq', '5.00', 5, true],
      ['eq', 4, 5, false],
      ['ne', 4, 5, true],
      ['ne', new Decimal(5), '5', false],
      ['abs_gt', -6, 5, true],
      ['abs_gt', -5, 5, false],
      ['abs_gte', '-5', '5', true],
      ['abs_lt', -0.5, 1, true],
      ['abs_lt', -1, 1, false],
    ]
    for (const [comparator, value, threshold, breached] of cases) {
      const manager = new GuardManager({ guards: [{ name: 'g', read: () => value, comparator, threshold }] })
      manager.evaluateSync()
      expect([comparator, value, threshold, manager.get('g')?.status]).toEqual([
        comparator,
        value,
        threshold,
        breached ? 'breached' : 'healthy',
      ])
    }
  })

  it('compares money as Decimals: a difference a float would lose still breaches', () => {
    const manager = new GuardManager({
      guards: [
        { name: 'exposure', read: () => '250.000000000000000001', comparator: 'gt', threshold: '250' },
        {
          name: 'exposure_float',
          read: () => Number('250.000000000000000001'),
          comparator: 'gt',
          threshold: 250,
        },
        { name: 'mixed', read: () => 0.1 + 0.2, comparator: 'gt', threshold: '0.3' },
      ],
    })
    manager.evaluateSync()
    expect(manager.get('exposure')?.status).toBe('breached')
    // Two numbers compare as numbers (the caller chose floats) ...
    expect(manager.get('exposure_float')?.status).toBe('healthy')
    // ... and a number against a money threshold compares by its exact decimal form.
    expect(manager.get('mixed')?.status).toBe('breached')
  })

  it('warning band for lower-bound comparators sits above the threshold', () => {
    const equity = metric(1300)
    const manager = new GuardManager({
      guards: [{ name: 'equity', read: equity.read, comparator: 'lt', threshold: 1000, warningRatio: 0.8 }],
    })
    const seen: string[] = []
    for (const v of [1300, 1199, 999]) {
      equity.value = v
      manager.evaluateSync()
      seen.push(manager.get('equity')!.status)
    }
    expect(seen).toEqual(['healthy', 'warning', 'breached'])
  })

  it('uses custom templates with context keys, and function messages', async () => {
    const manager = new GuardManager({
      guards: [
        {
          name: 'spread',
          read: () => 42,
          comparator: 'gte',
          threshold: 30,
          units: 'bps',
          context: { symbol: 'BTC-USD' },
          message: '{symbol}: {label} {value}{units} ≥ {threshold}{units} ({severity}, {unknown})',
        },
        {
          name: 'fn',
          read: () => 2,
          comparator: 'gt',
          threshold: 1,
          message: (c) => `${c.name}=${c.value}/${c.verb}`,
        },
      ],
    })
    const messages: string[] = []
    manager.on('breach', (e) => messages.push(e.message))
    await manager.evaluate()
    expect(messages).toEqual(['BTC-USD: spread 42 bps ≥ 30 bps (critical, {unknown})', 'fn=2/exceeded'])
  })
})

describe('GuardManager: failures', () => {
  it('counts a throwing metric read as a recoverable failure while the other guards keep evaluating', async () => {
    const metrics: string[] = []
    const manager = new GuardManager({
      clock: manualClock(),
      metrics: { increment: (name) => metrics.push(name) },
      guards: [
        { name: 'before', read: () => 1, comparator: 'gt', threshold: 0 },
        {
          name: 'broken',
          read: () => {
            throw new Error('positions endpoint unreachable')
          },
          comparator: 'gt',
          threshold: 0,
        },
        {
          name: 'broken_async',
          read: async () => Promise.reject(new Error('timeout')),
          comparator: 'gt',
          threshold: 0,
        },
        { name: 'after', read: async () => 5, comparator: 'lt', threshold: 10 },
      ],
    })
    const events = recordEvents(manager)
    await expect(manager.evaluate()).resolves.toHaveLength(4)
    expect(manager.get('before')?.status).toBe('breached')
    expect(manager.get('after')?.status).toBe('breached')
    expect(manager.get('broken')?.status).toBe('healthy')
    const failures = events.filter(([name]) => name === 'failure').map(([, e]) => e as GuardFailureEvent)
    expect(failures.map((f) => [f.guard, f.recoverable, f.error.code])).toEqual([
      ['broken', true, 'GUARD_DATA_UNAVAILABLE'],
      ['broken_async', true, 'GUARD_DATA_UNAVAILABLE'],
    ])
    expect(failures[0]!.error.message).toMatchInlineSnapshot(`
      "guard "broken": metric unavailable

      Details: positions endpoint unreachable"
    `)
    expect(isRecoverableGuardError(manager.get('broken')?.lastError)).toBe(true)
    expect(manager.counters()).toMatchObject({
      'risk.guards.broken.recoverable_failures': 1,
      'risk.guards.broken_async.recoverable_failures': 1,
      'risk.guards.before.critical_failures': 1,
      'risk.guards.after.critical_failures': 1,
    })
    expect(metrics.sort()).toEqual([
      'risk.guards.after.critical_failures',
      'risk.guards.before.critical_failures',
      'risk.guards.broken.recoverable_failures',
      'risk.guards.broken_async.recoverable_failures',
    ])
    // The sync path keeps going past a throwing read as well.
    manager.evaluateSync()
    expect(manager.get('broken')?.recoverableFailures).toBe(2)
    expect(manager.get('before')?.criticalFailures).toBe(2)
  })

  it('keeps credentials quoted by a failing read out of the error message', () => {
    const manager = new GuardManager({
      guards: [
        {
          name: 'balance',
          read: () => {
            throw new Error('GET /accounts failed: Authorization: Bearer eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl')
          },
          comparator: 'lt',
          threshold: '10',
        },
      ],
    })
    manager.evaluateSync()
    const error = manager.get('balance')!.lastError!
    expect(error.message).not.toContain('eyJhbGciOi')
    expect(error.message).toContain('GET /accounts failed')
  })

  it('a throwing breach listener is a critical action failure and the other guards still evaluate', () => {
    const manager = new GuardManager({
      guards: [
        { name: 'first', read: () => 2, comparator: 'gt', threshold: 1 },
        { name: 'second', read: () => 2, comparator: 'gt', threshold: 1 },
      ],
    })
    manager.on('breach', (e) => {
      if (e.guard === 'first') throw new Error('state store offline')
    })
    const failures: GuardFailureEvent[] = []
    manager.on('failure', (f) => failures.push(f))
    manager.on('failure', () => {
      throw new Error('a broken failure listener is ignored')
    })
    expect(() => manager.evaluateSync()).not.toThrow()
    expect(manager.get('second')?.status).toBe('breached')
    expect(failures.map((f) => [f.guard, f.error.name, f.recoverable])).toEqual([
      ['first', 'RiskGuardActionError', false],
    ])
    expect(manager.get('first')?.criticalFailures).toBe(2)
    expect(failures[0]!.error.message).toMatchInlineSnapshot(`
      "guard "first": breach action failed

      Details: state store offline"
    `)
  })

  it('treats NaN, Infinity, malformed strings and wrong types as critical corrupt data', () => {
    const bad: unknown[] = [Number.NaN, Number.POSITIVE_INFINITY, '1e5', 'abc', null, undefined, {}, true]
    const manager = new GuardManager({
      guards: bad.map((v, i) => ({
        name: `g${i}`,
        read: () => v as MetricValue,
        comparator: 'gt' as const,
        threshold: 1,
      })),
    })
    const failures: GuardFailureEvent[] = []
    manager.on('failure', (f) => failures.push(f))
    manager.evaluateSync()
    expect(failures.map((f) => [f.recoverable, f.error.code])).toEqual(
      bad.map(() => [false, 'GUARD_DATA_CORRUPT']),
    )
    expect(failures.map((f) => f.error.details)).toMatchInlineSnapshot(`
      [
        "expected a finite number, a Decimal or a decimal string, got NaN",
        "expected a finite number, a Decimal or a decimal string, got Infinity",
        "expected a finite number, a Decimal or a decimal string, got "1e5"",
        "expected a finite number, a Decimal or a decimal string, got "abc"",
        "expected a finite number, a Decimal or a decimal string, got null",
        "expected a finite number, a Decimal or a decimal string, got undefined",
        "expected a finite number, a Decimal or a decimal string, got object",
        "expected a finite number, a Decimal or a decimal string, got boolean",
      ]
    `)
    expect(manager.get('g0')?.criticalFailures).toBe(1)
    expect(isRiskGuardError(manager.get('g0')?.lastError)).toBe(true)
  })

  it('evaluateSync reports an async read as recoverable instead of waiting', () => {
    const manager = new GuardManager({
      guards: [{ name: 'a', read: async () => 1, comparator: 'gt', threshold: 0 }],
    })
    manager.evaluateSync()
    expect(manager.get('a')?.recoverableFailures).toBe(1)
    expect(manager.get('a')?.lastError?.details).toBe('metric read returned a Promise; use evaluate()')
  })

  it('rejects invalid guard definitions, naming each field', () => {
    let error: unknown
    try {
      new GuardManager({
        guards: [
          {
            name: 'bad name',
            read: 1 as unknown as () => number,
            comparator: 'above' as Comparator,
            threshold: 'lots',
            warningRatio: 1.5,
            cooldownMs: -1,
          },
        ],
      })
    } catch (e) {
      error = e
    }
    expect(isValidationError(error)).toBe(true)
    expect((error as Error).message).toMatchInlineSnapshot(`
      "guard "bad name": 6 validation issues

      - name: must be a non-empty string of letters, digits, _ . - (INVALID_GUARD)
      - read: must be a function (INVALID_GUARD)
      - comparator: must be one of gt, gte, lt, lte, eq, ne, abs_gt, abs_gte, abs_lt (INVALID_GUARD)
      - threshold: must be a finite number, a Decimal or a decimal string (INVALID_GUARD)
      - warningRatio: must be a number in (0, 1) (INVALID_GUARD)
      - cooldownMs: must be a number ≥ 0 (INVALID_GUARD)"
    `)
    const manager = new GuardManager({
      guards: [{ name: 'x', read: () => 1, comparator: 'gt', threshold: 1 }],
    })
    expect(() => manager.add({ name: 'x', read: () => 1, comparator: 'gt', threshold: 1 })).toThrow(
      /already exists/,
    )
    expect(() => manager.add({ name: 'y', read: () => 1, comparator: 'abs_gt', threshold: -1 })).toThrow(
      /≥ 0/,
    )
  })
})

describe('GuardManager: cooldown, disable, alerts', () => {
  it('suppresses alerts during the cooldown but still emits the events', async () => {
    const clock = manualClock()
    const sent: Alert[] = []
    const sink: AlertSink = {
      name: 'mem',
      send: async (a) => {
        sent.push(a)
        return { delivered: true }
      },
    }
    const loss = metric(300)
    const manager = new GuardManager({
      clock,
      alerts: [sink],
      guards: [{ ...dailyLossGuard(loss.read), warningRatio: undefined, cooldownMs: 60_000 }],
    })
    const breaches: GuardEvent[] = []
    manager.on('breach', (e) => breaches.push(e))
    const step = async (value: number, advance: number) => {
      clock.t += advance
      loss.value = value
      await manager.evaluate()
    }
    await step(300, 0) // breach, alerted
    await step(100, 10_000) // recover (alerted: recoveries are never cooled)
    await step(300, 10_000) // breach at +20 s: suppressed
    await step(100, 10_000)
    await step(300, 50_000) // breach at +80 s: alerted again
    await manager.flushAlerts()
    expect(breaches.map((b) => b.alerted)).toEqual([true, false, true])
    expect(sent.map((a) => `${a.kind} ${a.value}`)).toEqual([
      'breach 300.00',
      'recover 100.00',
      'recover 100.00',
      'breach 300.00',
    ])
    expect(sent[0]).toMatchObject({
      guard: 'daily_loss',
      severity: 'critical',
      threshold: '250',
      previous: 'healthy',
    })
  })

  it('skips disabled guards and reports them as disabled', () => {
    const read = vi.fn(() => 10)
    const manager = new GuardManager({
      guards: [
        { name: 'a', read, comparator: 'gt', threshold: 5, disabled: true },
        { name: 'b', read: () => 1, comparator: 'gt', threshold: 5, severity: 'warning' },
      ],
    })
    manager.evaluateSync()
    expect(read).not.toHaveBeenCalled()
    expect(manager.get('a')?.status).toBe('disabled')
    expect(manager.status()).toBe('healthy')
    manager.enable('a')
    manager.evaluateSync()
    expect(manager.get('a')?.status).toBe('breached')
    expect(manager.status()).toBe('breached')
    manager.disable('a')
    expect(manager.states().map((s) => `${s.name}:${s.status}:${s.severity}`)).toEqual([
      'a:disabled:critical',
      'b:healthy:warning',
    ])
    expect(manager.remove('a')).toBe(true)
    expect(manager.remove('a')).toBe(false)
    expect(() => manager.disable('nope')).toThrow(/no guard named "nope"/)
  })

  it('counts a failing alert sink as a recoverable telemetry failure', async () => {
    const manager = new GuardManager({
      alerts: [{ name: 'down', send: () => Promise.reject(new Error('ECONNREFUSED')) }],
      guards: [{ name: 'g', read: () => 2, comparator: 'gt', threshold: 1 }],
    })
    const failures: GuardFailureEvent[] = []
    manager.on('failure', (f) => failures.push(f))
    manager.evaluateSync()
    await manager.flushAlerts()
    expect(failures.map((f) => [f.error.name, f.error.code, f.recoverable])).toEqual([
      ['RiskGuardTelemetryError', 'GUARD_TELEMETRY_FAILED', true],
    ])
    expect(manager.get('g')?.recoverableFailures).toBe(1)
  })
})

describe('GuardManager: interval from an injected scheduler', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('evaluates on each tick of a manual scheduler and stops', async () => {
    let tick: (() => void) | undefined
    const scheduler = {
      setInterval: (cb: () => void, ms: number) => {
        expect(ms).toBe(5000)
        tick = cb
        return 1
      },
      clearInterval: vi.fn(),
    }
    const read = vi.fn(() => 1)
    const manager = new GuardManager({
      scheduler,
      intervalMs: 5000,
      guards: [{ name: 'g', read, comparator: 'gt', threshold: 5 }],
    })
    manager.start()
    manager.start()
    expect(manager.started).toBe(true)
    tick!()
    tick!() // skipped: the first run has not settled yet
    expect(read).toHaveBeenCalledTimes(1)
    await new Promise((resolve) => setImmediate(resolve))
    tick!()
    expect(read).toHaveBeenCalledTimes(2)
    manager.stop()
    expect(scheduler.clearInterval).toHaveBeenCalledWith(1)
    expect(manager.started).toBe(false)
  })

  it('skips a tick while the previous evaluation is still running (fake timers)', async () => {
    vi.useFakeTimers()
    let resolveRead: ((v: number) => void) | undefined
    const read = vi.fn(
      () =>
        new Promise<number>((r) => {
          resolveRead = r
        }),
    )
    const manager = new GuardManager({
      intervalMs: 1000,
      guards: [{ name: 'g', read, comparator: 'gt', threshold: 5 }],
    })
    manager.start()
    await vi.advanceTimersByTimeAsync(3000)
    expect(read).toHaveBeenCalledTimes(1)
    resolveRead!(7)
    await vi.advanceTimersByTimeAsync(1000)
    expect(read).toHaveBeenCalledTimes(2)
    expect(manager.get('g')?.status).toBe('breached')
    manager.stop()
    await vi.advanceTimersByTimeAsync(5000)
    expect(read).toHaveBeenCalledTimes(2)
  })
})
