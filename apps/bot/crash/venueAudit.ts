import { type CoinbaseClient, iterateFills, iterateOrders } from '@gpt-trader/coinbase-client'
import { Decimal, parseProductId } from '@gpt-trader/validation'
import { SqliteStore } from '../src/store/SqliteStore.js'

/** Account totals (available + hold) per currency, as decimal strings. */
export type Balances = Record<string, string>

/** Reads every account's total at the venue. */
export async function venueBalances(client: CoinbaseClient): Promise<Balances> {
  const out: Balances = {}
  const { accounts } = await client.listAccounts({ limit: 250 })
  for (const a of accounts) out[a.currency] = a.available_balance.value.plus(a.hold?.value ?? 0).toFixed()
  return out
}

/** What the store holds right now (read between bot lives, never while one runs). */
export interface StoreCounts {
  orders: number
  fills: number
  /** Orders between intent and a venue answer: NEW, PENDING, UNKNOWN or CANCEL_PENDING. */
  inFlight: number
}

const IN_FLIGHT = new Set(['NEW', 'PENDING', 'UNKNOWN', 'CANCEL_PENDING'])

/** Counts of a store file (0s when the bot never got far enough to create it). */
export function storeCounts(file: string): StoreCounts {
  const store = SqliteStore.open({ file })
  try {
    const orders = store.listOrders()
    return {
      orders: orders.length,
      fills: store.listFills().length,
      inFlight: orders.filter((o) => IN_FLIGHT.has(o.status)).length,
    }
  } finally {
    store.close()
  }
}

/** The store compared with the venue after the loop. Every list is empty when all is well. */
export interface AuditReport {
  venueOrders: number
  storeOrders: number
  venueFills: number
  storeFills: number
  /** client_order_ids that appear more than once at the venue. */
  duplicateClientOrderIds: string[]
  /** Venue orders the store does not know. */
  unknownToStore: string[]
  /** Venue trade ids missing from the store. */
  lostFills: string[]
  /** Store trade ids the venue does not have, or that the store holds more than once. */
  extraFills: string[]
  /** Store orders still waiting for a venue answer after the clean run. */
  unresolved: string[]
  /** `currency: expected (store) vs actual (venue − start)` for each currency that differs. */
  balanceMismatches: string[]
  /** Net position per base currency from the store's fills. */
  positions: Record<string, string>
}

/**
 * Compares the bot's store with the venue: orders (no duplicate client order ids, none unknown to
 * the store), fills (the same trade ids on both sides, each once) and balances (start + the effect
 * of every stored fill, fees included, equals the venue's total, exactly).
 */
export async function auditAgainstVenue(
  client: CoinbaseClient,
  storeFile: string,
  startBalances: Balances,
  /** Called before each venue read (the test re-measures the sim's clock). */
  beforeRead: () => Promise<void> = async () => undefined,
): Promise<AuditReport> {
  const store = SqliteStore.open({ file: storeFile })
  let storeOrders: ReturnType<SqliteStore['listOrders']>
  let storeFills: ReturnType<SqliteStore['listFills']>
  try {
    storeOrders = store.listOrders()
    storeFills = store.listFills()
  } finally {
    store.close()
  }
  await beforeRead()
  const venueOrders = []
  for await (const o of iterateOrders(client, {})) venueOrders.push(o)
  await beforeRead()
  const venueFills = []
  for await (const f of iterateFills(client, {})) venueFills.push(f)
  await beforeRead()
  const balances = await venueBalances(client)

  const seen = new Map<string, number>()
  for (const o of venueOrders) seen.set(o.client_order_id, (seen.get(o.client_order_id) ?? 0) + 1)
  const known = new Set(storeOrders.map((o) => o.clientOrderId))
  const venueTradeIds = new Set(venueFills.map((f) => f.trade_id))
  const storeTradeIds = new Map<string, number>()
  for (const f of storeFills) storeTradeIds.set(f.tradeId, (storeTradeIds.get(f.tradeId) ?? 0) + 1)

  // Expected change per currency from the stored fills: base ± size, quote ∓ notional − fee.
  const delta = new Map<string, Decimal>()
  const add = (currency: string, amount: Decimal) =>
    delta.set(currency, (delta.get(currency) ?? new Decimal(0)).plus(amount))
  for (const f of storeFills) {
    const { base, quote } = parseProductId(f.symbol)
    const notional = f.price.times(f.size)
    if (f.side === 'BUY') {
      add(base, f.size)
      add(quote, notional.neg().minus(f.fee))
    } else {
      add(base, f.size.neg())
      add(quote, notional.minus(f.fee))
    }
  }
  const currencies = new Set([...Object.keys(startBalances), ...Object.keys(balances), ...delta.keys()])
  const balanceMismatches: string[] = []
  const positions: Record<string, string> = {}
  for (const c of [...currencies].sort()) {
    const expected = delta.get(c) ?? new Decimal(0)
    const actual = new Decimal(balances[c] ?? '0').minus(startBalances[c] ?? '0')
    if (!expected.eq(actual))
      balanceMismatches.push(`${c}: store ${expected.toFixed()} vs venue ${actual.toFixed()}`)
    if (c !== 'USD' && !expected.isZero()) positions[c] = expected.toFixed()
  }
  return {
    venueOrders: venueOrders.length,
    storeOrders: storeOrders.length,
    venueFills: venueFills.length,
    storeFills: storeFills.length,
    duplicateClientOrderIds: [...seen].filter(([, n]) => n > 1).map(([id]) => id),
    unknownToStore: venueOrders.map((o) => o.client_order_id).filter((id) => !known.has(id)),
    lostFills: [...venueTradeIds].filter((id) => !storeTradeIds.has(id)),
    extraFills: [...storeTradeIds].filter(([id, n]) => n > 1 || !venueTradeIds.has(id)).map(([id]) => id),
    unresolved: storeOrders
      .filter((o) => IN_FLIGHT.has(o.status))
      .map((o) => `${o.clientOrderId} ${o.status}`),
    balanceMismatches,
    positions,
  }
}
