import { readFileSync } from 'node:fs'
import { describe, expect, it, vi } from 'vitest'

describe('@gpt-trader/guards', () => {
  it('exports exactly this list', async () => {
    expect(Object.keys(await import('./index.js')).sort()).toMatchInlineSnapshot(`
      [
        "AlertDeliveryError",
        "CircuitOpenError",
        "ConsecutiveFailureBreaker",
        "GuardManager",
        "RiskGuardActionError",
        "RiskGuardComputationError",
        "RiskGuardDataCorruptError",
        "RiskGuardDataUnavailableError",
        "RiskGuardError",
        "RiskGuardLimitExceededError",
        "RiskGuardTelemetryError",
        "RollingWindowRate",
        "StalenessDetector",
        "VolatilitySpikeDetector",
        "compareMetric",
        "createLogSink",
        "createWebhookSink",
        "formatGuardMessage",
        "guardCodes",
        "isAlertDeliveryError",
        "isCircuitOpenError",
        "isRecoverableGuardError",
        "isRiskGuardError",
        "slackAlertBody",
        "systemClock",
        "systemScheduler",
      ]
    `)
  })

  it('the README example is examples/quickstart.ts, and it prints what the README shows', async () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')
    const example = readFileSync(new URL('../examples/quickstart.ts', import.meta.url), 'utf8')
    expect(readme).toContain(example.trim())
    const log = vi.spyOn(console, 'log').mockImplementation(() => {})
    try {
      const { manager } = await import('../examples/quickstart.js')
      expect(manager.get('daily_loss')?.status).toBe('healthy')
      const printed = log.mock.calls.map((args) => args.join(' ')).join('\n')
      const output = /```text\n([\s\S]*?)```/.exec(readme)?.[1]
      expect(output?.trim()).toBe(printed)
      expect(printed).toContain('daily loss exceeded 250 USD (current: 263.10 USD)')
    } finally {
      log.mockRestore()
    }
  })
})
