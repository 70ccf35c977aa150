import { describe, expect, it } from 'vitest'
import { createLogSink } from './createLogSink.js'
import { GuardManager } from './GuardManager.js'

describe('createLogSink', () => {
  it('logs breaches at error, warnings at warn, recoveries at info', async () => {
    const lines: string[] = []
    const logger = {
      info: (f: Record<string, unknown>, m: string) => lines.push(`info ${f.guard} ${m}`),
      warn: (f: Record<string, unknown>, m: string) => lines.push(`warn ${f.guard} ${m}`),
      error: (f: Record<string, unknown>, m: string) => lines.push(`error ${f.guard} ${f.value} ${m}`),
    }
    let value = 190
    const manager = new GuardManager({
      alerts: [createLogSink(logger)],
      guards: [
        {
          name: 'loss',
          read: () => value,
          comparator: 'gt',
          threshold: 200,
          warningRatio: 0.9,
          units: 'USD',
        },
        { name: 'lag', read: () => value, comparator: 'gt', threshold: 200, severity: 'warning' },
      ],
    })
    for (const v of [190, 250, 100]) {
      value = v
      manager.evaluateSync()
    }
    await manager.flushAlerts()
    expect(lines).toMatchInlineSnapshot(`
      [
        "warn loss loss close to 200 USD (current: 190 USD)",
        "error loss 250 loss exceeded 200 USD (current: 250 USD)",
        "warn lag lag exceeded 200 (current: 250)",
        "info loss loss back within 200 USD (current: 100 USD)",
        "info lag lag back within 200 (current: 100)",
      ]
    `)
  })
})
