import { CandleStore } from './CandleStore.js'
import { CoinbaseSimError } from './CoinbaseSimError.js'
import type { SimClock } from './clock.js'
import { simErrorCodes } from './codes.js'
import { derivedUuid, deriveEcKey, deriveEdKey, publicKeyFromSecret, type SimKey } from './keys.js'
import { type EngineRetention, MatchingEngine } from './MatchingEngine.js'
import { D, fmt } from './money.js'
import { PRODUCT_CATALOG, type ProductRules, toRules } from './products.js'
import { createRandom, type SimRandom } from './random.js'
import type { ReplayCandle } from './replay.js'
import { MAKER_ACCOUNT, SyntheticMarket, TAKER_ACCOUNT } from './SyntheticMarket.js'
import type { EngineEvent } from './types.js'
import { type ProductLive, productView } from './views.js'

/** Upper bound on synthetic-market steps per `catchUp` (long jumps use longer steps). */
const MAX_MARKET_STEPS_PER_CATCH_UP = 600

/** One configured account. */
export interface SimAccountConfig {
  /** Label used to derive ids and keys deterministically (default `account-<index>`). */
  name?: string
  /** Starting balances, decimal strings per currency (default USD 100000, BTC 1, ETH 10). */
  balances?: Record<string, string>
  /** Key types to generate (default one ES256 and one EdDSA). */
  keyTypes?: ('ES256' | 'EdDSA')[]
  /** Extra keys you already have: name + private key (PEM or base64 seed‖pub). */
  credentials?: { apiKeyName: string; privateKey: string }[]
  /** Legacy HMAC keys (`CB-ACCESS-KEY/SIGN/TIMESTAMP` headers); not listed in `sim.credentials`. */
  hmacKeys?: { apiKey: string; apiSecret: string }[]
  makerFeeRate?: string
  takerFeeRate?: string
}

/** Internal, resolved configuration of the exchange. */
export interface ExchangeConfig {
  products: readonly string[]
  seed: number
  clock: SimClock
  accounts: readonly SimAccountConfig[]
  derivatives: boolean
  replay: ReplayCandle[] | null
  makerFeeRate: string
  takerFeeRate: string
  /** History bounds of the matching engine (default `ENGINE_RETENTION`). */
  retention?: Partial<EngineRetention> | undefined
}

/** A user account as REST shows it. */
export interface ExchangeAccount {
  id: string
  userId: string
  portfolioId: string
  wallets: Map<string, string>
}

/**
 * The exchange state without any network: engine, synthetic market, candles, accounts and keys,
 * plus the sim-time loop (`advance`). The HTTP and WebSocket layers sit on top.
 */
export class SimExchange {
  readonly engine: MatchingEngine
  readonly market: SyntheticMarket
  readonly candles = new Map<string, CandleStore>()
  readonly keys = new Map<string, SimKey>()
  /** Legacy HMAC keys by key name; `key` is the account binding used after verification. */
  readonly hmacKeys = new Map<string, { secret: string; key: { apiKeyName: string; accountId: string } }>()
  readonly accounts: ExchangeAccount[] = []
  readonly random: SimRandom
  readonly startMs: number
  /** Sim time already processed by `advance` (ticks happen on whole seconds). */
  private processedMs: number
  private readonly tickListeners: ((nowMs: number) => void)[] = []
  stale: (productId: string) => boolean = () => false

