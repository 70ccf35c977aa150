import { type RankMetric, runSweep } from '@gpt-trader/backtest'
import { BotError } from '../../BotError.js'
import type { LoadedConfig } from '../../config/loadConfig.js'
import { riskInputFor } from '../../config/riskInputFor.js'
import type { CliIo } from '../main.js'

const RANKS: readonly RankMetric[] = [
  'totalReturn',
  'cagr',
  'sharpe',
  'sortino',
  'maxDrawdown',
  'winRate',
  'profitFactor',
  'exposure',
]

/** Options of the `sweep` command. */
export interface SweepCommandOptions {
  data: string
  strategy: string
  grid: readonly string[]
  rank: string
  workers?: string | undefined
  top: string
  json: boolean
}

/** Parses `--grid key=v1,v2` entries into a grid (numbers where they parse). */
export function parseGrid(entries: readonly string[]): Record<string, (number | string | boolean)[]> {
  const grid: Record<string, (number | string | boolean)[]> = {}
  for (const entry of entries) {
    const match = /^([A-Za-z_][\w]*)=(.+)$/.exec(entry.trim())
    if (!match)
      throw new BotError(`--grid: expected key=v1,v2,…, got ${JSON.stringify(entry)}`, { code: 'USAGE' })
    const [, key, list] = match as unknown as [string, string, string]
    grid[key] = list.split(',').map((v) => {
      const t = v.trim()
      if (t === 'true' || t === 'false') return t === 'true'
      return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : t
    })
  }
  return grid
}

/**
 * `coinbase-trader sweep --data FILE --grid shortPeriod=3,5 --grid longPeriod=20,30`: runs one
 * backtest per grid point on worker threads (`@gpt-trader/backtest`'s `runSweep`) with the
 * profile's sizing and risk, and prints the best points.
 */
export async function runSweepCommand(
  loaded: LoadedConfig,
  options: SweepCommandOptions,
  io: CliIo,
): Promise<number> {
  if (options.strategy !== 'ma-cross' && options.strategy !== 'momentum') {
    throw new BotError(`--strategy: expected ma-cross or momentum, got ${JSON.stringify(options.strategy)}`, {
      code: 'USAGE',
    })
  }
  if (!(RANKS as readonly string[]).includes(options.rank)) {
    throw new BotError(`--rank: expected one of ${RANKS.join(', ')}, got ${JSON.stringify(options.rank)}`, {
      code: 'USAGE',
    })
  }
  const grid = parseGrid(options.grid)
  if (Object.keys(grid).length === 0)
    throw new BotError('--grid: give at least one key=v1,v2', { code: 'USAGE' })
  const workers = options.workers === undefined ? undefined : Number(options.workers)
  const top = Number(options.top)
  const { config } = loaded
  const rows = await runSweep({
    data: { file: options.data },
    strategy: options.strategy,
    grid,
    rankBy: options.rank as RankMetric,
    progress: options.json
      ? false
      : (done, total) => io.stderr.write(`sweep ${done}/${total}\r${done === total ? '\n' : ''}`),
    ...(workers === undefined ? {} : { workers }),
    backtest: {
      sizing: {
        winRate: config.sizing.winRate,
        avgWin: config.sizing.avgWin,
        avgLoss: config.sizing.avgLoss,
        ...(config.sizing.maxNotional === undefined ? {} : { maxNotional: config.sizing.maxNotional }),
      },
      fees: { maker: '0.004', taker: '0.006' },
      risk: riskInputFor(config),
    },
  })
  const best = rows.slice(0, Number.isInteger(top) && top > 0 ? top : 10)
  if (options.json) {
    io.stdout.write(`${JSON.stringify(best)}\n`)
  } else {
    for (const row of best) {
      const m = row.metrics
      io.stdout.write(
        `#${String(row.rank).padEnd(3)} ${JSON.stringify(row.params).padEnd(40)} ${
          m
            ? `return ${m.totalReturn}  sharpe ${m.sharpe.toFixed(2)}  maxDD ${m.maxDrawdown.toFixed(4)}  trades ${m.trades}`
            : `error: ${row.error}`
        }\n`,
      )
    }
  }
  return 0
}
