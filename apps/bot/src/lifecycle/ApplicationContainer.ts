import { existsSync, renameSync } from 'node:fs'
import { join, resolve } from 'node:path'
import {
  type CoinbaseClient,
  type CoinbaseWebSocket,
  createCoinbaseClient,
  createCoinbaseWebSocket,
  type RetryOptions,
} from '@gpt-trader/coinbase-client'
import { nodeHttpSender } from '@gpt-trader/coinbase-client/node'
import type { CoinbaseSim } from '@gpt-trader/coinbase-sim'
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
import { RejectionCooldown } from '../engine/RejectionCooldown.js'
import { RestHealth } from '../engine/RestHealth.js'
import { VenueClock } from '../engine/VenueClock.js'
import { marketWsUrl, WsMarketData } from '../engine/WsMarketData.js'
import { PaperMarketView } from '../paper/PaperMarketView.js'
import { PaperVenue } from '../paper/PaperVenue.js'
import { publicMarketClient } from '../paper/publicMarketClient.js'
import { SqliteStore } from '../store/SqliteStore.js'
import { BotMetrics } from '../telemetry/BotMetrics.js'
import { senderWebhookFetch } from '../telemetry/senderWebhookFetch.js'

/**
 * Finished orders (with their fills) the engine and the store keep in memory besides the open ones;
 * older ones are read back from SQLite when asked for. Bounds memory for a bot that runs for weeks
 * (about 2 KB per order in each of the two projections).
 */
const RETAIN_FINISHED_ORDERS = 1000

/** Starting USD of the embedded sim's default account (its other balances are not traded by default). */
const SIM_STARTING_CASH = '100000'
/** Starting USD of the paper account (PERPS_PAPER=1). */
const PAPER_STARTING_CASH = '100000'

/** Options of {@link ApplicationContainer}. */
export interface ApplicationContainerOptions {
  config: BotConfig
  credentials: Credentials | undefined
  log: Logger
  /** `--dev-fast`: the embedded sim runs on a manual clock that the bot advances. */
  devFast?: boolean | undefined
  /** Transport tuning (tests and the chaos suite shorten timeouts and backoffs). */
  tuning?: ContainerTuning | undefined
}

/** Transport tuning of {@link ApplicationContainer}. */
export interface ContainerTuning {
  /** REST per-request timeout (default 5 s on the sim, 10 s on Coinbase). */
  restTimeoutMs?: number | undefined
  /** REST retry policy for 429 / 5xx / timeouts (default coinbase-client's: 3 retries). */
  restRetry?: RetryOptions | undefined
  /** First WebSocket reconnect delay (default 100 ms on the sim, 500 ms on Coinbase). */
  wsReconnectBaseMs?: number | undefined
}

