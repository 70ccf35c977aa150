import { describe, expect, it } from 'vitest'

describe('@gpt-trader/bot exports', () => {
  it('names every public export', async () => {
    expect(Object.keys(await import('./index.js')).sort()).toMatchInlineSnapshot(`
      [
        "ApplicationContainer",
        "BotError",
        "BotMetrics",
        "ClientMarketData",
        "CoordinatorRegistry",
        "RunStats",
        "SCHEMA_VERSION",
        "SqliteStore",
        "TelemetryServer",
        "botConfigSchema",
        "botErrorCodes",
        "botRiskGate",
        "createLogger",
        "defaultConfigDir",
        "formatSummary",
        "isBotError",
        "isLoopbackHost",
        "loadConfig",
        "main",
        "profileNames",
        "resolveCredentials",
        "runBot",
        "writeJsonAtomic",
      ]
    `)
  })
})
