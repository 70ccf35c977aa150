import { fieldMutation } from '@gpt-trader/test-utils'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call, pub } from '../test/helpers.js'
import { type CoinbaseSim, startCoinbaseSim } from './index.js'

// Fuzzing (issue #10 item 5): the sim's REST endpoints get near-valid and random JSON bodies and
// query strings over real HTTP on 127.0.0.1. Every answer is a 2xx or a 4xx with a Coinbase-style
// JSON error body; never a 5xx, and the server keeps serving.

const RUNS = 60

let sim: CoinbaseSim
beforeAll(async () => {
  sim = await startCoinbaseSim({ products: ['BTC-USD', 'ETH-USD'] })
})
afterAll(async () => {
  await sim.close()
})

const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, 0, -1, 0.001, 1e308, {}, [], '', [null], { a: 1 }),
  fc.constantFrom(
    'NaN',
    'Infinity',
    '-1',
    '0',
    '1e5',
    '1e-400',
    '0.000000001',
    '9'.repeat(400),
    '__proto__',
    'constructor',
  ),
  fc.constantFrom(
    'BTC-USD',
    'btc-usd',
    'NOPE-USD',
    'BUY',
    'SELL',
    'buy',
    'GOOD_UNTIL_CANCELLED',
    '2026-01-01T00:00:00Z',
  ),
  fc.string({ maxLength: 12 }),
  fc.anything({ maxDepth: 2, maxKeys: 3 }).map((v) => JSON.parse(JSON.stringify(v) ?? 'null') as unknown),
)

const validOrders: Record<string, unknown>[] = [
  {
    client_order_id: 'c',
    product_id: 'BTC-USD',
    side: 'BUY',
    order_configuration: { market_market_ioc: { quote_size: '10' } },
  },
  {
    client_order_id: 'c',
    product_id: 'BTC-USD',
    side: 'SELL',
    order_configuration: { market_market_ioc: { base_size: '0.001' } },
  },
  {
    client_order_id: 'c',
    product_id: 'ETH-USD',
    side: 'BUY',
    order_configuration: { limit_limit_gtc: { base_size: '0.01', limit_price: '100', post_only: false } },
  },
  {
    client_order_id: 'c',
    product_id: 'BTC-USD',
    side: 'SELL',
    order_configuration: {
      stop_limit_stop_limit_gtc: {
        base_size: '0.001',
        limit_price: '1000000',
        stop_price: '999999',
        stop_direction: 'STOP_DIRECTION_STOP_UP',
      },
    },
  },
]

/** A valid order body with one field dropped or replaced. */
const mutatedOrder = fc
  .constantFrom(...validOrders)
  .chain((order) => fieldMutation(order, junk))
  .map(({ value }) => value)

function expectCoinbaseAnswer(r: { status: number; json: unknown; text: string }, what: string): void {
  expect(r.status, `${what} → ${r.status} ${r.text.slice(0, 200)}`).toBeLessThan(500)
  expect(r.status).toBeGreaterThanOrEqual(200)
  if (r.status >= 400 && r.status !== 401) {
    const body = r.json as { error?: unknown; message?: unknown } | null
    expect(typeof body?.error, r.text.slice(0, 200)).toBe('string')
    expect(typeof body?.message).toBe('string')
  }
}

const postPaths = [
  '/orders',
  '/orders/preview',
  '/orders/batch_cancel',
  '/orders/edit',
  '/orders/edit_preview',
] as const

describe('coinbase-sim REST under fuzzing', () => {
  it('near-valid order bodies on every POST endpoint: 2xx or a 4xx JSON error', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...postPaths), mutatedOrder, async (path, body) => {
        expectCoinbaseAnswer(
          await call(sim, 'POST', path, body),
          `POST ${path} ${JSON.stringify(body).slice(0, 200)}`,
        )
      }),
      { numRuns: RUNS },
    )
    expect((await pub(sim, '/time')).status).toBe(200)
  })

  it('edit and cancel bodies with random fields', async () => {
    const body = fc.record(
      {
        order_id: junk,
        order_ids: fc.oneof(junk, fc.array(junk, { maxLength: 120 })),
        price: junk,
        size: junk,
        __proto__: junk,
      },
      { requiredKeys: [] },
    )
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...postPaths), body, async (path, b) => {
        expectCoinbaseAnswer(
          await call(sim, 'POST', path, b),
          `POST ${path} ${JSON.stringify(b).slice(0, 200)}`,
        )
      }),
      { numRuns: RUNS },
    )
  })

  it('raw body text (not JSON, cut off, deeply nested, huge): a 4xx, never a 5xx', async () => {
    const text = fc.oneof(
      fc.string({ maxLength: 100 }),
      fc.string({ unit: 'binary', maxLength: 100 }),
      fc.json({ maxDepth: 4 }),
      fc.nat({ max: 120 }).map((cut) => JSON.stringify(validOrders[0]).slice(0, cut)),
      fc.integer({ min: 100, max: 3_000 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`),
      fc.constantFrom('null', '[]', '"x"', '1e999', `{"product_id":"${'A'.repeat(900_000)}"}`),
    )
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...postPaths), text, async (path, raw) => {
        expectCoinbaseAnswer(await call(sim, 'POST', path, raw), `POST ${path} ${raw.slice(0, 100)}`)
      }),
      { numRuns: RUNS / 2 },
    )
    expect((await pub(sim, '/time')).status).toBe(200)
  })

  it('a body over the 1 MB limit gets a 413 JSON answer and the server keeps serving', async () => {
    const r = await call(sim, 'POST', '/orders', `{"a":"${'b'.repeat(1_100_000)}"}`)
    expect(r.status).toBe(413)
    expect((await pub(sim, '/time')).status).toBe(200)
  })

  it('random query strings on the GET endpoints', async () => {
    const gets = [
      '/orders/historical/batch',
      '/orders/historical/fills',
      '/accounts',
      '/products',
      '/best_bid_ask',
      '/product_book',
      '/products/BTC-USD/candles',
      '/products/BTC-USD/ticker',
      '/transaction_summary',
      '/portfolios',
    ] as const
    const names = [
      'limit',
      'cursor',
      'product_id',
      'product_ids',
      'start',
      'end',
      'granularity',
      'order_status',
      'start_date',
      'end_date',
      'sort_by',
      '__proto__',
    ]
    const query = fc.array(
      fc.tuple(
        fc.constantFrom(...names),
        fc.oneof(
          fc.string({ maxLength: 10 }),
          fc.constantFrom('-1', '0', '1e3', '999999999999', 'NaN', 'ONE_MINUTE', '%zz', 'BTC-USD'),
        ),
      ),
      { maxLength: 4 },
    )
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...gets), query, async (path, pairs) => {
        const qs = pairs.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')
        expectCoinbaseAnswer(await call(sim, 'GET', `${path}?${qs}`), `GET ${path}?${qs}`)
      }),
      { numRuns: RUNS },
    )
  })
})
