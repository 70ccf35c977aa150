import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { InMemoryStore, type TradeEventInput } from '@gpt-trader/live-trade'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { isBotError } from '../BotError.js'
import { SqliteStore } from './SqliteStore.js'

const dirs: string[] = []
function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bot-store-'))
  dirs.push(dir)
  return join(dir, 'nested', 'gpt-trader.sqlite')
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

const intent = (id: string): TradeEventInput => ({
  type: 'order.intent',
  at: 1,
  clientOrderId: id,
  source: 'engine',
  intent: {
    symbol: 'BTC-USD',
    side: 'BUY',
    type: 'MARKET',
    size: '0.001',
    timeInForce: 'IOC',
    postOnly: false,
    reduceOnly: false,
  },
})

const lifecycle = (id: string): TradeEventInput[] => [
  intent(id),
  { type: 'order.submitted', at: 2, clientOrderId: id },
  { type: 'order.acknowledged', at: 3, clientOrderId: id, exchangeOrderId: `x-${id}` },
  {
    type: 'order.fill',
    at: 4,
    clientOrderId: id,
    fill: {
      tradeId: `t-${id}`,
      exchangeOrderId: `x-${id}`,
      symbol: 'BTC-USD',
      side: 'BUY',
      price: '50000.01',
      size: '0.001',
      fee: '0.3',
      liquidity: 'TAKER',
      time: 4,
    },
  },
]

