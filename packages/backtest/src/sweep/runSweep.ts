import { createRequire } from 'node:module'
import { availableParallelism } from 'node:os'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import { BacktestError } from '../BacktestError.js'
import type { Bar } from '../data/Bar.js'
import type { BarSeries } from '../data/buildSeries.js'
import type { LoadBarsOptions } from '../data/loadBars.js'
import type { BacktestMetrics } from '../results/computeMetrics.js'
import { gridParams, type ParamRange, randomParams } from './paramGrid.js'
import type { SweepBacktestOptions, SweepJob, SweepWorkerData, SweepWorkerMessage } from './protocol.js'
import type { StrategySpec, SweepParams } from './strategyFactory.js'

/** Numeric metrics a sweep can rank by. */
export type RankMetric =
  | 'totalReturn'
  | 'cagr'
  | 'sharpe'
  | 'sortino'
  | 'maxDrawdown'
  | 'winRate'
  | 'profitFactor'
  | 'exposure'

/** Options of {@link runSweep}. */
export interface SweepOptions {
  /** A file for each worker to load (`loadBars`), or bars / a series (copied to each worker). */
  data: { file: string; options?: LoadBarsOptions | undefined } | readonly Bar[] | BarSeries
  strategy: StrategySpec
  /** Grid search: every combination of these values. */
  grid?: Readonly<Record<string, readonly (number | string | boolean)[]>> | undefined
  /** Random search: `samples` draws from `space` (seeded). */
  random?:
    | {
        space: Readonly<Record<string, ParamRange | readonly (number | string | boolean)[]>>
        samples: number
        seed?: number | undefined
      }
    | undefined
  /** Drops parameter sets before they run (e.g. `(p) => p.shortPeriod < p.longPeriod`). */
  where?: ((params: SweepParams) => boolean) | undefined
  /** Options of every run (fees, slippage, sizing, risk, …). */
  backtest?: SweepBacktestOptions | undefined
  /** Ranking metric, best first. Default `sharpe`; `maxDrawdown` ranks smallest first. */
  rankBy?: RankMetric | undefined
  /** Worker threads. Default: every core (`os.availableParallelism()`). */
  workers?: number | undefined
  /**
   * `true` (default) draws a progress bar on stderr; `false` draws nothing; a function is called
   * after each run instead.
   */
  progress?: boolean | ((done: number, total: number) => void) | undefined
}

/** One ranked row of a sweep. */
export interface SweepRow {
  /** 1 = best. Failed runs come last. */
  rank: number
  params: SweepParams
  metrics: BacktestMetrics | undefined
  fingerprint: string | undefined
  /** Why the run failed (e.g. invalid parameters). */
  error: string | undefined
}

/**
 * Grid or random search over strategy parameters on worker threads (one backtest per parameter set,
 * spread over the cores), returning the rows ranked by `rankBy`. Workers run the same
 * {@link runBacktest}; each loads the data once.
 *
 * @example
 * const rows = await runSweep({
 *   data: { file: 'BTC-USD_1m.csv' },
 *   strategy: 'ma-cross',
 *   grid: { shortPeriod: [3, 5, 10], longPeriod: [20, 50, 100] },
 *   backtest: { fees: { taker: '0.006', maker: '0.004' } },
 * })
 * rows[0].params // the best parameters by Sharpe
 */
