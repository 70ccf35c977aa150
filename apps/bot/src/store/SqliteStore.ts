import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import {
  EventProjection,
  type Fill,
  type FillFilter,
  type Order,
  type OrderFilter,
  type Store,
  type TradeEvent,
  type TradeEventInput,
} from '@gpt-trader/live-trade'
import type { PersistedRiskState, StateStore } from '@gpt-trader/risk'
import Database from 'better-sqlite3'
import { BotError } from '../BotError.js'
import { migrations, SCHEMA_VERSION } from './migrations.js'

type Db = InstanceType<typeof Database>

/** Options of {@link SqliteStore}. */
export interface SqliteStoreOptions {
  /** Database file (created with its directory), or `':memory:'`. */
  file: string
  /** Clock for `saved_at` columns (default `Date.now`). */
  now?: () => number
  /**
   * Finished orders (with their fills) kept in memory besides every open one; older ones are
   * answered from SQLite. Default `Infinity` (all in memory: fine for commands that open the store
   * briefly); the long-running bot passes a bound so memory does not grow with every order.
   */
  retainTerminalOrders?: number | undefined
}

/**
 * The bot's durable state in SQLite (better-sqlite3, WAL journal, `synchronous=FULL`): live-trade's
 * {@link Store} port (the append-only event log, with order and fill views) and risk's
 * {@link StateStore} port (trading state holds). Every append is one transaction that writes the
 * event and the order / fill rows it changes, so a crash leaves either all of it or none.
 * Opening the store runs pending migrations (recorded in `schema_version`) and replays the log
 * into memory through live-trade's `EventProjection`, the same fold the engine uses.
 *
 * Synchronous on purpose: the write is on disk before `append` returns, which is the write-ahead
 * guarantee the engine relies on.
 *
 * @example
 * const store = SqliteStore.open({ file: 'var/data/dev/gpt-trader.sqlite' })
 * const engine = new ExecutionEngine({ broker, store })
 * store.close()
 */
export class SqliteStore implements Store, StateStore {
  readonly file: string
  #db: Db
  #view: EventProjection
  #now: () => number
  #failed: unknown
  #insertEvent: Database.Statement
  #upsertOrder: Database.Statement
  #insertFill: Database.Statement
  #saveRisk: Database.Statement

