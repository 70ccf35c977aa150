import { parentPort, workerData } from 'node:worker_threads'
import type { Bar } from '../data/Bar.js'
import type { BarSeries } from '../data/buildSeries.js'
import { loadBars } from '../data/loadBars.js'
import { runBacktest } from '../runBacktest.js'
import type { SweepJob, SweepWorkerData, SweepWorkerMessage } from './protocol.js'
import { loadStrategyFactory } from './strategyFactory.js'

// Worker side of runSweep: loads the data once, then runs one backtest per job message.
async function main(): Promise<void> {
  const init = workerData as SweepWorkerData
  const port = parentPort!
  const data: BarSeries | readonly Bar[] =
    'file' in init.data ? await loadBars(init.data.file, init.data.options ?? {}) : init.data.bars
  const factory = await loadStrategyFactory(init.strategy)
  port.on('message', async (job: SweepJob) => {
    let message: SweepWorkerMessage
    try {
      const result = await runBacktest({ ...init.backtest, data, strategy: factory(job.params) })
      message = { id: job.id, metrics: result.metrics, fingerprint: result.fingerprint }
    } catch (error) {
      message = {
        id: job.id,
        error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      }
    }
    port.postMessage(message)
  })
  port.postMessage({ ready: true })
}

main().catch((error: unknown) => {
  // Surfaces as the Worker's 'error' event in the parent (runSweep rejects with SWEEP_FAILED).
  setImmediate(() => {
    throw error
  })
})
