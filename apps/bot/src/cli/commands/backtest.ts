import { writeFileSync } from 'node:fs'
import { loadBars, renderHtmlReport, runBacktest } from '@gpt-trader/backtest'
import { MomentumStrategy, MovingAverageCrossStrategy, type Strategy } from '@gpt-trader/live-trade'
import { BotError } from '../../BotError.js'
import type { LoadedConfig } from '../../config/loadConfig.js'
import { riskInputFor } from '../../config/riskInputFor.js'
import type { CliIo } from '../main.js'

/** Options of the `backtest` command. */
export interface BacktestCommandOptions {
  data: string
  strategy?: string | undefined
  report?: string | undefined
  symbol?: string | undefined
  json: boolean
}

/**
 * `coinbase-trader backtest --data FILE`: replays a candle or trade file through the same strategy,
 * sizing, risk and execution code as `run` (`@gpt-trader/backtest`), with the profile's strategy,
 * sizing and risk settings. Prints the metrics; `--report` writes the HTML report.
 */
export async function runBacktestCommand(
  loaded: LoadedConfig,
  options: BacktestCommandOptions,
  io: CliIo,
): Promise<number> {
  const { config } = loaded
  const name = options.strategy ?? config.strategy.name
  let strategy: Strategy
  if (name === 'momentum') strategy = new MomentumStrategy()
  else if (name === 'ma-cross') {
    strategy = new MovingAverageCrossStrategy({
      shortPeriod: config.strategy.shortPeriod,
      longPeriod: config.strategy.longPeriod,
      trailingStop: config.strategy.trailingStop,
    })
  } else {
    throw new BotError(`--strategy: expected ma-cross or momentum, got ${JSON.stringify(name)}`, {
      code: 'USAGE',
    })
  }
  const series = await loadBars(options.data, options.symbol === undefined ? {} : { symbol: options.symbol })
  const result = await runBacktest({
    data: series,
    strategy,
    sizing: {
      winRate: config.sizing.winRate,
      avgWin: config.sizing.avgWin,
      avgLoss: config.sizing.avgLoss,
      ...(config.sizing.maxNotional === undefined ? {} : { maxNotional: config.sizing.maxNotional }),
    },
    risk: riskInputFor(config),
    // Coinbase Advanced Trade's entry tier (the sim's defaults too).
    fees: { maker: '0.004', taker: '0.006' },
    orderType: config.orders.type,
    seed: config.sim.seed,
  })
  if (options.report !== undefined) writeFileSync(options.report, renderHtmlReport(result))
  const m = result.metrics
  if (options.json) {
    io.stdout.write(
      `${JSON.stringify({ symbol: result.symbol, strategy: strategy.name, fingerprint: result.fingerprint, metrics: m, report: options.report })}\n`,
    )
  } else {
    const rows: [string, string][] = [
      ['symbol', result.symbol],
      ['strategy', strategy.name],
      ['bars', String(m.bars)],
      ['period', `${new Date(m.start).toISOString()} → ${new Date(m.end).toISOString()}`],
      ['initial cash', m.initialCash],
      ['final equity', m.finalEquity],
      ['total return', m.totalReturn],
      ['max drawdown', m.maxDrawdown.toFixed(4)],
      ['sharpe', m.sharpe.toFixed(2)],
      ['trades / fills', `${m.trades} / ${m.fills}`],
      ['win rate', m.winRate === null ? '–' : m.winRate.toFixed(3)],
      ['fees paid', m.feesPaid],
      ['fingerprint', result.fingerprint.slice(0, 16)],
    ]
    if (options.report !== undefined) rows.push(['report', options.report])
    const width = Math.max(...rows.map(([k]) => k.length))
    io.stdout.write(`${rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n')}\n`)
  }
  return 0
}
