import { readFileSync } from 'node:fs'
import { describe, expect, it, vi } from 'vitest'
import { defaultRiskConfig, riskErrorCodes, riskReasonCodes } from './index.js'

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')

describe('@gpt-trader/risk', () => {
  it('exports exactly this list', async () => {
    expect(Object.keys(await import('./index.js')).sort()).toMatchInlineSnapshot(`
      [
        "InMemoryMarketView",
        "InMemoryStateStore",
        "LiveRiskManager",
        "PreTradeValidator",
        "RiskError",
        "RuntimeMonitor",
        "StateManager",
        "defaultRiskConfig",
        "isRejected",
        "isRiskError",
        "isWithinTradingWindow",
        "passesProductRulesFast",
        "persistedRiskStateSchema",
        "productRuleIssues",
        "resolveRiskConfig",
        "riskConfigSchema",
        "riskErrorCodes",
        "riskReasonCodes",
        "spotTop10Preset",
        "utcDay",
      ]
    `)
  })

  it('the README example is examples/quickstart.ts, and it prints what the README shows', async () => {
    const example = readFileSync(new URL('../examples/quickstart.ts', import.meta.url), 'utf8')
    expect(readme).toContain(example.trim())
    const log = vi.spyOn(console, 'log').mockImplementation(() => {})
    try {
      const { risk } = await import('../examples/quickstart.js')
      expect(risk.tradingState).toBe('ACTIVE')
      const printed = log.mock.calls.map((args) => args.join(' ')).join('\n')
      const output = /```text\n([\s\S]*?)```/.exec(readme)?.[1]
      expect(output?.trim()).toBe(printed)
      expect(printed).toContain('SYMBOL_NOTIONAL_CAP')
    } finally {
      log.mockRestore()
    }
  })

  it('the README documents every reason code, error code and config field', () => {
    for (const code of Object.keys(riskReasonCodes)) expect(readme).toContain(`| \`${code}\` |`)
    for (const code of Object.keys(riskErrorCodes)) expect(readme).toContain(`| \`${code}\` |`)
    for (const [key, value] of Object.entries(defaultRiskConfig)) {
      if (typeof value === 'object' && value !== null && !('toFixed' in value) && key !== 'perSymbolCaps') {
        for (const inner of Object.keys(value))
          expect(readme).toMatch(new RegExp(`${key}\\.${inner}|\\.${inner}\``))
      } else {
        expect(readme).toContain(`| \`${key}\` |`)
      }
    }
  })
})
