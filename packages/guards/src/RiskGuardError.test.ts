import { describe, expect, it } from 'vitest'
import {
  isRecoverableGuardError,
  isRiskGuardError,
  RiskGuardActionError,
  RiskGuardComputationError,
  RiskGuardDataCorruptError,
  RiskGuardDataUnavailableError,
  RiskGuardLimitExceededError,
  RiskGuardTelemetryError,
} from './RiskGuardError.js'

describe('RiskGuardError family', () => {
  it('splits recoverable from critical and carries guard, value and threshold', () => {
    const opts = { guard: 'daily_loss', value: '263.10', threshold: '250' }
    const all = [
      new RiskGuardDataUnavailableError(opts),
      new RiskGuardTelemetryError(opts),
      new RiskGuardLimitExceededError('daily loss exceeded 250 USD (current: 263.10 USD)', opts),
      new RiskGuardComputationError(opts),
      new RiskGuardDataCorruptError(opts),
      new RiskGuardActionError({ ...opts, cause: new Error('store offline') }),
    ]
    expect(all.map((e) => [e.name, e.code, e.recoverable])).toEqual([
      ['RiskGuardDataUnavailableError', 'GUARD_DATA_UNAVAILABLE', true],
      ['RiskGuardTelemetryError', 'GUARD_TELEMETRY_FAILED', true],
      ['RiskGuardLimitExceededError', 'GUARD_LIMIT_EXCEEDED', false],
      ['RiskGuardComputationError', 'GUARD_COMPUTATION_FAILED', false],
      ['RiskGuardDataCorruptError', 'GUARD_DATA_CORRUPT', false],
      ['RiskGuardActionError', 'GUARD_ACTION_FAILED', false],
    ])
    expect(all.every((e) => e.guard === 'daily_loss' && e.value === '263.10' && e.threshold === '250')).toBe(
      true,
    )
    expect(all.filter(isRecoverableGuardError)).toHaveLength(2)
    expect(all[5]!.message).toMatchInlineSnapshot(`
      "guard "daily_loss": breach action failed

      Details: store offline"
    `)
    expect((all[5]!.walk() as Error).message).toBe('store offline')
  })

  it('recognises a copy from another installed version by shape', () => {
    const foreign = Object.assign(new Error('x'), {
      name: 'RiskGuardLimitExceededError',
      recoverable: false,
      guard: 'g',
    })
    expect(isRiskGuardError(foreign)).toBe(true)
    expect(isRiskGuardError(new Error('x'))).toBe(false)
    expect(isRecoverableGuardError(foreign)).toBe(false)
  })
})
