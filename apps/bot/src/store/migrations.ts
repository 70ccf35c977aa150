/** One schema step. Migrations run in order, each in its own transaction, and are never edited once shipped. */
export interface Migration {
  version: number
  description: string
  sql: string
}

/** The schema of `gpt-trader.sqlite`, oldest first. The newest `version` is the schema version. */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    description: 'event log, order and fill views, risk state, meta',
    sql: `
      CREATE TABLE events (
        seq INTEGER PRIMARY KEY,
        type TEXT NOT NULL,
        at INTEGER NOT NULL,
        client_order_id TEXT,
        body TEXT NOT NULL
      );
      CREATE INDEX events_client_order_id ON events (client_order_id);
      CREATE INDEX events_type ON events (type);
      CREATE TABLE orders (
        client_order_id TEXT PRIMARY KEY,
        exchange_order_id TEXT,
        symbol TEXT NOT NULL,
        side TEXT NOT NULL,
        status TEXT NOT NULL,
        body TEXT NOT NULL,
        updated_seq INTEGER NOT NULL
      );
      CREATE INDEX orders_status ON orders (status);
      CREATE TABLE fills (
        trade_id TEXT PRIMARY KEY,
        client_order_id TEXT NOT NULL,
        symbol TEXT NOT NULL,
        body TEXT NOT NULL,
        seq INTEGER NOT NULL
      );
      CREATE TABLE risk_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        body TEXT NOT NULL,
        saved_at INTEGER NOT NULL
      );
      CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
    `,
  },
]

/** The schema version this build writes. */
export const SCHEMA_VERSION: number = migrations[migrations.length - 1]?.version ?? 0