describe('SqliteStore', () => {
  it('creates the file with WAL and records the schema version', () => {
    const file = tempFile()
    const store = SqliteStore.open({ file })
    expect(store.schemaVersion).toBe(1)
    store.close()
    const db = new Database(file, { readonly: true })
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.prepare('SELECT version, description FROM schema_version').all()).toMatchInlineSnapshot(`
      [
        {
          "description": "event log, order and fill views, risk state, meta",
          "version": 1,
        },
      ]
    `)
    db.close()
  })

  it('appends events with sequence numbers and projects orders and fills like InMemoryStore', () => {
    const store = SqliteStore.open({ file: tempFile() })
    const memory = new InMemoryStore()
    for (const event of [...lifecycle('a'), ...lifecycle('b')]) {
      const stored = store.append(event)
      expect(stored).toEqual(memory.append(event))
    }
    expect(store.size).toBe(8)
    expect(store.read(6).map((e) => e.seq)).toEqual([7, 8])
    expect(JSON.stringify(store.listOrders())).toBe(JSON.stringify(memory.listOrders()))
    expect(JSON.stringify(store.listFills())).toBe(JSON.stringify(memory.listFills()))
    expect(store.getOrder('a')?.status).toBe(memory.getOrder('a')?.status)
    expect(store.hasFill('t-b')).toBe(true)
    expect(store.hasFill('t-c')).toBe(false)
    expect(store.countByType()).toEqual({
      'order.intent': 2,
      'order.submitted': 2,
      'order.acknowledged': 2,
      'order.fill': 2,
    })
    store.close()
  })

  it('replays the log on reopen (restart) and keeps numbering', () => {
    const file = tempFile()
    const first = SqliteStore.open({ file })
    for (const event of lifecycle('a')) first.append(event)
    const before = JSON.stringify(first.listOrders())
    first.close()
    const second = SqliteStore.open({ file })
    expect(JSON.stringify(second.listOrders())).toBe(before)
    expect(second.append(intent('c')).seq).toBe(5)
    expect(second.read().length).toBe(5)
    second.close()
  })

  it('refuses an event that does not fit the log and writes nothing', () => {
    const file = tempFile()
    const store = SqliteStore.open({ file })
    expect(() => store.append({ type: 'order.submitted', at: 1, clientOrderId: 'nope' })).toThrow(
      /STORE_CORRUPT|unknown|nope/,
    )
    store.close()
    const again = SqliteStore.open({ file })
    expect(again.size).toBe(0)
    again.close()
  })

  it('materialises order and fill rows in the same transaction as the event', () => {
    const file = tempFile()
    const store = SqliteStore.open({ file })
    for (const event of lifecycle('a')) store.append(event)
    store.close()
    const db = new Database(file, { readonly: true })
    expect(
      db.prepare('SELECT client_order_id, exchange_order_id, status, updated_seq FROM orders').all(),
    ).toMatchInlineSnapshot(`
        [
          {
            "client_order_id": "a",
            "exchange_order_id": "x-a",
            "status": "NEW",
            "updated_seq": 4,
          },
        ]
      `)
    expect(db.prepare('SELECT trade_id, client_order_id, seq FROM fills').all()).toEqual([
      { trade_id: 't-a', client_order_id: 'a', seq: 4 },
    ])
    db.close()
  })

  it('bounded (retainTerminalOrders): memory stays small, answers stay those of the whole log', () => {
    const file = tempFile()
    const bounded = SqliteStore.open({ file, retainTerminalOrders: 2 })
    const full = new InMemoryStore()
    const finished = (id: string): TradeEventInput[] => [
      ...lifecycle(id),
      { type: 'order.state', at: 5, clientOrderId: id, from: 'NEW', to: 'FILLED', reason: 'filled' },
    ]
    for (let i = 0; i < 12; i++) for (const event of finished(`o${i}`)) full.append(bounded.append(event))
    // 12 finished orders written; at most the last 2 (+ the newest, finished after the last intent) kept.
    expect(bounded.view.retained.orders).toBeLessThanOrEqual(3)
    expect(bounded.view.forgottenOrders).toBeGreaterThanOrEqual(9)
    const same = (store: SqliteStore) => {
      for (let i = 0; i < 12; i++)
        expect(JSON.stringify(store.getOrder(`o${i}`))).toBe(JSON.stringify(full.getOrder(`o${i}`)))
      expect(store.getOrder('never')).toBeUndefined()
      expect(JSON.stringify(store.listOrders())).toBe(JSON.stringify(full.listOrders()))
      expect(JSON.stringify(store.listFills())).toBe(JSON.stringify(full.listFills()))
      expect(JSON.stringify(store.listFills({ clientOrderId: 'o0' }))).toBe(
        JSON.stringify(full.listFills({ clientOrderId: 'o0' })),
      )
      expect(JSON.stringify(store.listOrders({ status: 'open' }))).toBe(
        JSON.stringify(full.listOrders({ status: 'open' })),
      )
      expect(store.hasFill('t-o0')).toBe(true)
      expect(store.hasFill('t-none')).toBe(false)
    }
    same(bounded)
    // A forgotten order created again, or a forgotten trade counted again: refused, nothing written.
    const size = bounded.size
    let error: unknown
    try {
      bounded.append(intent('o0'))
    } catch (e) {
      error = e
    }
    expect(isBotError(error) && error.code).toBe('STORE_CORRUPT')
    bounded.append(intent('n1'))
    const repeatFill = lifecycle('n1')[3]!
    expect(() =>
      bounded.append({
        ...repeatFill,
        fill: { ...(repeatFill as { fill: object }).fill, tradeId: 't-o1' },
      } as TradeEventInput),
    ).toThrow(/counted twice/)
    expect(bounded.size).toBe(size + 1) // only n1's intent; the store still takes writes
    bounded.close()
    // Reopened with the same bound: the replay forgets the same way and answers the same.
    const reopened = SqliteStore.open({ file, retainTerminalOrders: 2 })
    full.append(intent('n1'))
    same(reopened)
    reopened.close()
  })

  it('implements the risk StateStore port', () => {
    const file = tempFile()
    const store = SqliteStore.open({ file, now: () => 7 })
    expect(store.load()).toBeUndefined()
    const state = { version: 1 as const, holds: {}, history: [], meta: { day: '2026-01-01' } }
    store.save(state)
    store.setMeta('startingCash', '100000')
    store.close()
    const again = SqliteStore.open({ file })
    expect(again.load()).toEqual(state)
    expect(again.getMeta('startingCash')).toBe('100000')
    expect(again.getMeta('nope')).toBeUndefined()
    again.close()
  })

  it('refuses a database written by a newer schema', () => {
    const file = tempFile()
    SqliteStore.open({ file }).close()
    const db = new Database(file)
    db.prepare('INSERT INTO schema_version (version, applied_at, description) VALUES (99, 0, ?)').run(
      'future',
    )
    db.close()
    let error: unknown
    try {
      SqliteStore.open({ file })
    } catch (e) {
      error = e
    }
    expect(isBotError(error) && error.code).toBe('STORE_VERSION')
    expect((error as Error).message).toMatchInlineSnapshot(
      `"the state store has schema version 99, newer than this bot's 1; upgrade the bot"`,
    )
  })
})