/** Cooldown after a venue rejection that the next cycle would hit again (insufficient funds, …). */
const REJECTION_COOLDOWN_MS = 15 * 60_000

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
  /** Every HTTP attempt to the venue: REST errors by code, API error rate, auth failures. */
  readonly rest: RestHealth
  /** Symbols held back after a sticky venue rejection. */
  readonly cooldown = new RejectionCooldown(REJECTION_COOLDOWN_MS)
  /** The venue's clock (local clock + offset from `/time`), once the client exists. */
  venueClock: VenueClock | undefined
  readonly #credentials: Credentials | undefined
  readonly #tuning: ContainerTuning

  constructor(options: ApplicationContainerOptions) {
    this.config = options.config
    this.log = options.log
    this.#credentials = options.credentials
    this.devFast = options.devFast ?? false
    this.metrics = new BotMetrics()
    this.rest = new RestHealth(this.metrics)
    this.#tuning = options.tuning ?? {}
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
   * Opens the SQLite store. With the embedded sim (and the in-memory paper broker) the exchange
   * starts afresh every run, so the previous run's database is kept as `gpt-trader.previous.sqlite`
   * and a new one is started: replaying orders the new exchange never saw would only produce
   * MISSING_AT_EXCHANGE diffs.
   */
  createStore(): SqliteStore {
    const file = this.storeFile
    if ((this.config.broker === 'sim' || this.config.broker === 'paper') && existsSync(file)) {
      const previous = join(this.stateDir, 'gpt-trader.previous.sqlite')
      for (const suffix of ['', '-wal', '-shm']) {
        if (existsSync(file + suffix)) renameSync(file + suffix, previous + suffix)
      }
      this.log.info({ previous }, 'embedded sim: starting a fresh state store (previous run kept)')
    }
    return SqliteStore.open({ file, retainTerminalOrders: RETAIN_FINISHED_ORDERS })
  }

  /** Starts the embedded exchange (dev profile). */
  async startSim(): Promise<CoinbaseSim> {
    const sim = this.config.sim
    // Imported here: canary and prod never load the simulator's code.
    const { startCoinbaseSim } = await import('@gpt-trader/coinbase-sim')
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
      // The sim checks JWT times against its own clock: sign with the sim's unskewed clock plus the
      // offset measured through GET /time, exactly as against Coinbase.
      const local = () => sim.control.localNow()
      const clock = new VenueClock(local)
      this.venueClock = clock
      return createCoinbaseClient({
        baseUrl: sim.restUrl,
        credentials: credential,
        // Rate limiting and timers follow the sim's own (monotonic) time; only signing carries the
        // venue offset, so an offset jumping back never stalls the client's token buckets.
        clock: { now: local },
        venueClock: clock,
        send: this.rest.send,
        timeoutMs: this.#tuning.restTimeoutMs ?? 5_000,
        ...(this.#tuning.restRetry === undefined ? {} : { retry: this.#tuning.restRetry }),
      })
    }
    if (this.config.broker === 'paper') {
      // PERPS_PAPER=1: market data from the venue's public endpoints, with no credentials at all, so
      // nothing private (accounts, orders) can reach the venue; orders go to the PaperVenue.
      const baseUrl = this.config.coinbase.baseUrl
      // The venue's clock drives decisions and candle windows only: nothing is signed, and the
      // client's rate limiter keeps the local clock (an offset jump must not stall its buckets).
      this.venueClock = new VenueClock(() => Date.now())
      return publicMarketClient(
        createCoinbaseClient({
          ...(baseUrl === undefined ? {} : { baseUrl }),
          send: this.rest.send,
          ...(this.#tuning.restTimeoutMs === undefined ? {} : { timeoutMs: this.#tuning.restTimeoutMs }),
          ...(this.#tuning.restRetry === undefined ? {} : { retry: this.#tuning.restRetry }),
        }),
      )
    }
    const credentials = this.#credentials
    if (credentials === undefined) {
      throw new BotError('Coinbase credentials are required for this profile', {
        code: 'CREDENTIALS_INVALID',
      })
    }
    const baseUrl = this.config.coinbase.baseUrl
    const clock = new VenueClock(() => Date.now())
    this.venueClock = clock
    return createCoinbaseClient({
      credentials: { apiKeyName: credentials.apiKeyName, privateKey: credentials.privateKey },
      ...(baseUrl === undefined ? {} : { baseUrl }),
      // JWTs carry the venue's time (offset from GET /time), so a skewed local clock still signs valid
      // tokens; rate limiting stays on the local clock (an offset jump must not stall its buckets).
      venueClock: clock,
      send: this.rest.send,
      ...(this.#tuning.restTimeoutMs === undefined ? {} : { timeoutMs: this.#tuning.restTimeoutMs }),
      ...(this.#tuning.restRetry === undefined ? {} : { retry: this.#tuning.restRetry }),
    })
  }

  createBroker(client: CoinbaseClient): Broker {
    if (this.config.broker === 'paper') return this.paperVenue(client)
    return new CoinbaseBroker({ client })
  }

  #paper: PaperVenue | undefined

  /**
   * PERPS_PAPER=1: live-trade's PaperBroker behind a {@link PaperVenue} (one per container),
   * product specs from `client`, fed with the books the market data reads (see `createMarketData`).
   */
  paperVenue(client: CoinbaseClient): PaperVenue {
    this.#paper ??= new PaperVenue({
      client,
      symbols: this.config.symbols,
      derivatives: this.config.derivatives,
      balances: { USD: PAPER_STARTING_CASH },
      clock: { now: () => this.venueClock?.now() ?? Date.now() },
    })
    return this.#paper
  }

  #alertSinks: AlertSink[] | undefined

  /** Where guard breaches and trading-state changes go: the log, and a webhook when configured (one set per container). */
  alertSinks(): AlertSink[] {
    if (this.#alertSinks === undefined) {
      const sinks: AlertSink[] = [createLogSink(this.log.child({ component: 'alerts' }))]
      const url = this.config.alerts.webhookUrl
      // Over node:http (no keep-alive: alerts are rare, and no socket may hold the process open),
      // not fetch: the launcher runs Node with --jitless, where fetch cannot load.
      if (url !== undefined)
        sinks.push(
          createWebhookSink({ url, fetch: senderWebhookFetch(nodeHttpSender({ keepAlive: false })) }),
        )
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
      retainTerminalOrders: RETAIN_FINISHED_ORDERS,
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

  /**
   * Market data: over the WebSocket (`marketData.source: ws`, the default; REST for candles) or
   * REST polling only. `sim` gives the embedded exchange's WebSocket URL.
   */
  createMarketData(
    client: CoinbaseClient,
    risk: LiveRiskManager,
    now: () => number,
    sim?: CoinbaseSim | undefined,
  ): ClientMarketData | WsMarketData {
    const rest = new ClientMarketData({
      client,
      // Paper trading: every book read here is also the paper broker's book.
      view: this.#paper ? new PaperMarketView(this.#paper) : new InMemoryMarketView(),
      monitor: risk.monitor,
      now,
      candles: Math.max(60, this.config.strategy.longPeriod + 5),
    })
    if (this.config.marketData.source === 'rest') return rest
    return new WsMarketData({
      rest,
      ws: this.createWebSocket(sim),
      symbols: this.config.symbols,
      now,
      staleAfterMs: this.config.marketData.staleAfter,
      metrics: this.metrics,
    })
  }

  /** The market-data WebSocket: the sim's, or Coinbase's (JWTs signed with the venue clock). */
  createWebSocket(sim: CoinbaseSim | undefined): CoinbaseWebSocket {
    const venue = this.venueClock
    if (this.config.broker === 'sim') {
      if (sim === undefined)
        throw new BotError('the embedded sim is not running', { code: 'LIFECYCLE_FAILED' })
      return createCoinbaseWebSocket({
        wsUrl: sim.wsUrl,
        wsUserUrl: sim.wsUserUrl,
        reconnectBaseMs: this.#tuning.wsReconnectBaseMs ?? 100,
        reconnectMaxMs: 2_000,
        // --dev-fast: frames only flow when the bot advances the sim, so silence is not a dead feed.
        ...(this.devFast ? { watchdogMs: 3_600_000 } : {}),
      })
    }
    const credentials = this.#credentials
    // A standalone sim given as the REST base URL serves its WebSocket on the same port.
    const wsUrl = this.config.coinbase.wsUrl ?? marketWsUrl(this.config.coinbase.baseUrl)
    return createCoinbaseWebSocket({
      ...(wsUrl === undefined ? {} : { wsUrl }),
      ...(credentials === undefined
        ? {}
        : { credentials: { apiKeyName: credentials.apiKeyName, privateKey: credentials.privateKey } }),
      ...(venue === undefined ? {} : { authClock: venue }),
      ...(this.#tuning.wsReconnectBaseMs === undefined
        ? {}
        : { reconnectBaseMs: this.#tuning.wsReconnectBaseMs }),
    })
  }

  createRiskGate(risk: LiveRiskManager, market: ClientMarketData | WsMarketData): RiskGate {
    const view = market.view
    return botRiskGate({
      // LiveRiskManager.preTrade applies its own trading states (global and per symbol) over the context's.
      inner: preTradeRiskGate({ check: (order, context) => risk.preTrade(order, context) }, { market: view }),
      maxPosition: this.config.sizing.maxPosition,
      tradingDays: this.config.tradingDays,
      dryRun: this.config.dryRun,
      ...(market instanceof WsMarketData ? { stale: (symbol: string) => market.stale(symbol) } : {}),
      cooldown: (symbol, now) => this.cooldown.blocked(symbol, now),
    })
  }
}