  constructor(readonly config: ExchangeConfig) {
    const products: ProductRules[] = []
    for (const id of config.products) {
      const spec = PRODUCT_CATALOG[id]
      if (!spec || (spec.productType === 'FUTURE' && !config.derivatives))
        throw new CoinbaseSimError(`Unknown product ${id}.`, {
          code: simErrorCodes.INVALID_OPTION,
          details: `Known: ${Object.keys(PRODUCT_CATALOG).join(', ')} (futures need derivatives: true)`,
        })
      products.push(toRules(spec))
    }
    if (config.derivatives && !config.products.includes('BTC-PERP-INTX'))
      products.push(
        toRules(PRODUCT_CATALOG['BTC-PERP-INTX'] as NonNullable<(typeof PRODUCT_CATALOG)[string]>),
      )
    this.random = createRandom(config.seed)
    this.startMs = config.clock.now()
    this.processedMs = this.startMs
    this.engine = new MatchingEngine({
      products,
      now: () => config.clock.now(),
      random: this.random,
      retention: config.retention,
    })
    const big = { makerFeeRate: '0', takerFeeRate: '0', unlimited: true }
    this.engine.addAccount({
      id: MAKER_ACCOUNT,
      userId: MAKER_ACCOUNT,
      portfolioId: MAKER_ACCOUNT,
      balances: {},
      ...big,
    })
    this.engine.addAccount({
      id: TAKER_ACCOUNT,
      userId: TAKER_ACCOUNT,
      portfolioId: TAKER_ACCOUNT,
      balances: {},
      ...big,
    })
    const accounts = config.accounts.length > 0 ? config.accounts : [{}]
    for (const [i, a] of accounts.entries()) this.addAccount(a, i)
    const historyRandom = createRandom(config.seed ^ 0x5eed)
    for (const p of products) {
      const store = new CandleStore()
      const start =
        config.replay && p.spec.productId === products[0]?.spec.productId
          ? (config.replay[0]?.open ?? p.spec.startPrice)
          : p.spec.startPrice
      store.seedHistory(Math.floor(this.startMs / 1000), Number(start), p.spec.volatility, 14, historyRandom)
      this.candles.set(p.spec.productId, store)
    }
    const first = products[0]?.spec.productId
    this.market = new SyntheticMarket(
      this.engine,
      this.candles,
      this.random,
      config.replay && first ? { productId: first, candles: config.replay } : null,
    )
    this.engine.subscribe((e: EngineEvent) => {
      if (e.type === 'trade')
        this.candles
          .get(e.trade.productId)
          ?.record(Math.floor(e.trade.timeMs / 1000), e.trade.price.toNumber(), e.trade.size.toNumber())
    })
    // Quote an initial book so the sim is usable before the first advance.
    this.market.step(this.startMs, 0, () => false)
  }

  private addAccount(a: SimAccountConfig, index: number): void {
    const seed = this.config.seed
    const label = a.name ?? `account-${index}`
    const id = derivedUuid(seed, `${label}:account`)
    const userId = derivedUuid(seed, `${label}:user`)
    const portfolioId = derivedUuid(seed, `${label}:portfolio`)
    const balances = a.balances ?? { USD: '100000', BTC: '1', ETH: '10' }
    this.engine.addAccount({
      id,
      userId,
      portfolioId,
      balances,
      makerFeeRate: a.makerFeeRate ?? this.config.makerFeeRate,
      takerFeeRate: a.takerFeeRate ?? this.config.takerFeeRate,
    })
    const currencies = new Set<string>(Object.keys(balances))
    for (const pid of this.engine.productIds()) {
      const r = this.engine.rules(pid)
      if (r) {
        currencies.add(r.spec.quote)
        if (r.spec.productType === 'SPOT') currencies.add(r.spec.base)
      }
    }
    const wallets = new Map<string, string>()
    for (const c of [...currencies].sort()) wallets.set(c, derivedUuid(seed, `${label}:wallet:${c}`))
    this.accounts.push({ id, userId, portfolioId, wallets })
    for (const t of a.keyTypes ?? ['ES256', 'EdDSA']) {
      const k = t === 'ES256' ? deriveEcKey(seed, label, id) : deriveEdKey(seed, label, id)
      this.keys.set(k.apiKeyName, k)
    }
    for (const h of a.hmacKeys ?? [])
      this.hmacKeys.set(h.apiKey, { secret: h.apiSecret, key: { apiKeyName: h.apiKey, accountId: id } })
    for (const c of a.credentials ?? []) {
      const pk = publicKeyFromSecret(c.privateKey)
      this.keys.set(c.apiKeyName, {
        apiKeyName: c.apiKeyName,
        privateKey: c.privateKey,
        algorithm: pk.algorithm,
        publicKey: pk.key,
        accountId: id,
      })
    }
  }

