import type { Clock } from '@gpt-trader/guards'
import { Decimal, type DecimalInput, formatDecimal, parseProductId, toDecimal } from '@gpt-trader/validation'
import type { Broker, BrokerFill, BrokerOrder } from './Broker.js'
import type { ExecutionEngine } from './ExecutionEngine.js'
import { LiveTradeError } from './errors.js'
import type { ReconciliationDiffKind } from './TradeEvent.js'

/** Options of {@link Reconciler}. */
export interface ReconcilerOptions {
  engine: ExecutionEngine
  /** Default: the engine's broker. */
  broker?: Broker | undefined
  clock?: Clock | undefined
  /**
   * Account balances when the event log began (currency → total). When given, each listed currency
   * is compared with the venue: expected = starting balance + the effect of every counted fill.
   */
  startingBalances?: Readonly<Record<string, DecimalInput>> | undefined
  /** Largest balance difference that is not reported. Default `'0'`. */
  balanceTolerance?: DecimalInput | undefined
}

/** One difference found, as recorded in a `reconciliation.diff` event. */
export interface ReconciliationDiff {
  kind: ReconciliationDiffKind
  clientOrderId?: string | undefined
  exchangeOrderId?: string | undefined
  details: string
}

/** What a reconciliation run found and did. */
export interface ReconciliationReport {
  ok: boolean
  diffs: ReconciliationDiff[]
  /** Fills cursor stored for the next run (on success). */
  fillsCursor?: string | undefined
  /** Why it failed (the engine is then in REDUCE_ONLY). */
  error?: LiveTradeError | undefined
}

const FAILED_PREFIX = 'reconciliation failed'

/**
 * Compares the store with the broker, at start and on demand, and makes the store follow the venue:
 *
 * - open orders: adopts unknown ones that carry the engine's client-id prefix, reports foreign ones
 *   (never touches them), and updates the status of known ones;
 * - working orders the venue no longer shows open are looked up and finalised with their real status
 *   (FILLED, CANCELLED, EXPIRED …); orders the venue does not know at all become FAILED;
 * - fills since the last stored cursor are counted (deduplicated by trade id);
 * - balances, when starting balances are given, are compared (differences are recorded, never
 *   "corrected" by trading).
 *
 * Every difference is appended to the store as a `reconciliation.diff` event. If the run fails, the
 * engine is put in REDUCE_ONLY (recorded with the reason) — it never trades blind; the next successful
 * run puts it back to ACTIVE if reconciliation was the reason.
 *
 * @example
 * await engine.start()
 * const report = await new Reconciler({ engine }).reconcile()
 * if (!report.ok) alert(report.error)
 */
export class Reconciler {
  readonly engine: ExecutionEngine
  readonly broker: Broker
  #clock: Clock
  #starting: Map<string, Decimal> | undefined
  #tolerance: Decimal

  constructor(options: ReconcilerOptions) {
    this.engine = options.engine
    this.broker = options.broker ?? options.engine.broker
    this.#clock = options.clock ?? { now: () => Date.now() }
    this.#starting =
      options.startingBalances === undefined
        ? undefined
        : new Map(
            Object.entries(options.startingBalances).map(([c, v]) => [
              c,
              toDecimal(v, `startingBalances.${c}`),
            ]),
          )
    this.#tolerance = toDecimal(options.balanceTolerance ?? '0', 'balanceTolerance')
  }