export async function runSweep(options: SweepOptions): Promise<SweepRow[]> {
  let points: SweepParams[]
  if (options.grid) points = gridParams(options.grid)
  else if (options.random)
    points = randomParams(options.random.space, options.random.samples, options.random.seed)
  else throw new BacktestError('runSweep needs grid or random.', 'INVALID_OPTIONS')
  if (options.where) points = points.filter(options.where)
  const rankBy = options.rankBy ?? 'sharpe'
  const backtest: SweepBacktestOptions = { ...options.backtest }
  let data: SweepWorkerData['data']
  if ('file' in options.data) data = { file: options.data.file, options: options.data.options }
  else if (Array.isArray(options.data)) data = { bars: options.data }
  else {
    const series = options.data as BarSeries
    data = { bars: series.bars }
    if (backtest.symbol === undefined && series.symbol !== undefined) backtest.symbol = series.symbol
    backtest.intervalMs ??= series.intervalMs
  }
  const total = points.length
  const count = Math.max(1, Math.min(options.workers ?? availableParallelism(), total))
  const progress = progressReporter(options.progress ?? true, total)
  const results = new Array<SweepWorkerMessage | undefined>(total)
  if (total > 0) {
    const entry = workerEntry()
    const workerData: SweepWorkerData = { data, strategy: options.strategy, backtest }
    let next = 0
    let done = 0
    await new Promise<void>((resolve, reject) => {
      const workers: Worker[] = []
      const retired = new Set<Worker>()
      const retire = (w: Worker) => {
        retired.add(w)
        void w.terminate()
      }
      let failed = false
      const fail = (error: unknown) => {
        if (failed) return
        failed = true
        for (const w of workers) retire(w)
        reject(new BacktestError('A sweep worker failed.', 'SWEEP_FAILED', { cause: error }))
      }
      const feed = (worker: Worker) => {
        if (next >= total) {
          retire(worker)
          return
        }
        const job: SweepJob = { id: next, params: points[next]! }
        next++
        worker.postMessage(job)
      }
      for (let i = 0; i < count; i++) {
        const worker = new Worker(entry.entry, { workerData, execArgv: entry.execArgv, eval: entry.eval })
        workers.push(worker)
        worker.on('message', (message: SweepWorkerMessage | { ready: true }) => {
          if ('ready' in message) return feed(worker)
          results[message.id] = message
          done++
          progress(done)
          if (done === total) {
            for (const w of workers) retire(w)
            resolve()
          } else feed(worker)
        })
        worker.on('error', fail)
        worker.on('exit', (code) => {
          if (!retired.has(worker) && !failed) fail(new Error(`worker exited with code ${code}`))
        })
      }
    })
  }
  progress.end?.()
  return rank(points, results, rankBy)
}

function rank(
  points: readonly SweepParams[],
  results: readonly (SweepWorkerMessage | undefined)[],
  rankBy: RankMetric,
): SweepRow[] {
  const rows: Omit<SweepRow, 'rank'>[] = points.map((params, i) => {
    const r = results[i]
    if (r === undefined) return { params, metrics: undefined, fingerprint: undefined, error: 'not run' }
    if ('error' in r) return { params, metrics: undefined, fingerprint: undefined, error: r.error }
    return { params, metrics: r.metrics, fingerprint: r.fingerprint, error: undefined }
  })
  const score = (m: BacktestMetrics | undefined): number => {
    if (!m) return Number.NEGATIVE_INFINITY
    const v = rankBy === 'totalReturn' ? Number(m.totalReturn) : (m[rankBy] ?? Number.NaN)
    if (Number.isNaN(v)) return Number.NEGATIVE_INFINITY
    return rankBy === 'maxDrawdown' ? -v : v
  }
  const order = rows.map((row, i) => ({ row, i, s: score(row.metrics) }))
  // Stable: ties keep the parameter order, so the ranking is deterministic.
  order.sort((a, b) => (b.s === a.s ? a.i - b.i : b.s > a.s ? 1 : -1))
  return order.map(({ row }, i) => ({ rank: i + 1, ...row }))
}

type Progress = ((done: number) => void) & { end?: () => void }

function progressReporter(
  option: boolean | ((done: number, total: number) => void),
  total: number,
): Progress {
  if (typeof option === 'function') return (done) => option(done, total)
  if (!option) return () => {}
  const started = Date.now()
  const draw = (done: number) => {
    const width = 30
    const filled = Math.round((done / Math.max(1, total)) * width)
    const secs = ((Date.now() - started) / 1000).toFixed(1)
    process.stderr.write(
      `\rsweep [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} ${secs}s`,
    )
  }
  const progress: Progress = draw
  progress.end = () => process.stderr.write('\n')
  draw(0)
  return progress
}

/**
 * The worker script beside this module: the built `sweepWorker.js` / `.cjs` after a build, or the
 * TypeScript source (run through tsx, with the source condition) when this module is itself source.
 */
function workerEntry(): { entry: URL | string; eval: boolean; execArgv: string[] } {
  const here = import.meta.url
  if (here.endsWith('.ts')) {
    // Node cannot load .ts itself: a tiny bootstrap registers tsx's ESM hooks in the worker first.
    const api = pathToFileURL(createRequire(fileURLToPath(here)).resolve('tsx/esm/api')).href
    const script = new URL('./sweepWorker.ts', here).href
    return {
      entry: `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(script)}) })`,
      eval: true,
      execArgv: ['--conditions=@gpt-trader/source'],
    }
  }
  return {
    entry: new URL(here.endsWith('.cjs') ? './sweepWorker.cjs' : './sweepWorker.js', here),
    eval: false,
    execArgv: [],
  }
}