  account(id: string): ExchangeAccount | undefined {
    return this.accounts.find((a) => a.id === id)
  }

  /** Registers a listener called once per sim second tick. */
  onTick(listener: (nowMs: number) => void): void {
    this.tickListeners.push(listener)
  }

  /**
   * Processes sim time up to the clock's now: one tick per whole sim second crossed (GTD expiry,
   * tick listeners such as heartbeats). The market steps every second too, except in long jumps:
   * then it steps at most ~600 times per call with a proportionally longer dt (the GBM stays
   * calibrated), so advancing an hour costs about as much as advancing ten minutes.
   */
  catchUp(): void {
    const now = this.config.clock.now()
    const first = Math.floor(this.processedMs / 1000) * 1000 + 1000
    if (first <= now) {
      const total = Math.floor((now - first) / 1000) + 1
      const stride = Math.max(1, Math.ceil(total / MAX_MARKET_STEPS_PER_CATCH_UP))
      // Beyond a sim day only the last day is ticked second by second (older seconds are skipped).
      const startIndex = Math.max(0, total - 86_400)
      let lastMarketMs = this.processedMs
      for (let i = startIndex; i < total; i++) {
        const t = first + i * 1000
        this.engine.expire(t)
        if ((i + 1) % stride === 0 || i === total - 1) {
          this.market.step(t, t - lastMarketMs, this.stale)
          lastMarketMs = t
        }
        for (const l of this.tickListeners) l(t)
      }
    }
    this.processedMs = Math.max(this.processedMs, now)
    this.engine.expire(now)
  }

  /** Price scale (decimals) of a product. */
  priceScale(productId: string): number {
    return this.engine.rules(productId)?.priceIncrement.decimalPlaces() ?? 2
  }

  /** Live product view data. */
  live(productId: string): ProductLive {
    const nowSec = Math.floor(this.config.clock.now() / 1000)
    const w = this.candles.get(productId)?.window(nowSec, 86_400)
    const price = this.engine.lastPrice(productId)
    const p = price?.toNumber() ?? 0
    return {
      price,
      change24h: w && w.open > 0 ? ((p - w.open) / w.open) * 100 : 0,
      volume24h: w?.volume ?? 0,
      high24h: w?.high ?? p,
      low24h: w?.low ?? p,
      priceScale: this.priceScale(productId),
    }
  }

  productJson(productId: string): ReturnType<typeof productView> | null {
    const rules = this.engine.rules(productId)
    return rules ? productView(rules, this.live(productId)) : null
  }

  /** Balances of an account as decimal strings. */
  balances(accountId: string): Record<string, { available: string; hold: string }> {
    const acct = this.engine.accounts.get(accountId)
    const out: Record<string, { available: string; hold: string }> = {}
    if (!acct) return out
    // Code-point order: currency codes are ASCII, and localeCompare would load ICU's collation data
    // (about 2.7 MB of resident memory) into every process that embeds the sim.
    for (const [c, b] of [...acct.balances.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      out[c] = { available: fmt(b.available), hold: fmt(b.hold) }
    return out
  }

  /** Current best bid/ask as decimal strings ('' when a side is empty). */
  top(productId: string): { bid: string; bidSize: string; ask: string; askSize: string } {
    const b = this.engine.bestBid(productId)
    const a = this.engine.bestAsk(productId)
    return {
      bid: b ? fmt(b[0]) : '',
      bidSize: b ? fmt(b[1]) : '',
      ask: a ? fmt(a[0]) : '',
      askSize: a ? fmt(a[1]) : '',
    }
  }

  /** 24 h USD volume of an account's fills (for transaction_summary). */
  volume(accountId: string): { volume: string; fees: string } {
    let v = new D(0)
    let f = new D(0)
    for (const fill of this.engine.fills) {
      if (fill.accountId !== accountId) continue
      v = v.plus(fill.price.mul(fill.size))
      f = f.plus(fill.commission)
    }
    return { volume: fmt(v), fees: fmt(f) }
  }
}