  /** Runs one reconciliation. Never throws: a failure is in the report and puts the engine in REDUCE_ONLY. */
  async reconcile(): Promise<ReconciliationReport> {
    const diffs: ReconciliationDiff[] = []
    const record = async (diff: ReconciliationDiff) => {
      diffs.push(diff)
      await this.engine.record({ type: 'reconciliation.diff', at: this.#clock.now(), ...diff })
    }
    try {
      await this.engine.idle()
      await this.#orders(record)
      const cursor = await this.#fills(record)
      await this.#balances(record)
      await this.engine.record({
        type: 'reconciliation.completed',
        at: this.#clock.now(),
        ok: true,
        diffs: diffs.length,
        fillsCursor: cursor,
      })
      const { state, reason } = this.engine.tradingState
      if (state === 'REDUCE_ONLY' && reason.startsWith(FAILED_PREFIX)) {
        await this.engine.setTradingState('ACTIVE', 'reconciliation succeeded')
      }
      return { ok: true, diffs, fillsCursor: cursor }
    } catch (cause) {
      const error = new LiveTradeError(
        'Reconciliation failed; the engine is now REDUCE_ONLY.',
        'RECONCILIATION_FAILED',
        {
          cause,
        },
      )
      const why = cause instanceof Error ? cause.message : String(cause)
      // Recording may fail for the same reason (store down); the state change is attempted regardless.
      await this.engine
        .record({
          type: 'reconciliation.completed',
          at: this.#clock.now(),
          ok: false,
          diffs: diffs.length,
          error: why,
        })
        .catch(() => undefined)
      await this.engine.setTradingState('REDUCE_ONLY', `${FAILED_PREFIX}: ${why}`).catch(() => undefined)
      return { ok: false, diffs, error }
    }
  }

  async #orders(record: (diff: ReconciliationDiff) => Promise<void>): Promise<void> {
    const engine = this.engine
    const open = await this.broker.getOpenOrders()
    const seen = new Set<string>()
    for (const venue of open) {
      const known = engine.order(venue.clientOrderId) ?? this.#byExchangeId(venue.exchangeOrderId)
      if (!known) {
        if (venue.clientOrderId && engine.isOwnClientOrderId(venue.clientOrderId)) {
          await engine.adopt(venue)
          seen.add(venue.clientOrderId)
          await record({
            kind: 'ADOPTED_ORDER',
            clientOrderId: venue.clientOrderId,
            exchangeOrderId: venue.exchangeOrderId,
            details: `open ${describe(venue)} at the venue, unknown to the store; adopted`,
          })
        } else {
          await record({
            kind: 'FOREIGN_ORDER',
            clientOrderId: venue.clientOrderId || undefined,
            exchangeOrderId: venue.exchangeOrderId,
            details: `open ${describe(venue)} without our client-id prefix; left alone`,
          })
        }
        continue
      }
      seen.add(known.clientOrderId)
      const after = await engine.syncOrder(venue, 'reconciliation')
      if (after && after.status !== known.status) {
        await record({
          kind: 'STATUS_CHANGED',
          clientOrderId: known.clientOrderId,
          exchangeOrderId: venue.exchangeOrderId,
          details: `${known.status} in the store, OPEN at the venue; now ${after.status}`,
        })
      }
    }
    for (const local of engine.openOrders()) {
      if (seen.has(local.clientOrderId)) continue
      const venue = await this.broker.getOrderByClientId(local.clientOrderId)
      if (venue) {
        const after = await engine.syncOrder(venue, 'reconciliation')
        if (after && after.status !== local.status) {
          await record({
            kind: 'STATUS_CHANGED',
            clientOrderId: local.clientOrderId,
            exchangeOrderId: venue.exchangeOrderId,
            details: `${local.status} in the store, ${venue.status} at the venue; now ${after.status}`,
          })
        }
      } else {
        await engine.markMissing(local.clientOrderId, 'not found at the venue by reconciliation')
        await record({
          kind: 'MISSING_AT_EXCHANGE',
          clientOrderId: local.clientOrderId,
          exchangeOrderId: local.exchangeOrderId,
          details: `${local.status} in the store, unknown to the venue; now FAILED`,
        })
      }
    }
  }

  async #fills(record: (diff: ReconciliationDiff) => Promise<void>): Promise<string> {
    const engine = this.engine
    const page = await this.broker.getFillsSince(engine.fillsCursor)
    for (const fill of page.fills) {
      let known = engine.order(fill.clientOrderId) ?? this.#byExchangeId(fill.exchangeOrderId)
      let clientOrderId = fill.clientOrderId
      if (!known && !clientOrderId && this.broker.getOrderById) {
        // The fill does not say whose it is (Coinbase): ask the venue for its order.
        clientOrderId = (await this.broker.getOrderById(fill.exchangeOrderId))?.clientOrderId ?? ''
      }
      // An order the engine has forgotten (retainTerminalOrders) is still in the store: not to adopt.
      if (!known && clientOrderId) known = await engine.lookupOrder(clientOrderId)
      if (!known && clientOrderId && engine.isOwnClientOrderId(clientOrderId)) {
        // One of ours that finished while we were away: adopt it with its final status.
        const venue = await this.broker.getOrderByClientId(clientOrderId)
        if (venue) {
          known = await engine.adopt(venue)
          await record({
            kind: 'ADOPTED_ORDER',
            clientOrderId: venue.clientOrderId,
            exchangeOrderId: venue.exchangeOrderId,
            details: `${venue.status} ${describe(venue)} at the venue, unknown to the store; adopted`,
          })
        }
      }
      if (!known) {
        await record({
          kind: 'FOREIGN_FILL',
          clientOrderId: clientOrderId || undefined,
          exchangeOrderId: fill.exchangeOrderId,
          details: `fill ${fill.tradeId} (${describeFill(fill)}) for an order that is not ours; not counted`,
        })
        continue
      }
      if (await engine.applyFill(fill)) {
        await record({
          kind: 'MISSED_FILL',
          clientOrderId: known.clientOrderId,
          exchangeOrderId: fill.exchangeOrderId,
          details: `fill ${fill.tradeId} (${describeFill(fill)}) was not in the store; counted`,
        })
      }
    }
    return page.cursor
  }

