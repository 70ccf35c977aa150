import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createCoinbaseClient } from '@gpt-trader/coinbase-client'
import type { Order } from '@gpt-trader/live-trade'
import { type DisposableHttpServer, startHttpServer } from '@gpt-trader/test-utils'
import { Decimal } from '@gpt-trader/validation'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { WsMarketData } from '../src/engine/WsMarketData.js'
import type { BotHandle } from '../src/lifecycle/runBot.js'
import {
  bookMatches,
  CHAOS_TUNING,
  type ChaosRow,
  type ChaosRun,
  cleanupRuns,
  metric,
  runChaos,
  settleBooks,
} from './harness.js'
import { TABLE_FILE } from './table.js'

const rows: ChaosRow[] = []
const servers: DisposableHttpServer[] = []

afterEach(async () => {
  for (const s of servers.splice(0)) await s.close()
  cleanupRuns()
})

afterAll(() => {
  writeFileSync(join(import.meta.dirname, '..', TABLE_FILE), `${JSON.stringify(rows, null, 2)}\n`)
})

/** Records the row (pass = every check held), then asserts each check so a failure names it. */
function verdict(fault: string, expected: string, observed: string, checks: Record<string, boolean>): void {
  const failed = Object.entries(checks)
    .filter(([, ok]) => !ok)
    .map(([name]) => name)
  rows.push({
    fault,
    expected,
    observed: failed.length === 0 ? observed : `${observed} — FAILED: ${failed.join(', ')}`,
    pass: failed.length === 0,
  })
  expect(failed).toEqual([])
}

const engineOf = (run: ChaosRun) => {
  const engine = run.bot.services.engine
  if (engine === undefined) throw new Error('no engine')
  return engine
}
const wsOf = (bot: BotHandle): WsMarketData => {
  const market = bot.strategy.market
  if (!(market instanceof WsMarketData)) throw new Error('market data is not over the WebSocket')
  return market
}
/** The bot's orders at the sim (client ids with the bot's prefix). */
const simOrders = (bot: BotHandle) =>
  bot.sim.control
    .orders()
    .map((o) => o as Record<string, unknown>)
    .filter((o) => String(o.client_order_id).startsWith('gt-'))
/** Engine orders placed for the script's decisions, in order. */
const placed = (run: ChaosRun): Order[] => {
  const engine = engineOf(run)
  return run.script.decisions
    .map((d) => engine.order(engine.clientOrderIdFor(`chaos-script:${d.symbol}:${d.at}`)))
    .filter((o): o is Order => o !== undefined)
}
/** Engine fills and positions agree with the sim, order by order and in balances. */
function ledgerMatches(run: ChaosRun, startBalances: Record<string, string>): boolean {
  const engine = engineOf(run)
  const sim = simOrders(run.bot)
  for (const o of sim) {
    const ours = engine.order(String(o.client_order_id))
    if (ours === undefined || !ours.filledSize.eq(String(o.filled_size))) return false
    const fills = engine.fills().filter((f) => f.clientOrderId === ours.clientOrderId)
    const sum = fills.reduce((a, f) => a.plus(f.size), new Decimal(0))
    if (!sum.eq(ours.filledSize)) return false
  }
  const balances = run.bot.sim.control.balances()
  for (const [currency, start] of Object.entries(startBalances)) {
    const b = balances[currency]
    const held = b ? new Decimal(b.available).plus(b.hold) : new Decimal(0)
    const position = engine.positions.position(`${currency}-USD`).quantity
    if (!held.minus(start).eq(position)) return false
  }
  return true
}

