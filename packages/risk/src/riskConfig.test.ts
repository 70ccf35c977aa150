import { isValidationError, ValidationError } from '@gpt-trader/validation'
import { describe, expect, it } from 'vitest'
import { defaultRiskConfig, resolveRiskConfig, riskConfigSchema, spotTop10Preset } from './riskConfig.js'

/** JSON view of the config; Decimals print as their decimal strings. */
function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value))
}

function issues(input: unknown): string[] {
  try {
    resolveRiskConfig(input)
  } catch (error) {
    if (!isValidationError(error)) throw error
    return error.issues.map((i) => `${i.path.join('.')}: ${i.code}`)
  }
  return []
}

describe('RiskConfig', () => {
  it('has the seed defaults', () => {
    expect(plain(defaultRiskConfig)).toMatchInlineSnapshot(`
      {
        "bookStalenessMs": 30000,
        "consecutiveLosses": {
          "action": "cooldown",
          "cooldownMs": 1800000,
          "max": 5,
        },
        "correlation": {
          "maxGroupExposurePct": "0.4",
          "threshold": 0.7,
        },
        "dailyLossLimit": "250",
        "derivativesEnabled": false,
        "errorRate": {
          "action": "halt",
          "cooldownMs": 1800000,
          "minCount": 10,
          "threshold": 0.5,
          "window": 20,
        },
        "liquidationBufferPct": "0.15",
        "liquidity": {
          "maxSpreadBps": "50",
          "minDepth": "5000",
        },
        "markStalenessMs": 30000,
        "maxDrawdownPct": "0.1",
        "maxImpactBps": "50",
        "maxLeverage": "1",
        "maxOpenOrdersPerSymbol": 5,
        "maxSymbolExposurePct": "0.18",
        "maxTotalExposurePct": "0.6",
        "perSymbolCaps": {},
        "slippageGuardBps": "60",
        "tradingWindow": null,
        "volatility": {
          "cooldownMs": 1200000,
          "halt": 0.28,
          "periodsPerYear": 365,
          "reduceOnly": 0.22,
          "warn": 0.18,
          "window": 20,
        },
      }
    `)
  })

  it('spot_top10 adds the ten USD caps', () => {
    const config = resolveRiskConfig({}, { preset: 'spot_top10' })
    expect(
      Object.fromEntries(Object.entries(config.perSymbolCaps).map(([k, v]) => [k, v.toFixed()])),
    ).toEqual({
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
    })
    expect(config.maxLeverage.toFixed()).toBe('1')
    expect(config.dailyLossLimit.toFixed()).toBe('250')
    expect(Object.isFrozen(spotTop10Preset)).toBe(true)
  })

  it('overrides any field, merging nested objects over the preset', () => {
    const config = resolveRiskConfig(
      {
        dailyLossLimit: '10',
        maxSymbolExposurePct: '25%',
        markStalenessMs: '10s',
        perSymbolCaps: { 'BTC-USD': 500, 'DOT-USD': '300' },
        volatility: { halt: 0.5 },
        tradingWindow: { start: '14:00', end: '15:00' },
      },
      { preset: 'spot_top10' },
    )
    expect(config.dailyLossLimit.toFixed()).toBe('10')
    expect(config.maxSymbolExposurePct.toFixed()).toBe('0.25')
    expect(config.markStalenessMs).toBe(10_000)
    expect(config.perSymbolCaps['BTC-USD']?.toFixed()).toBe('500')
    expect(config.perSymbolCaps['DOT-USD']?.toFixed()).toBe('300')
    expect(config.perSymbolCaps['ETH-USD']?.toFixed()).toBe('6000')
    expect(config.volatility).toMatchObject({ warn: 0.18, reduceOnly: 0.22, halt: 0.5 })
    expect(config.tradingWindow).toEqual({ start: 840, end: 900 })
  })

  it.each([
    [{ perSymbolCaps: { 'BTC-USD': '-1' } }, ['perSymbolCaps.BTC-USD: OUT_OF_RANGE']],
    [{ perSymbolCaps: { 'BTC-USD': 'ten' } }, ['perSymbolCaps.BTC-USD: INVALID_DECIMAL']],
    [{ perSymbolCaps: { btcusd: '1' } }, ['perSymbolCaps.btcusd: INVALID_VALUE']],
    [{ dailyLossLimit: '0' }, ['dailyLossLimit: OUT_OF_RANGE']],
    [{ maxLeverage: '0.5' }, ['maxLeverage: OUT_OF_RANGE']],
    [{ maxDrawdownPct: '150%' }, ['maxDrawdownPct: OUT_OF_RANGE']],
    [{ markStalenessMs: 'soon' }, ['markStalenessMs: INVALID_VALUE']],
    [{ maxOpenOrdersPerSymbol: 0 }, ['maxOpenOrdersPerSymbol: INVALID_VALUE']],
    [{ volatility: { warn: 0.3 } }, ['volatility.reduceOnly: OUT_OF_RANGE']],
    [{ tradingWindow: { start: '25:00', end: '15:00' } }, ['tradingWindow.start: INVALID_VALUE']],
    [{ errorRate: { action: 'panic' } }, ['errorRate.action: INVALID_VALUE']],
    [{ dailyLosLimit: '10' }, [': INVALID_VALUE']],
    ['nope', [': INVALID_TYPE']],
  ])('rejects %j naming the key', (input, expected) => {
    expect(issues(input)).toEqual(expected)
  })

  it('pins the error message', () => {
    let error: unknown
    try {
      resolveRiskConfig({ perSymbolCaps: { 'BTC-USD': '-5' }, dailyLossLimit: 'abc' })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as Error).message).toMatchInlineSnapshot(`
      "risk config: 2 validation issues

      - dailyLossLimit: expected a decimal like "12.34" (INVALID_DECIMAL)
      - perSymbolCaps.BTC-USD: must be ≥ 0, got -5 (OUT_OF_RANGE)"
    `)
  })

  it('rejects an unknown preset', () => {
    expect(() => resolveRiskConfig({}, { preset: 'yolo' as 'default' })).toThrowError(/unknown preset "yolo"/)
  })
})

describe('riskConfigSchema()', () => {
  it('builds a fresh schema per call (nothing keeps ~1 MB of zod objects alive) that parses like resolveRiskConfig', () => {
    const a = riskConfigSchema()
    expect(a).not.toBe(riskConfigSchema())
    const parsed = a.parse({ dailyLossLimit: '10', maxSymbolExposurePct: '18%' })
    expect(parsed.dailyLossLimit.toFixed()).toBe('10')
    expect(parsed.maxSymbolExposurePct.toFixed()).toBe('0.18')
    expect(parsed).toEqual(resolveRiskConfig({ dailyLossLimit: '10', maxSymbolExposurePct: '18%' }))
    expect(a.safeParse({ dailyLossLimit: '-1' }).success).toBe(false)
  })
})
