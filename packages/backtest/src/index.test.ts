import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { dataPath } from '@gpt-trader/test-utils'
import { describe, expect, it } from 'vitest'
import { quickstart } from '../examples/quickstart.js'
import { BacktestError, isBacktestError } from './BacktestError.js'
import { backtestErrorCodes } from './codes.js'

describe('@gpt-trader/backtest', () => {
  it('exports exactly this list', async () => {
    expect(Object.keys(await import('./index.js')).sort()).toMatchInlineSnapshot(`
      [
        "BacktestError",
        "BacktestStore",
        "BuyAndHoldStrategy",
        "SimulatedBroker",
        "aggregateTrades",
        "allInSizing",
        "backtestErrorCodes",
        "coinbaseAdvancedFeeTiers",
        "computeMetrics",
        "equityToCsv",
        "fillsToCsv",
        "fingerprintFills",
        "formatCandlesCsv",
        "formatDataQualityReport",
        "gridParams",
        "isBacktestError",
        "isCleanReport",
        "loadBars",
        "makeBar",
        "parseCandlesCsv",
        "parseCandlesJson",
        "parseTime",
        "parseTrades",
        "randomParams",
        "renderHtmlReport",
        "roundTrips",
        "runBacktest",
        "runSweep",
        "seededRandom",
        "tradesToCsv",
        "writeReport",
      ]
    `)
  })

  it('error codes are stable', () => {
    expect(Object.keys(backtestErrorCodes)).toMatchInlineSnapshot(`
      [
        "DATA_FORMAT_UNKNOWN",
        "DATA_EMPTY",
        "INVALID_OPTIONS",
        "SWEEP_FAILED",
        "EVENTS_NOT_KEPT",
      ]
    `)
  })

  it('isBacktestError checks the name as well as instanceof', () => {
    const error = new BacktestError('No bars to run on.', 'DATA_EMPTY')
    expect(isBacktestError(error)).toBe(true)
    expect(error.walk()).toBe(error)
    const lookalike = Object.assign(new Error('x'), {
      name: 'BacktestError',
      code: 'DATA_EMPTY',
      walk: () => null,
    })
    expect(isBacktestError(lookalike)).toBe(true)
    expect(isBacktestError(new Error('x'))).toBe(false)
  })

  it('the README example is examples/quickstart.ts verbatim', async () => {
    const example = await readFile(new URL('../examples/quickstart.ts', import.meta.url), 'utf8')
    const start = example.indexOf('import { tmpdir }')
    const end = example.indexOf('\n}\n', example.indexOf('export async function quickstart')) + 3
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8')
    expect(start).toBeGreaterThanOrEqual(0)
    expect(readme).toContain(example.slice(start, end))
  })

  it('the README quick start runs (examples/quickstart.ts)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gpt-trader-quickstart-'))
    try {
      const { series, result, files } = await quickstart(
        dataPath('candles/coinbase_BTC-USD_1m_2020-11-22_2020-12-12_cdd.csv'),
        dir,
      )
      expect(series.report.gaps).toHaveLength(1)
      expect(result.metrics.bars).toBe(27_950)
      expect(result.metrics.fills).toBeGreaterThan(100)
      expect(result.fingerprint).toMatch(/^[0-9a-f]{64}$/)
      expect(files.html.endsWith('report.html')).toBe(true)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  }, 60_000)
})
