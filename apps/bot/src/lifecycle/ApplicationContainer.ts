import { existsSync, renameSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { type CoinbaseClient, createCoinbaseClient } from '@gpt-trader/coinbase-client'
import { type CoinbaseSim, startCoinbaseSim } from '@gpt-trader/coinbase-sim'
import { type AlertSink, createLogSink, createWebhookSink } from '@gpt-trader/guards'
import {
  type Broker,
  ExecutionEngine,
  MomentumStrategy,
  MovingAverageCrossStrategy,
  preTradeRiskGate,
  Reconciler,
  type RiskGate,
  type Strategy,
} from '@gpt-trader/live-trade'
import { CoinbaseBroker } from '@gpt-trader/live-trade/coinbase'
import { InMemoryMarketView, LiveRiskManager } from '@gpt-trader/risk'
import type { Logger } from 'pino'
import { BotError } from '../BotError.js'
import type { Credentials } from '../config/credentials.js'
import type { BotConfig } from '../config/loadConfig.js'
import { botRiskGate } from '../engine/botRiskGate.js'
import { ClientMarketData } from '../engine/ClientMarketData.js'
import { SqliteStore } from '../store/SqliteStore.js'
import { BotMetrics } from '../telemetry/BotMetrics.js'

/** Starting USD of the embedded sim's default account (its other balances are not traded by default). */
const SIM_STARTING_CASH = '100000'

/** Options of {@link ApplicationContainer}. */
export interface ApplicationContainerOptions {
  config: BotConfig
  credentials: Credentials | undefined
  log: Logger
  /** `--dev-fast`: the embedded sim runs on a manual clock that the bot advances. */
  devFast?: boolean | undefined
}

/**
 * The composition root: the one place where concrete classes are chosen from the validated
 * `BotConfig` — the store (SQLite), the venue (embedded coinbase-sim or Coinbase through
 * coinbase-client and live-trade's `CoinbaseBroker`), the risk manager, the strategy and the
 * metrics. Coordinators ask it for what they need; nothing else calls `new` on a concrete adapter.
 *
 * @example
 * const container = new ApplicationContainer({ config, credentials, log })
 * const store = container.createStore()
 */
export class ApplicationContainer {
  readonly config: BotConfig
  readonly log: Logger
  readonly metrics: BotMetrics
  readonly devFast: boolean
  readonly #credentials: Credentials | undefined

  constructor(options: ApplicationContainerOptions) {
    this.config = options.config
    this.log = options.log
    this.#credentials = options.credentials
    this.devFast = options.devFast ?? false
    this.metrics = new BotMetrics()
  }

  /** `<state.root>/<profile>`. */
  get stateDir(): string {
    return resolve(this.config.state.root, this.config.profile)
  }

  get storeFile(): string {
    return join(this.stateDir, 'gpt-trader.sqlite')
  }

  get metricsFile(): string {
    return join(this.stateDir, 'metrics.json')
  }

  /**
   * Opens the SQLite store. With the embedded sim the exchange starts afresh every run, so the
   * previous run's database is kept as `gpt-trader.previous.sqlite` and a new one is started:
   * replaying orders the new exchange never saw would only produce MISSING_AT_EXCHANGE diffs.
   */
  createStore(): SqliteStore {
    const file = this.storeFile
    if (this.config.broker === 'sim' && existsSync(file)) {
      const previous = join(this.stateDir, 'gpt-trader.previous.sqlite')
      for (const suffix of ['', '-wal', '-shm']) {
        if (existsSync(file + suffix)) renameSync(file + suffix, previous + suffix)
      }
      this.log.info({ previous }, 'embedded sim: starting a fresh state store (previous run kept)')
    }
    return SqliteStore.open({ file })
  }

  /** Starts the embedded exchange (dev profile). */
  async startSim(): Promise<CoinbaseSim> {
    const sim = this.config.sim
    return startCoinbaseSim({
      port: sim.port,
      products: [...this.config.symbols],
      seed: sim.seed,
      derivatives: this.config.derivatives,
      // --dev-fast: a manual clock advanced by the bot; otherwise the sim follows real time.
      realtime: !this.devFast,
    })
  }

  /** The REST client for the configured venue. */
  createClient(sim: CoinbaseSim | undefined): CoinbaseClient {
    if (this.config.broker === 'sim') {
      if (sim === undefined)
        throw new BotError('the embedded sim is not running', { code: 'LIFECYCLE_FAILED' })
      const credential = sim.credentials[0]
      if (credential === undefined) throw new BotError('the sim has no API key', { code: 'LIFECYCLE_FAILED' })
      return createCoinbaseClient({
        baseUrl: sim.restUrl,
        credentials: credential,
        // The sim checks JWT times against its own clock.
        clock: { now: () => sim.control.now() },
        timeoutMs: 5_000,
      })
    }
    if (this.config.broker === 'paper') {
      throw new BotError(
        'PERPS_PAPER=1 (paper fills on live Coinbase data) is not available yet: live-trade has a PaperBroker but the bot does not feed it live market data',
        { code: 'NOT_AVAILABLE' },
      )
    }
    const credentials = this.#credentials
    if (credentials === undefined) {
      throw new BotError('Coinbase credentials are required for this profile', {
        code: 'CREDENTIALS_INVALID',
      })
    }
    const baseUrl = this.config.coinbase.baseUrl
    return createCoinbaseClient({
      credentials: { apiKeyName: credentials.apiKeyName, privateKey: credentials.privateKey },
      ...(baseUrl === undefined ? {} : { baseUrl }),
    })
  }

  createBroker(client: CoinbaseClient): Broker {
    return new CoinbaseBroker({ client })
  }

  #alertSinks: AlertSink[] | undefined

  /** Where guard breaches and trading-state changes go: the log, and a webhook when configured (one set per container). */
  alertSinks(): AlertSink[] {
    if (this.#alertSinks === undefined) {
      const sinks: AlertSink[] = [createLogSink(this.log.child({ component: 'alerts' }))]
      const url = this.config.alerts.webhookUrl
      if (url !== undefined) sinks.push(createWebhookSink({ url }))
      this.#alertSinks = sinks
    }
    return this.#alertSinks
  }

  createRiskManager(store: SqliteStore, now: () => number): LiveRiskManager {
    return new LiveRiskManager({
      config: this.config.risk,
      store,
      clock: { now },
      alerts: this.alertSinks(),
    })
  }

  async createEngine(broker: Broker, store: SqliteStore, now: () => number): Promise<ExecutionEngine> {
    // Cash before the first fill: fixed once per store so that a replay rebuilds the same equity.
    // The embedded sim's is known; a real venue's is its USD balance when the store was created.
    let startingCash = store.getMeta('startingCash')
    if (startingCash === undefined) {
      if (this.config.broker === 'sim') startingCash = SIM_STARTING_CASH
      else {
        const usd = (await broker.getBalances()).find((b) => b.currency === 'USD')
        startingCash = usd ? usd.available.plus(usd.hold).toFixed() : '0'
      }
      store.setMeta('startingCash', startingCash)
    }
    return new ExecutionEngine({
      broker,
      store,
      clientIdPrefix: 'gt-',
      startingCash,
      clock: { now },
      // Dev-fast runs on simulated time: waits between lookups need not be real.
      ...(this.devFast ? { sleep: async () => undefined } : {}),
    })
  }

  createReconciler(engine: ExecutionEngine, now: () => number): Reconciler {
    return new Reconciler({ engine, clock: { now } })
  }

  createStrategy(): Strategy {
    const s = this.config.strategy
    if (s.name === 'momentum') return new MomentumStrategy()
    return new MovingAverageCrossStrategy({
      shortPeriod: s.shortPeriod,
      longPeriod: s.longPeriod,
      trailingStop: s.trailingStop,
    })
  }

  createMarketData(client: CoinbaseClient, risk: LiveRiskManager, now: () => number): ClientMarketData {
    return new ClientMarketData({
      client,
      view: new InMemoryMarketView(),
      monitor: risk.monitor,
      now,
      candles: Math.max(60, this.config.strategy.longPeriod + 5),
    })
  }

  createRiskGate(risk: LiveRiskManager, market: ClientMarketData): RiskGate {
    const view = market.view
    return botRiskGate({
      // LiveRiskManager.preTrade applies its own trading states (global and per symbol) over the context's.
      inner: preTradeRiskGate({ check: (order, context) => risk.preTrade(order, context) }, { market: view }),
      maxPosition: this.config.sizing.maxPosition,
      tradingDays: this.config.tradingDays,
      dryRun: this.config.dryRun,
    })
  }
}
