import type { Writable } from 'node:stream'
import type { CoinbaseSim } from '@gpt-trader/coinbase-sim'
import type { Strategy } from '@gpt-trader/live-trade'
import type { Logger } from 'pino'
import type { Credentials } from '../config/credentials.js'
import type { BotConfig } from '../config/loadConfig.js'
import { RunStats, type RunSummary } from '../engine/RunStats.js'
import type { HealthReport } from '../telemetry/TelemetryServer.js'
import { ApplicationContainer, type ContainerTuning } from './ApplicationContainer.js'
import type { BotServices } from './BotServices.js'
import { CoordinatorRegistry } from './CoordinatorRegistry.js'
import { ExecutionCoordinator } from './ExecutionCoordinator.js'
import { RuntimeCoordinator } from './RuntimeCoordinator.js'
import { StrategyCoordinator } from './StrategyCoordinator.js'
import { TelemetryCoordinator } from './TelemetryCoordinator.js'

/** Options of {@link runBot}. */
export interface RunBotOptions {
  config: BotConfig
  credentials: Credentials | undefined
  log: Logger
  devFast?: boolean | undefined
  /** Where progress lines go (default: nowhere). */
  progress?: Writable | undefined
  /** Ends the run early (SIGINT/SIGTERM). */
  signal?: AbortSignal | undefined
  /** Called once the telemetry server listens (tests read the URL). */
  onReady?: ((info: { url: string | undefined; stateDir: string }) => void) | undefined
  /** Replaces the profile's strategy (the chaos suite scripts its signals). */
  strategy?: Strategy | undefined
  /** Transport tuning (shorter timeouts and backoffs in tests). */
  tuning?: ContainerTuning | undefined
  /**
   * `--dev-fast` only: called before each cycle, before the sim's clock moves (the chaos suite
   * injects faults here). Cycles count from 1.
   */
  beforeCycle?: ((cycle: number, bot: BotHandle) => void | Promise<void>) | undefined
  /** `--dev-fast` only: called after each cycle. */
  afterCycle?: ((cycle: number, bot: BotHandle) => void | Promise<void>) | undefined
}

/** What the cycle hooks see of a running bot. */
export interface BotHandle {
  container: ApplicationContainer
  services: BotServices
  sim: CoinbaseSim
  strategy: StrategyCoordinator
}

/** What a finished run returns. */
export interface RunResult {
  summary: RunSummary
  metricsUrl: string | undefined
  storeFile: string
  metricsFile: string
  shutdownMs: number
}

/**
 * Runs the bot: builds the container and the four coordinators (runtime → execution → strategy →
 * telemetry), initialises and starts them, trades until `maxCycles`, the `--dev-fast` bound or the
 * abort signal, then shuts down in reverse within `shutdown.timeout` and returns the summary.
 *
 * In `--dev-fast` the embedded sim runs on a manual clock: each cycle first advances it by
 * `sim.stepMs` (the market moves, resting orders match), then runs one trading cycle.
 *
 * @example
 * const result = await runBot({ config, credentials: undefined, log, devFast: true })
 * result.summary.fills
 */
export async function runBot(options: RunBotOptions): Promise<RunResult> {
  const { config, log } = options
  const devFast = options.devFast ?? false
  const container = new ApplicationContainer({
    config,
    credentials: options.credentials,
    log,
    devFast,
    tuning: options.tuning,
  })
  const services: BotServices = {
    stats: new RunStats(config.profile, config.broker),
    now: () => Date.now(),
    accepting: true,
  }
  const runtime = new RuntimeCoordinator(container, services)
  const execution = new ExecutionCoordinator(container, services)
  const strategy = new StrategyCoordinator(
    container,
    services,
    options.strategy === undefined ? {} : { strategy: options.strategy },
  )
  let registry: CoordinatorRegistry | undefined
  const health = (): HealthReport => {
    const checks = registry?.health() ?? {}
    const ready = registry?.phase === 'started' && Object.values(checks).every((c) => c.ok)
    return {
      live: true,
      ready,
      checks: Object.fromEntries(Object.entries(checks).map(([k, v]) => [k, { ...v }])),
    }
  }
  const telemetry = new TelemetryCoordinator(container, services, health)
  registry = new CoordinatorRegistry(log, [runtime, execution, strategy, telemetry])
  strategy.onCycle = () => telemetry.writeMetricsFile()

  const stopRequested = new Promise<void>((resolve) => {
    if (options.signal?.aborted) resolve()
    options.signal?.addEventListener('abort', () => resolve(), { once: true })
  })

  await registry.initializeAll()
  await registry.startAll()
  options.onReady?.({ url: telemetry.url, stateDir: container.stateDir })
  const progress = options.progress
  try {
    if (devFast) {
      const sim = runtime.requireSim()
      const cycles = config.maxCycles ?? config.sim.devFastCycles
      const bot: BotHandle = { container, services, sim, strategy }
      for (let i = 1; i <= cycles && !options.signal?.aborted; i++) {
        await options.beforeCycle?.(i, bot)
        sim.control.advance(config.sim.stepMs)
        // WebSocket market data: wait until the frames of that step arrived (bounded in real time).
        await strategy.settleMarket(Math.floor(sim.control.localNow() / 1000) * 1000)
        try {
          await strategy.step()
        } catch (error) {
          // As in the interval loop: one failed cycle is logged, the run goes on.
          log.error({ err: error, cycle: i }, 'trading cycle failed')
        }
        await options.afterCycle?.(i, bot)
        // Let I/O callbacks (telemetry requests, signals) run between cycles.
        await new Promise<void>((resolve) => setImmediate(resolve))
        if (progress && (i % 10 === 0 || i === cycles)) {
          const s = services.stats
          progress.write(
            `cycle ${String(i).padStart(3)}/${cycles}  signals ${s.signals}  orders ${s.orders}  fills ${s.fills}  state ${services.engine?.tradingState.state}\n`,
          )
        }
      }
    } else {
      await Promise.race([strategy.done, stopRequested])
    }
  } finally {
    const started = performance.now()
    await registry.shutdownAll(config.shutdown.timeout)
    const shutdownMs = performance.now() - started
    log.info({ ms: Math.round(shutdownMs) }, 'shut down')
    services.shutdownMs = shutdownMs
  }
  return {
    summary: services.stats.summary(services.engine, services.now()),
    metricsUrl: telemetry.url,
    storeFile: container.storeFile,
    metricsFile: container.metricsFile,
    shutdownMs: services.shutdownMs ?? 0,
  }
}