  private constructor(db: Db, file: string, now: () => number, retainTerminalOrders: number | undefined) {
    this.#db = db
    this.file = file
    this.#now = now
    this.#view = new EventProjection({ retainTerminalOrders })
    this.#insertEvent = db.prepare(
      'INSERT INTO events (seq, type, at, client_order_id, body) VALUES (?, ?, ?, ?, ?)',
    )
    this.#upsertOrder = db.prepare(
      `INSERT INTO orders (client_order_id, exchange_order_id, symbol, side, status, body, updated_seq)
       VALUES (@id, @exchangeId, @symbol, @side, @status, @body, @seq)
       ON CONFLICT (client_order_id) DO UPDATE SET exchange_order_id = @exchangeId, status = @status,
         body = @body, updated_seq = @seq`,
    )
    this.#insertFill = db.prepare(
      'INSERT OR IGNORE INTO fills (trade_id, client_order_id, symbol, body, seq) VALUES (?, ?, ?, ?, ?)',
    )
    this.#saveRisk = db.prepare(
      `INSERT INTO risk_state (id, body, saved_at) VALUES (1, ?, ?)
       ON CONFLICT (id) DO UPDATE SET body = excluded.body, saved_at = excluded.saved_at`,
    )
  }

  /** Opens (creating if needed) the database, migrates it and replays the event log. */
  static open(options: SqliteStoreOptions): SqliteStore {
    const file = options.file
    let db: Db
    try {
      if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
      db = new Database(file)
      db.pragma('journal_mode = WAL')
      db.pragma('synchronous = FULL')
      db.pragma('foreign_keys = ON')
      db.pragma('busy_timeout = 5000')
      // 1 MiB page cache instead of SQLite's 2 MiB default: appends and indexed lookups touch few
      // pages, and the bot's resident memory is budgeted.
      db.pragma('cache_size = -1024')
    } catch (error) {
      throw new BotError(`cannot open the state store ${file}`, { code: 'STORE_FAILED', cause: error })
    }
    try {
      migrate(db, options.now ?? Date.now)
      const store = new SqliteStore(db, file, options.now ?? Date.now, options.retainTerminalOrders)
      store.#replay()
      return store
    } catch (error) {
      db.close()
      throw error
    }
  }

  /** Schema version recorded in the database. */
  get schemaVersion(): number {
    return currentVersion(this.#db)
  }

  /** Number of events in the log. */
  get size(): number {
    return this.#view.lastSeq
  }

  /** The projection of the log (orders, fills, trading state, fills cursor). */
  get view(): EventProjection {
    return this.#view
  }

  append(event: TradeEventInput): TradeEvent {
    if (this.#failed !== undefined) {
      throw new BotError('the state store failed earlier and refuses further writes', {
        code: 'STORE_FAILED',
        cause: this.#failed,
      })
    }
    // Serialise once, as any database store would, and read back: what is applied is what is stored.
    const stored = { ...(JSON.parse(JSON.stringify(event)) as TradeEventInput), seq: this.#view.lastSeq + 1 }
    // The projection refuses an event that does not fit the log (STORE_CORRUPT) before anything is written.
    // Once it has forgotten orders it can no longer see a repeated intent or trade id: SQLite can.
    if (this.#view.forgottenOrders > 0) this.#refuseRepeat(stored)
    const probe = this.#view.lastSeq
    this.#view.apply(stored)
    try {
      this.#write(stored)
    } catch (error) {
      // Memory is now ahead of the disk: stop accepting writes rather than diverge further.
      this.#failed = error
      throw new BotError(`cannot write event #${stored.seq} (${stored.type}) to ${this.file}`, {
        code: 'STORE_FAILED',
        cause: error,
        details: `last durable event #${probe}`,
      })
    }
    return stored
  }

  read(afterSeq = 0): readonly TradeEvent[] {
    const rows = this.#db
      .prepare('SELECT seq, body FROM events WHERE seq > ? ORDER BY seq')
      .all(afterSeq) as { seq: number; body: string }[]
    return rows.map((row) => ({ ...(JSON.parse(row.body) as TradeEventInput), seq: row.seq }))
  }

  getOrder(clientOrderId: string): Order | undefined {
    const kept = this.#view.order(clientOrderId)
    if (kept !== undefined || this.#view.forgottenOrders === 0) return kept
    // A forgotten (finished) order: fold its own events again, through the same projection.
    const rows = this.#db
      .prepare('SELECT seq, body FROM events WHERE client_order_id = ? ORDER BY seq')
      .all(clientOrderId) as { seq: number; body: string }[]
    if (rows.length === 0) return undefined
    const one = new EventProjection()
    for (const row of rows) one.apply({ ...(JSON.parse(row.body) as TradeEventInput), seq: row.seq })
    return one.order(clientOrderId)
  }

  listOrders(filter?: OrderFilter): readonly Order[] {
    // Open orders are always in memory; anything wider needs the forgotten ones too.
    if (filter?.status === 'open' || this.#view.forgottenOrders === 0) return this.#view.orders(filter)
    return this.#fullView().orders(filter)
  }

  listFills(filter?: FillFilter): readonly Fill[] {
    if (this.#view.forgottenOrders === 0) return this.#view.fills(filter)
    return this.#fullView().fills(filter)
  }

  hasFill(tradeId: string): boolean {
    if (this.#view.hasFill(tradeId)) return true
    return this.#view.forgottenOrders > 0 && this.#tradeIdStored(tradeId)
  }

  /** Risk `StateStore`: the saved trading state, or undefined before the first save. */
  load(): unknown {
    const row = this.#db.prepare('SELECT body FROM risk_state WHERE id = 1').get() as
      | { body: string }
      | undefined
    if (row === undefined) return undefined
    try {
      return JSON.parse(row.body) as unknown
    } catch {
      // Unreadable state: the risk manager validates what `load` returns and starts HALTED.
      return { unreadable: true }
    }
  }

  /** Risk `StateStore`: saves the trading state (on disk when this returns). */
  save(state: PersistedRiskState): void {
    this.#saveRisk.run(JSON.stringify(state), this.#now())
  }

  /** A small named value kept across restarts (e.g. the starting cash), or undefined. */
  getMeta(key: string): string | undefined {
    const row = this.#db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as
      | { value: string }
      | undefined
    return row?.value
  }

  /** Sets a named value (durable when this returns). */
  setMeta(key: string, value: string): void {
    this.#db
      .prepare(
        'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      )
      .run(key, value)
  }

  /** Event counts by type (for `status` and the summary). */
  countByType(): Record<string, number> {
    const rows = this.#db.prepare('SELECT type, COUNT(*) AS n FROM events GROUP BY type').all() as {
      type: string
      n: number
    }[]
    return Object.fromEntries(rows.map((r) => [r.type, r.n]))
  }

  /** Checkpoints the WAL into the main file (called on shutdown). */
  flush(): void {
    if (this.#db.open) this.#db.pragma('wal_checkpoint(TRUNCATE)')
  }

  /** Flushes and closes the database. Safe to call twice. */
  close(): void {
    if (!this.#db.open) return
    try {
      this.flush()
    } finally {
      this.#db.close()
    }
  }

  #write(event: TradeEvent): void {
    const coid = 'clientOrderId' in event ? (event.clientOrderId ?? null) : null
    const { seq, ...body } = event
    this.#db.transaction(() => {
      this.#insertEvent.run(seq, event.type, event.at, coid, JSON.stringify(body))
      if (coid !== null) {
        const order = this.#view.order(coid)
        if (order) {
          this.#upsertOrder.run({
            id: order.clientOrderId,
            exchangeId: order.exchangeOrderId ?? null,
            symbol: order.symbol,
            side: order.side,
            status: order.status,
            body: JSON.stringify(order),
            seq,
          })
        }
      }
      if (event.type === 'order.fill') {
        this.#insertFill.run(
          event.fill.tradeId,
          event.clientOrderId,
          event.fill.symbol,
          JSON.stringify(event.fill),
          seq,
        )
      }
    })()
  }

  #tradeIdStored(tradeId: string): boolean {
    return this.#db.prepare('SELECT 1 FROM fills WHERE trade_id = ?').get(tradeId) !== undefined
  }

  /** What the bounded projection no longer catches: an order created twice, a trade counted twice. */
  #refuseRepeat(event: TradeEvent): void {
    const repeat =
      event.type === 'order.intent'
        ? this.#db.prepare('SELECT 1 FROM orders WHERE client_order_id = ?').get(event.clientOrderId) !==
            undefined && `order ${event.clientOrderId} already exists`
        : event.type === 'order.fill' && this.#tradeIdStored(event.fill.tradeId)
          ? `fill ${event.fill.tradeId} counted twice`
          : false
    if (repeat !== false) {
      throw new BotError(`event #${event.seq} (${event.type}) does not fit the log: ${repeat}`, {
        code: 'STORE_CORRUPT',
      })
    }
  }

  /** The whole log folded again, unbounded (for listings that must include forgotten orders). */
  #fullView(): EventProjection {
    const view = new EventProjection()
    for (const event of this.read()) view.apply(event)
    return view
  }

  #replay(): void {
    const rows = this.#db.prepare('SELECT seq, body FROM events ORDER BY seq').iterate() as IterableIterator<{
      seq: number
      body: string
    }>
    let expected = 1
    for (const row of rows) {
      if (row.seq !== expected) {
        throw new BotError(
          `the event log in ${this.file} has a gap: expected #${expected}, found #${row.seq}`,
          {
            code: 'STORE_FAILED',
          },
        )
      }
      this.#view.apply({ ...(JSON.parse(row.body) as TradeEventInput), seq: row.seq })
      expected++
    }
  }
}

function currentVersion(db: Db): number {
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_version').get() as { v: number | null }
  return row.v ?? 0
}

function migrate(db: Db, now: () => number): void {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL, description TEXT NOT NULL)',
  )
  const version = currentVersion(db)
  if (version > SCHEMA_VERSION) {
    throw new BotError(
      `the state store has schema version ${version}, newer than this bot's ${SCHEMA_VERSION}; upgrade the bot`,
      { code: 'STORE_VERSION' },
    )
  }
  const record = db.prepare('INSERT INTO schema_version (version, applied_at, description) VALUES (?, ?, ?)')
  for (const m of migrations) {
    if (m.version <= version) continue
    db.transaction(() => {
      db.exec(m.sql)
      record.run(m.version, now(), m.description)
    })()
  }
}
