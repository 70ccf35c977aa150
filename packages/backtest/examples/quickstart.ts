// Quick start: load a real Coinbase 1m file, run the MA-crossover strategy with Coinbase-like fees,
// print the metrics, and write the HTML report with its CSVs.
// Run: pnpm --filter @gpt-trader/backtest example [data file] [output dir]

import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { formatDataQualityReport, loadBars, runBacktest, writeReport } from '@gpt-trader/backtest'
import { MovingAverageCrossStrategy } from '@gpt-trader/live-trade'

export async function quickstart(file: string, outDir: string) {
  const series = await loadBars(file)
  const result = await runBacktest({
    data: series,
    strategy: new MovingAverageCrossStrategy({ shortPeriod: 5, longPeriod: 20 }),
    fees: { maker: '0.004', taker: '0.006' },
    slippage: { bps: '1' },
    latency: { ms: 250 },
    initialCash: '10000',
    seed: 42,
  })
  const files = await writeReport(result, outDir, { title: 'MA 5/20 on BTC-USD 1m' })
  return { series, result, files }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file =
    process.argv[2] ?? '../../../shared/data/candles/coinbase_BTC-USD_1m_2020-11-22_2020-12-12_cdd.csv'
  const out = process.argv[3] ?? join(tmpdir(), 'gpt-trader-backtest-quickstart')
  const { series, result, files } = await quickstart(file, out)
  console.log(formatDataQualityReport(series.report))
  console.log(result.metrics)
  console.log(`fingerprint ${result.fingerprint}`)
  console.log(`report: ${files.html}`)
}