  async #balances(record: (diff: ReconciliationDiff) => Promise<void>): Promise<void> {
    if (this.#starting === undefined) return
    const expected = new Map(this.#starting)
    // Fills the engine has forgotten count through their per-symbol sums.
    for (const t of this.engine.forgottenFillTotals()) {
      const { base, quote } = parseProductId(t.symbol)
      if (expected.has(base)) expected.set(base, expected.get(base)!.plus(t.netSize))
      if (expected.has(quote)) expected.set(quote, expected.get(quote)!.minus(t.netNotional).minus(t.fees))
    }
    for (const fill of this.engine.fills()) {
      const { base, quote } = parseProductId(fill.symbol)
      const notional = fill.price.times(fill.size)
      const sign = fill.side === 'BUY' ? 1 : -1
      if (expected.has(base)) expected.set(base, expected.get(base)!.plus(fill.size.times(sign)))
      if (expected.has(quote))
        expected.set(quote, expected.get(quote)!.minus(notional.times(sign)).minus(fill.fee))
    }
    const actual = new Map<string, Decimal>()
    for (const b of await this.broker.getBalances()) actual.set(b.currency, b.available.plus(b.hold))
    for (const [currency, want] of expected) {
      const have = actual.get(currency) ?? new Decimal(0)
      if (have.minus(want).abs().gt(this.#tolerance)) {
        await record({
          kind: 'BALANCE_MISMATCH',
          details: `${currency}: venue ${formatDecimal(have)}, expected ${formatDecimal(want)} from the fills`,
        })
      }
    }
  }

  #byExchangeId(exchangeOrderId: string) {
    return exchangeOrderId
      ? this.engine.orders().find((o) => o.exchangeOrderId === exchangeOrderId)
      : undefined
  }
}

function describe(order: BrokerOrder): string {
  const price = order.price ? ` @ ${formatDecimal(order.price)}` : ''
  return `${order.side} ${formatDecimal(order.size)} ${order.symbol}${price} (${order.exchangeOrderId})`
}

function describeFill(fill: BrokerFill): string {
  return `${fill.side} ${formatDecimal(fill.size)} ${fill.symbol} @ ${formatDecimal(fill.price)}`
}
