import { mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { MovingAverageCrossStrategy } from '@gpt-trader/live-trade'
import { dataPath } from '@gpt-trader/test-utils'
import { chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadBars } from '../data/loadBars.js'
import { type BacktestResult, runBacktest } from '../runBacktest.js'
import { equityToCsv, fillsToCsv, tradesToCsv } from './csv.js'
import { renderHtmlReport } from './renderHtmlReport.js'
import { writeReport } from './writeReport.js'

let result: BacktestResult
let dir: string

beforeAll(async () => {
  const series = await loadBars(dataPath('candles/coinbase_BTC-USD_1h_2017-07_2020-10_cdd.csv'))
  result = await runBacktest({
    data: series,
    strategy: new MovingAverageCrossStrategy({ shortPeriod: 10, longPeriod: 40, trailingStop: 0.05 }),
    fees: { taker: '0.006', maker: '0.004' },
  })
  dir = await mkdtemp(join(tmpdir(), 'gpt-trader-backtest-report-'))
}, 60_000)

afterAll(async () => {
  // The screenshot stays for inspection when GPT_TRADER_KEEP_REPORT is set.
  if (dir && !process.env.GPT_TRADER_KEEP_REPORT) await rm(dir, { recursive: true, force: true })
})

describe('report', () => {
  it('is self-contained: no external resource of any kind', () => {
    const html = renderHtmlReport(result, { title: 'MA 10/40 <BTC>' })
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|https?:\/\/(?!www\.w3\.org\/2000\/svg)/)
    expect(html).toContain('<title>MA 10/40 &#60;BTC&#62;</title>')
    expect(html).toContain(result.fingerprint)
    expect(html).toContain('<svg id="equity-chart"')
    expect(html).toContain('<svg id="drawdown-chart"')
  })

  it('CSV files have one row per fill, trip and bar, with exact money', () => {
    const fills = fillsToCsv(result).trimEnd().split('\n')
    expect(fills[0]).toBe('time,symbol,side,price,size,fee,liquidity,trade_id,client_order_id')
    expect(fills).toHaveLength(result.fills.length + 1)
    expect(fills[1]!.split(',')[3]).toBe(result.fills[0]!.price.toFixed())
    expect(tradesToCsv(result).trimEnd().split('\n')).toHaveLength(result.trips.length + 1)
    const equity = equityToCsv(result).trimEnd().split('\n')
    expect(equity).toHaveLength(result.curve.equity.length + 1)
    expect(equity[0]).toBe('time,equity,drawdown,in_position')
  })

  it('opens in headless Chromium with both charts drawn and no console error; screenshot saved', async () => {
    const files = await writeReport(result, dir, { title: 'MA 10/40 on Coinbase BTC-USD 1h (2017-2020)' })
    expect((await readFile(files.trades, 'utf8')).startsWith('symbol,direction')).toBe(true)
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox'],
    })
    try {
      const page = await browser.newPage({ viewport: { width: 1040, height: 900 } })
      const errors: string[] = []
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text())
      })
      page.on('pageerror', (e) => errors.push(e.message))
      const requests: string[] = []
      page.on('request', (r) => requests.push(r.url()))
      await page.goto(pathToFileURL(files.html).href)
      const equity = page.locator('#equity-chart path.series')
      const d = (await equity.getAttribute('d')) ?? ''
      expect(d.startsWith('M')).toBe(true)
      expect(d.split('L').length).toBeGreaterThan(500)
      const box = await page.locator('#equity-chart').boundingBox()
      expect(box?.width).toBeGreaterThan(900)
      const pathBox = await equity.boundingBox()
      expect(pathBox?.height).toBeGreaterThan(50)
      const dd = (await page.locator('#drawdown-chart path.series').getAttribute('d')) ?? ''
      expect(dd.split('L').length).toBeGreaterThan(500)
      expect(await page.locator('#trades tbody tr').count()).toBe(Math.min(500, result.trips.length))
      const shot = join(dir, 'report.png')
      await page.screenshot({ path: shot, fullPage: false })
      expect((await stat(shot)).size).toBeGreaterThan(10_000)
      expect(errors).toEqual([])
      expect(requests).toEqual([pathToFileURL(files.html).href])
    } finally {
      await browser.close()
    }
  }, 90_000)
})