describe('chaos: the bot on the dev profile against coinbase-sim faults', () => {
  it('1 WS disconnect: reconnects, resubscribes, books resynced to the sim', async () => {
    let opens = 0
    let booksOk = false
    const run = await runChaos({
      symbols: ['BTC-USD', 'ETH-USD'],
      cycles: 6,
      beforeCycle: (cycle, bot, script) => {
        if (cycle === 1) wsOf(bot).ws.on('open', () => opens++)
        if (cycle === 3) bot.sim.control.injectFault({ kind: 'wsDisconnect' })
        if (cycle === 5) script.want('BTC-USD', 'BUY')
      },
      afterCycle: async (cycle, bot) => {
        if (cycle !== 6) return
        await settleBooks(bot)
        booksOk = bookMatches(bot, 'BTC-USD') && bookMatches(bot, 'ETH-USD')
      },
    })
    const reconnects = metric(run.metrics, 'gpt_trader_ws_reconnects_total')
    const orders = placed(run)
    verdict(
      'WS disconnect',
      'reconnect, resubscribe, book = sim book',
      `${reconnects} reconnect(s), ${opens} reopen(s), books equal sim: ${booksOk}, orders after: ${orders.length}`,
      {
        reconnected: reconnects >= 1 && opens >= 1,
        'books equal sim': booksOk,
        'trading resumed': orders.length === 1 && orders[0]?.status === 'FILLED',
      },
    )
  })

  it('2 sequence gap: resync, no order on the stale book meanwhile', async () => {
    let booksOk = false
    let resyncs = 0
    let syncedDuringGap = true
    let releaseSnapshots = () => {}
    const run = await runChaos({
      symbols: ['BTC-USD', 'ETH-USD'],
      cycles: 6,
      beforeCycle: (cycle, bot, script) => {
        if (cycle === 3) {
          bot.sim.control.injectFault({ kind: 'wsSkipSequence', count: 1 })
          // Keep the fresh snapshot back for this cycle, so the bot decides on a resyncing book.
          releaseSnapshots = bot.sim.control.injectFault({ kind: 'wsHoldSnapshots' })
          script.want('BTC-USD', 'BUY')
          script.want('ETH-USD', 'BUY')
        }
        if (cycle === 5) script.want('ETH-USD', 'BUY')
      },
      afterCycle: async (cycle, bot) => {
        if (cycle === 3) {
          syncedDuringGap = wsOf(bot).feed.isSynced('BTC-USD') || wsOf(bot).feed.isSynced('ETH-USD')
          releaseSnapshots()
        }
        if (cycle !== 6) return
        await settleBooks(bot)
        booksOk = bookMatches(bot, 'BTC-USD') && bookMatches(bot, 'ETH-USD')
        resyncs = wsOf(bot).feed.resyncs
      },
    })
    const engine = engineOf(run)
    const gaps = metric(run.metrics, 'gpt_trader_ws_sequence_gaps_total')
    const onStale = run.script.decisions.filter((d) => d.stale !== undefined)
    const staleOrders = onStale.filter((d) =>
      engine.order(engine.clientOrderIdFor(`chaos-script:${d.symbol}:${d.at}`)),
    )
    verdict(
      'sequence gap',
      'resync; no new order while the book resyncs',
      `${gaps} gap(s), ${resyncs} resync(s), ${onStale.length} decision(s) on a stale book → ${staleOrders.length} order(s), books equal sim: ${booksOk}`,
      {
        'gap detected': gaps >= 1 && resyncs >= 1 && !syncedDuringGap,
        'decided on the resyncing book': onStale.length === 2,
        'no order on a stale book': staleOrders.length === 0,
        'books equal sim': booksOk,
        'trading resumed': placed(run).some((o) => o.symbol === 'ETH-USD' && o.status === 'FILLED'),
      },
    )
  })

  it('3 duplicated frames: ignored, fills counted once', async () => {
    let booksOk = false
    const run = await runChaos({
      symbols: ['BTC-USD', 'ETH-USD'],
      cycles: 5,
      beforeCycle: (cycle, bot, script) => {
        if (cycle === 2) {
          bot.sim.control.injectFault({ kind: 'wsDuplicate', count: 500 })
          script.want('BTC-USD', 'BUY')
        }
        if (cycle === 3) script.want('ETH-USD', 'BUY')
        if (cycle === 4) script.want('BTC-USD', 'SELL')
      },
      afterCycle: async (cycle, bot) => {
        if (cycle !== 5) return
        await settleBooks(bot)
        booksOk = bookMatches(bot, 'BTC-USD') && bookMatches(bot, 'ETH-USD')
      },
    })
    const market = wsOf(run.bot)
    const engine = engineOf(run)
    const sim = simOrders(run.bot)
    const ledger = ledgerMatches(run, { BTC: '1', ETH: '10' })
    verdict(
      'duplicated frames',
      'duplicates ignored; fills counted once',
      `${market.stats.duplicatesIgnored} duplicate frame(s) ignored, ${engine.fills().length} fill(s) for ${sim.length} sim order(s), ledger = sim: ${ledger}, books equal sim: ${booksOk}`,
      {
        'duplicates ignored': market.stats.duplicatesIgnored >= 1,
        'three orders filled': sim.length === 3 && sim.every((o) => o.status === 'FILLED'),
        'fills and positions equal the sim': ledger,
        'books equal sim': booksOk,
      },
    )
  })

  it('4 malformed frames: ignored, counted in metrics', async () => {
    let booksOk = false
    const run = await runChaos({
      symbols: ['BTC-USD', 'ETH-USD'],
      cycles: 5,
      beforeCycle: (cycle, bot, script) => {
        if (cycle === 2) bot.sim.control.injectFault({ kind: 'wsMalformed', count: 5 })
        if (cycle === 4) script.want('ETH-USD', 'BUY')
      },
      afterCycle: async (cycle, bot) => {
        if (cycle !== 5) return
        await settleBooks(bot)
        booksOk = bookMatches(bot, 'BTC-USD') && bookMatches(bot, 'ETH-USD')
      },
    })
    const market = wsOf(run.bot)
    const counted = metric(run.metrics, 'gpt_trader_ws_malformed_frames_total')
    verdict(
      'malformed frames',
      'ignored, counted in /metrics, trading goes on',
      `${counted} malformed frame(s) in /metrics (client saw ${market.stats.malformed}), ${run.result.summary.cycles} cycles, books equal sim: ${booksOk}`,
      {
        counted: counted >= 1 && counted === market.stats.malformed,
        'all cycles ran': run.result.summary.cycles === 5,
        'books equal sim': booksOk,
        'trading went on': placed(run).some((o) => o.status === 'FILLED'),
      },
    )
  })

  it('5 429 storm: backs off, honours Retry-After, no ban-worthy burst', async () => {
    let from = 0
    const run = await runChaos({
      symbols: ['BTC-USD', 'ETH-USD'],
      cycles: 4,
      beforeCycle: (cycle, bot, script) => {
        if (cycle === 2) {
          from = bot.sim.control.requests().length
          bot.sim.control.injectFault({ kind: 'rateLimit', count: 3, retryAfterSeconds: 1 })
          script.want('BTC-USD', 'BUY')
        }
      },
    })
    const log = run.bot.sim.control.requests().slice(from)
    const limited = log.filter((r) => r.status === 429)
    // Every 429 is followed, for the same request, by a retry at least Retry-After later.
    const waits = limited.map((r) => {
      const next = log.find(
        (n) => n.wallMs >= r.wallMs && n !== r && n.method === r.method && n.path === r.path,
      )
      return next === undefined ? Number.POSITIVE_INFINITY : next.wallMs - r.wallMs
    })
    let burst = 0
    for (const r of log)
      burst = Math.max(burst, log.filter((n) => n.wallMs >= r.wallMs && n.wallMs < r.wallMs + 1000).length)
    const orders = placed(run)
    verdict(
      '429 storm',
      'back off ≥ Retry-After (1 s); < 30 req/s; then trade',
      `${limited.length} × 429, shortest wait ${Math.min(...waits)} ms, peak ${burst} req/s, order ${orders[0]?.status ?? 'none'}`,
      {
        'storm happened': limited.length === 3,
        'Retry-After honoured': waits.every((w) => w >= 950),
        'no burst': burst < 30,
        'order placed once the storm passed': orders.length === 1 && orders[0]?.status === 'FILLED',
      },
    )
  })

  it('6 5xx burst: retries, then the error-rate breaker trips', async () => {
    let from = 0
    const run = await runChaos({
      symbols: ['BTC-USD', 'ETH-USD'],
      cycles: 5,
      beforeCycle: (cycle, bot, script) => {
        if (cycle === 2) {
          from = bot.sim.control.requests().length
          bot.sim.control.injectFault({ kind: 'serverError', status: 503, count: 24 })
        }
        if (cycle === 4) script.want('BTC-USD', 'BUY')
      },
    })
    const log = run.bot.sim.control.requests().slice(from)
    const errors = log.filter((r) => r.status === 503)
    // A retry: the same request again right after a 503.
    const retried = errors.filter((r, i) => {
      const next = log.slice(log.indexOf(r) + 1).find((n) => n.method === r.method && n.path === r.path)
      return next !== undefined && i >= 0
    })
    const summary = run.result.summary
    const breaker = summary.guardEvents.find(
      (e) => e.detail.includes('error_rate') || e.detail.includes('error rate'),
    )
    const orders = placed(run)
    verdict(
      '5xx burst',
      'retries, error-rate breaker → HALTED, no new order',
      `${errors.length} × 503 (${retried.length} retried), REST errors{503}=${metric(run.metrics, 'gpt_trader_rest_errors_total', 'code="503"')}, state ${summary.tradingState}${breaker ? ` (${breaker.detail.slice(0, 90)})` : ''}, orders after: ${orders.length}`,
      {
        retried: retried.length >= 10,
        'breaker tripped': summary.tradingState === 'HALTED' && breaker !== undefined,
        'no order while halted': orders.length === 0,
        'errors counted by code':
          metric(run.metrics, 'gpt_trader_rest_errors_total', 'code="503"') === errors.length,
      },
    )
  })

  it('7 hung order response: UNKNOWN → lookup by client_order_id → exactly one order', async () => {
    const statuses: string[] = []
    const run = await runChaos({
      symbols: ['BTC-USD'],
      cycles: 3,
      tuning: { ...CHAOS_TUNING, restTimeoutMs: 400 },
      beforeCycle: (cycle, bot, script) => {
        if (cycle === 1) bot.services.engine?.on('order', (o) => statuses.push(o.status))
        if (cycle === 2) {
          // The order is created but its answer never comes, and neither do the answers to the
          // client's lookup and its 3 retries: the broker gives up and the engine holds an order in
          // UNKNOWN, which its own lookup by client_order_id then resolves.
          bot.sim.control.injectFault({
            kind: 'dropResponse',
            count: 1,
            match: { method: 'POST', path: '/api/v3/brokerage/orders' },
          })
          bot.sim.control.injectFault({
            kind: 'hang',
            count: 4,
            match: { method: 'GET', path: /orders\/historical/ },
          })
          script.want('BTC-USD', 'BUY')
        }
      },
    })
    const orders = placed(run)
    const order = orders[0]
    const atSim = simOrders(run.bot).filter((o) => o.client_order_id === order?.clientOrderId)
    const posts = run.bot.sim.control
      .requests()
      .filter((r) => r.method === 'POST' && r.path.endsWith('/orders'))
    verdict(
      'hung order response',
      'UNKNOWN → lookup by client_order_id → one order',
      `engine: ${[...new Set(statuses)].join(' → ')}; ${posts.length} POST /orders, ${atSim.length} order at the sim (${String(atSim[0]?.status)}), ledger = sim: ${ledgerMatches(run, { BTC: '1' })}`,
      {
        'went UNKNOWN': statuses.includes('UNKNOWN'),
        'resolved by lookup': order?.status === 'FILLED' && order.exchangeOrderId === atSim[0]?.order_id,
        'exactly one order, never re-sent': atSim.length === 1 && posts.length === 1,
        'fills equal the sim': ledgerMatches(run, { BTC: '1' }),
      },
    )
  })

  it('8 stale feed with heartbeats alive: no new exposure on that symbol, reduce-only allowed', async () => {
    let staleGauge = 0
    let heartbeatsAlive = false
    const run = await runChaos({
      symbols: ['BTC-USD', 'ETH-USD'],
      cycles: 6,
      beforeCycle: (cycle, bot, script) => {
        if (cycle === 1) script.want('ETH-USD', 'BUY')
        if (cycle === 2) bot.sim.control.injectFault({ kind: 'staleFeed', products: ['ETH-USD'] })
        if (cycle === 4) {
          script.want('ETH-USD', 'BUY')
          script.want('BTC-USD', 'BUY')
        }
        if (cycle === 5) script.want('ETH-USD', 'SELL')
      },
      afterCycle: async (cycle, bot) => {
        if (cycle !== 4) return
        const market = wsOf(bot)
        heartbeatsAlive = market.lastHeartbeatMs >= Math.floor(bot.sim.control.localNow() / 1000) * 1000
        staleGauge = metric(await bot.container.metrics.text(), 'gpt_trader_symbol_stale', 'symbol="ETH-USD"')
      },
    })
    const engine = engineOf(run)
    const byCycle = (cycle: number, symbol: string) => {
      const d = run.script.decisions.find((x) => x.cycle === cycle && x.symbol === symbol)
      return d && engine.order(engine.clientOrderIdFor(`chaos-script:${d.symbol}:${d.at}`))
    }
    const entry = byCycle(1, 'ETH-USD')
    const refused = byCycle(4, 'ETH-USD')
    const other = byCycle(4, 'BTC-USD')
    const exit = byCycle(5, 'ETH-USD')
    const rejections = run.result.summary.rejections.STALE_MARKET_DATA ?? 0
    verdict(
      'stale feed, heartbeats alive',
      'no new ETH exposure; ETH exit and BTC entry go',
      `heartbeats alive: ${heartbeatsAlive}, stale gauge ETH=${staleGauge}, STALE_MARKET_DATA ×${rejections}; ETH entry ${entry?.status}, ETH add ${refused?.status ?? 'refused'}, ETH exit ${exit?.status}, BTC entry ${other?.status}`,
      {
        'heartbeats alive': heartbeatsAlive,
        'stale flagged': staleGauge === 1 && rejections === 1,
        'no new exposure on the stale symbol': refused === undefined,
        'reduce-only allowed': exit?.status === 'FILLED' && exit.reduceOnly,
        'other symbols trade': other?.status === 'FILLED' && entry?.status === 'FILLED',
      },
    )
  })

  it('9 clock skew ±30 s: JWTs still accepted (signed with the offset measured via /time)', async () => {
    const offsets: number[] = []
    const run = await runChaos({
      symbols: ['BTC-USD'],
      cycles: 6,
      beforeCycle: (cycle, bot, script) => {
        if (cycle === 2) bot.sim.control.injectFault({ kind: 'clockSkew', ms: 30_000 })
        if (cycle === 3) script.want('BTC-USD', 'BUY')
        if (cycle === 4) {
          bot.sim.control.clearFaults()
          bot.sim.control.injectFault({ kind: 'clockSkew', ms: -30_000 })
        }
        if (cycle === 5) script.want('BTC-USD', 'SELL')
      },
      afterCycle: (_cycle, bot) => {
        offsets.push(Math.round((bot.container.venueClock?.offsetMs ?? 0) / 1000))
      },
    })
    const unauthorized = run.bot.sim.control.requests().filter((r) => r.status === 401).length
    const orders = placed(run)
    verdict(
      'clock skew ±30 s',
      'JWT accepted (bot signs with venue time from /time)',
      `offsets measured (s): ${offsets.join(', ')}; 401s: ${unauthorized}; orders ${orders.map((o) => o.status).join(', ')}`,
      {
        'offset measured': offsets.includes(30) && offsets.includes(-30),
        'no 401': unauthorized === 0,
        'orders filled under skew': orders.length === 2 && orders.every((o) => o.status === 'FILLED'),
      },
    )
  })

  it('10 JWT rejected: no retry storm, a clear alert, trading halts', async () => {
    const hook = await startHttpServer((_req, res) => {
      res.writeHead(200).end('ok')
    })
    servers.push(hook)
    let from = 0
    let untilFault = 0
    const run = await runChaos({
      symbols: ['BTC-USD', 'ETH-USD'],
      cycles: 8,
      env: { GPT_TRADER_ALERT_WEBHOOK: `${hook.url}/alerts` },
      beforeCycle: (cycle, bot, script) => {
        if (cycle === 3) {
          from = bot.sim.control.requests().length
          bot.sim.control.injectFault({ kind: 'authReject' })
          script.want('BTC-USD', 'BUY')
        }
        if (cycle === 5) {
          untilFault = bot.sim.control.requests().length
          script.want('ETH-USD', 'BUY')
        }
      },
    })
    const log = run.bot.sim.control.requests()
    const rejected = log.slice(from).filter((r) => r.status === 401)
    const later = log.length - untilFault
    const alert = hook.requests.find((r) => r.body.includes('401'))
    const summary = run.result.summary
    verdict(
      'JWT rejected',
      'halt at the first 401, alert, no retries, no further calls',
      `${rejected.length} × 401, ${later} request(s) in the 4 cycles after, state ${summary.tradingState}, alert: ${alert ? 'webhook (critical)' : 'none'}, orders ${placed(run).length}`,
      {
        'no retry storm': rejected.length >= 1 && rejected.length <= 3 && later === 0,
        'trading halted': summary.tradingState === 'HALTED',
        'clear alert': alert?.body.includes('critical') === true,
        'no order': placed(run).length === 0,
      },
    )
  })

  it('11 insufficient funds: rejection recorded with its reason, no retry loop', async () => {
    let from = 0
    const run = await runChaos({
      symbols: ['BTC-USD'],
      cycles: 6,
      beforeCycle: async (cycle, bot, script) => {
        if (cycle === 2) {
          // Another app on the same account holds nearly all the USD in a far-away limit buy.
          const credential = bot.sim.credentials[0]
          if (credential === undefined) throw new Error('no sim key')
          const other = createCoinbaseClient({
            baseUrl: bot.sim.restUrl,
            credentials: credential,
            clock: { now: () => bot.sim.control.now() },
          })
          await other.createOrder({
            client_order_id: 'other-app-1',
            product_id: 'BTC-USD',
            side: 'BUY',
            order_configuration: { limit_limit_gtc: { base_size: '99.4', limit_price: '1000' } },
          })
          from = bot.sim.control.requests().length
        }
        if (cycle >= 3 && cycle <= 5) script.want('BTC-USD', 'BUY')
      },
    })
    const posts = run.bot.sim.control
      .requests()
      .slice(from)
      .filter((r) => r.method === 'POST' && r.path.endsWith('/orders'))
    const orders = placed(run)
    const summary = run.result.summary
    verdict(
      'insufficient funds',
      'one REJECTED order with the reason; then VENUE_REJECTED, not re-sent',
      `${posts.length} POST /orders; ${orders.map((o) => `${o.status} (${o.statusReason ?? ''})`).join(', ')}; rejections ${JSON.stringify(summary.rejections)}`,
      {
        'rejected with reason':
          orders.length === 1 &&
          orders[0]?.status === 'REJECTED' &&
          /INSUFFICIENT_FUND/.test(orders[0].statusReason ?? ''),
        'no retry loop': posts.length === 1 && (summary.rejections.VENUE_REJECTED ?? 0) === 2,
        recorded: summary.rejections.venue_rejected === 1,
      },
    )
  })

  it('12 partial fills then cancel: position = filled size', async () => {
    const run = await runChaos({
      symbols: ['ETH-USD'],
      cycles: 2,
      patch: (config) => ({
        ...config,
        orders: { ...config.orders, type: 'LIMIT' },
        sizing: { ...config.sizing, maxNotional: '5000', maxPosition: {} },
      }),
      beforeCycle: (cycle, _bot, script) => {
        if (cycle === 2) script.want('ETH-USD', 'BUY')
      },
    })
    const order = placed(run)[0]
    const atSim = simOrders(run.bot).find((o) => o.client_order_id === order?.clientOrderId)
    const position = engineOf(run).positions.position('ETH-USD').quantity
    const ledger = ledgerMatches(run, { ETH: '10' })
    verdict(
      'partial fills then cancel',
      'order partly filled, cancelled; position = filled size = sim',
      `order ${order?.size.toFixed()} ETH: ${atSim?.status} at the sim, filled ${String(atSim?.filled_size)} in ${String(atSim?.number_of_fills)} fill(s); engine ${order?.status}, position ${position.toFixed()}; ledger = sim: ${ledger}`,
      {
        'partly filled': order?.filledSize.gt(0) === true && order.filledSize.lt(order.size),
        cancelled: order?.status === 'CANCELLED' && atSim?.status === 'CANCELLED',
        'position = filled size': order !== undefined && position.eq(order.filledSize),
        'ledger = sim': ledger,
      },
    )
  })
})
