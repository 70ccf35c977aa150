import { describe, expect, it } from 'vitest'
import {
  type BreakerState,
  ConsecutiveFailureBreaker,
  isCircuitOpenError,
} from './ConsecutiveFailureBreaker.js'

function setup(successesToClose = 2) {
  const clock = { t: 0, now: () => clock.t }
  const breaker = new ConsecutiveFailureBreaker({
    name: 'orders',
    failureThreshold: 3,
    cooldownMs: 30_000,
    successesToClose,
    clock,
  })
  const changes: string[] = []
  breaker.on('stateChange', (e) => changes.push(`${e.from}→${e.to}@${e.at}`))
  return { clock, breaker, changes }
}

describe('ConsecutiveFailureBreaker', () => {
  it('opens after N consecutive failures; a success resets the count', () => {
    const { breaker } = setup()
    breaker.recordFailure()
    breaker.recordFailure()
    breaker.recordSuccess()
    breaker.recordFailure()
    breaker.recordFailure()
    expect(breaker.state).toBe('closed')
    expect(breaker.consecutiveFailures).toBe(2)
    breaker.recordFailure()
    expect(breaker.state).toBe('open')
    expect(breaker.allow()).toBe(false)
  })

  it('goes half-open after the cooldown, closes after enough successes, re-opens on a trial failure', () => {
    const { clock, breaker, changes } = setup()
    for (let i = 0; i < 3; i++) breaker.recordFailure()
    clock.t = 29_999
    expect(breaker.state).toBe('open')
    clock.t = 30_000
    expect(breaker.state).toBe('half_open')
    breaker.recordFailure()
    expect(breaker.state).toBe('open')
    clock.t = 60_000
    const seen: BreakerState[] = []
    breaker.recordSuccess()
    seen.push(breaker.state)
    breaker.recordSuccess()
    seen.push(breaker.state)
    expect(seen).toEqual(['half_open', 'closed'])
    expect(changes).toEqual([
      'closed→open@0',
      'open→half_open@30000',
      'half_open→open@30000',
      'open→half_open@60000',
      'half_open→closed@60000',
    ])
  })

  it('execute() refuses calls while open with a CircuitOpenError', async () => {
    const { clock, breaker } = setup(1)
    const fail = () => Promise.reject(new Error('502'))
    for (let i = 0; i < 3; i++) await expect(breaker.execute(fail)).rejects.toThrow('502')
    const error = await breaker.execute(() => 'never').catch((e: unknown) => e)
    expect(isCircuitOpenError(error)).toBe(true)
    expect((error as Error).message).toMatchInlineSnapshot(`
      "circuit "orders" is open

      Details: retry after 1970-01-01T00:00:30.000Z"
    `)
    clock.t = 30_000
    await expect(breaker.execute(() => 'ok')).resolves.toBe('ok')
    expect(breaker.state).toBe('closed')
    breaker.reset()
    expect(breaker.state).toBe('closed')
  })

  it('validates its options', () => {
    expect(() => new ConsecutiveFailureBreaker({ name: 'x', failureThreshold: 0, cooldownMs: -1 })).toThrow(
      /failureThreshold/,
    )
  })
})
