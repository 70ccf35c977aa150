import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { BacktestResult } from '../runBacktest.js'
import { equityToCsv, fillsToCsv, tradesToCsv } from './csv.js'
import { type HtmlReportOptions, renderHtmlReport } from './renderHtmlReport.js'

/** Paths written by {@link writeReport}. */
export interface ReportFiles {
  html: string
  trades: string
  fills: string
  equity: string
}

/**
 * Writes `report.html` (self-contained), `trades.csv`, `fills.csv` and `equity.csv` into `dir`
 * (created if missing) and returns their paths.
 *
 * @example
 * const files = await writeReport(result, 'var/backtest/ma-5-20')
 */
export async function writeReport(
  result: BacktestResult,
  dir: string,
  options: HtmlReportOptions = {},
): Promise<ReportFiles> {
  await mkdir(dir, { recursive: true })
  const files: ReportFiles = {
    html: join(dir, 'report.html'),
    trades: join(dir, 'trades.csv'),
    fills: join(dir, 'fills.csv'),
    equity: join(dir, 'equity.csv'),
  }
  await Promise.all([
    writeFile(files.html, renderHtmlReport(result, options)),
    writeFile(files.trades, tradesToCsv(result)),
    writeFile(files.fills, fillsToCsv(result)),
    writeFile(files.equity, equityToCsv(result)),
  ])
  return files
}
