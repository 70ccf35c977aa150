import type { Logger } from 'pino'
import type { LoadedConfig } from '../../config/loadConfig.js'
import { runBot } from '../../lifecycle/runBot.js'
import { formatSummary } from '../formatSummary.js'
import type { CliIo } from '../main.js'

/** `coinbase-trader run`: trades until stopped (or the `--dev-fast` bound), then prints the summary. */
export async function runRun(
  loaded: LoadedConfig,
  options: { io: CliIo; log: Logger; devFast: boolean; json: boolean },
): Promise<number> {
  const { io, log } = options
  const { config } = loaded
  if (options.devFast && config.broker !== 'sim') {
    io.stderr.write(
      `coinbase-trader: --dev-fast runs on the embedded sim; profile ${config.profile} uses broker ${config.broker}\n`,
    )
    return 2
  }
  if (!options.json) {
    io.stderr.write(
      `coinbase-trader: profile ${config.profile} (${config.source}), broker ${config.broker}, ${config.symbols.length} symbols${options.devFast ? `, --dev-fast: ${config.maxCycles ?? config.sim.devFastCycles} cycles of ${config.sim.stepMs / 1000}s simulated time` : ''}\n`,
    )
  }
  const started = performance.now()
  const result = await runBot({
    config,
    credentials: loaded.credentials,
    log,
    devFast: options.devFast,
    progress: options.json ? undefined : io.stderr,
    signal: io.signal,
    onReady: ({ url }) => {
      if (url !== undefined && !options.json)
        io.stderr.write(`coinbase-trader: telemetry at ${url}/metrics /health /status\n`)
    },
  })
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  if (options.json) {
    io.stdout.write(
      `${JSON.stringify({ ...result.summary, storeFile: result.storeFile, metricsFile: result.metricsFile, wallSeconds: Number(seconds) })}\n`,
    )
  } else {
    io.stdout.write(
      formatSummary(result.summary, {
        'wall time': `${seconds} s (shutdown ${Math.round(result.shutdownMs)} ms)`,
        store: result.storeFile,
        'metrics.json': result.metricsFile,
      }),
    )
  }
  return 0
}
