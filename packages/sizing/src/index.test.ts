import { readFileSync } from 'node:fs'
import { describe, expect, it, vi } from 'vitest'

describe('@gpt-trader/sizing', () => {
  it('exports exactly this list', async () => {
    expect(Object.keys(await import('./index.js')).sort()).toMatchInlineSnapshot(`
      [
        "calculatePositionSize",
        "confidenceMultiplier",
        "createPositionSizer",
        "defaultRegimeMultipliers",
        "defaultSizingConfig",
        "kellyFraction",
        "percentile",
        "realizedVolatility",
        "rollingVolatility",
        "sizingCodes",
        "summarizePositionSize",
      ]
    `)
  })

  it('the README example is the file examples/quickstart.ts, and it runs with the numbers it prints', async () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')
    const example = readFileSync(new URL('../examples/quickstart.ts', import.meta.url), 'utf8')
    expect(readme).toContain(example.trim())
    const log = vi.spyOn(console, 'log').mockImplementation(() => {})
    try {
      const { result } = await import('../examples/quickstart.js')
      expect(result.quantity.toString()).toBe('0.02')
      expect(log.mock.calls.slice(0, 2)).toEqual([['0.02'], ['1000']])
      expect(log.mock.calls.length).toBe(2 + result.adjustments.length)
      const printed = log.mock.calls.map((args) => args.join(' ')).join('\n')
      const output = /```text\n([\s\S]*?)```/.exec(readme)?.[1]
      expect(output?.trim()).toBe(printed)
    } finally {
      log.mockRestore()
    }
  })
})
