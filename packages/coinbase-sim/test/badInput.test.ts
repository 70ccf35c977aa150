import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type CoinbaseSim, startCoinbaseSim } from '../src/index.js'
import { call, pub } from './helpers.js'
import { openWs } from './wsClient.js'

let sim: CoinbaseSim
beforeAll(async () => {
  sim = await startCoinbaseSim()
})
afterAll(async () => {
  await sim.close()
})

describe('bad input corpus', () => {
  it('answers malformed REST requests with Coinbase errors and keeps serving', async () => {
    const results: string[] = []
    const rec = (name: string, r: { status: number; text: string }): void => {
      results.push(`${name}: ${r.status} ${r.text.slice(0, 140)}`)
    }
    rec('unknown path', await pub(sim, '/nope'))
    rec(
      'outside prefix',
      await fetch(`${sim.restUrl}/favicon.ico`).then(async (r) => ({
        status: r.status,
        text: await r.text(),
      })),
    )
    rec('wrong method', await call(sim, 'DELETE', '/accounts'))
    rec(
      'wrong method public',
      await fetch(`${sim.restUrl}/api/v3/brokerage/time`, { method: 'POST' }).then(async (r) => ({
        status: r.status,
        text: await r.text(),
      })),
    )
    rec('malformed JSON', await call(sim, 'POST', '/orders', '{"product_id": "BTC-USD",'))
    rec('JSON array body', await call(sim, 'POST', '/orders', '[1,2]'))
    rec(
      'wrong type client_order_id',
      await call(sim, 'POST', '/orders', {
        client_order_id: 5,
        product_id: 'BTC-USD',
        side: 'BUY',
        order_configuration: {},
      }),
    )
    rec(
      'numeric size',
      await call(sim, 'POST', '/orders', {
        client_order_id: 'x',
        product_id: 'BTC-USD',
        side: 'BUY',
        order_configuration: { market_market_ioc: { base_size: 0.001 } },
      }),
    )
    rec(
      'exponent size',
      await call(sim, 'POST', '/orders', {
        client_order_id: 'y',
        product_id: 'BTC-USD',
        side: 'BUY',
        order_configuration: { market_market_ioc: { base_size: '1e-3' } },
      }),
    )
    rec(
      'unknown product order',
      await call(sim, 'POST', '/orders', {
        client_order_id: 'z',
        product_id: 'NOPE-USD',
        side: 'BUY',
        order_configuration: { market_market_ioc: { base_size: '1' } },
      }),
    )
    rec('batch_cancel not array', await call(sim, 'POST', '/orders/batch_cancel', { order_ids: 'abc' }))
    rec(
      'batch_cancel > 100',
      await call(sim, 'POST', '/orders/batch_cancel', {
        order_ids: Array.from({ length: 101 }, (_, i) => `id${i}`),
      }),
    )
    rec('edit without size', await call(sim, 'POST', '/orders/edit', { order_id: 'x', price: '1' }))
    rec('bad limit', await call(sim, 'GET', '/accounts?limit=abc'))
    rec('bad cursor', await call(sim, 'GET', '/accounts?cursor=%%%'))
    rec(
      'bad granularity',
      await pub(sim, '/market/products/BTC-USD/candles?start=1&end=2&granularity=TEN_SECONDS'),
    )
    rec('missing product_id', await pub(sim, '/market/product_book'))
    rec('bad date filter', await call(sim, 'GET', '/orders/historical/batch?start_date=yesterday'))
    rec('bad percent-escape', await pub(sim, '/market/products/%E0%A4%A'))
    rec('bad percent-escape in order id', await call(sim, 'GET', '/orders/historical/%E0%A4%A'))
    rec(
      'unauthenticated private',
      await fetch(`${sim.restUrl}/api/v3/brokerage/orders/historical/batch`).then(async (r) => ({
        status: r.status,
        text: await r.text(),
      })),
    )
    expect(results).toMatchInlineSnapshot(`
      [
        "unknown path: 404 {"error":"NOT_FOUND","error_details":"Not Found","message":"Not Found"}",
        "outside prefix: 404 {"error":"NOT_FOUND","error_details":"Not Found","message":"Not Found"}",
        "wrong method: 405 {"error":"METHOD_NOT_ALLOWED","error_details":"Method Not Allowed","message":"Method Not Allowed"}",
        "wrong method public: 405 {"error":"METHOD_NOT_ALLOWED","error_details":"Method Not Allowed","message":"Method Not Allowed"}",
        "malformed JSON: 400 {"error":"INVALID_ARGUMENT","error_details":"invalid character in request body","message":"invalid character in request body"}",
        "JSON array body: 400 {"error":"INVALID_ARGUMENT","error_details":"request body must be a JSON object","message":"request body must be a JSON object"}",
        "wrong type client_order_id: 400 {"error":"INVALID_ARGUMENT","error_details":"client_order_id must be a string","message":"client_order_id must be a string"}",
        "numeric size: 200 {"success":false,"failure_reason":"UNKNOWN_FAILURE_REASON","order_id":"","error_response":{"error":"INVALID_REQUEST","message":"base_size mu",
        "exponent size: 200 {"success":false,"failure_reason":"UNKNOWN_FAILURE_REASON","order_id":"","error_response":{"error":"INVALID_SIZE_PRECISION","message":"Inval",
        "unknown product order: 200 {"success":false,"failure_reason":"UNKNOWN_FAILURE_REASON","order_id":"","error_response":{"error":"INVALID_PRODUCT_ID","message":"Invalid p",
        "batch_cancel not array: 400 {"error":"INVALID_ARGUMENT","error_details":"order_ids must be an array of strings","message":"order_ids must be an array of strings"}",
        "batch_cancel > 100: 400 {"error":"INVALID_ARGUMENT","error_details":"order_ids must have at most 100 elements","message":"order_ids must have at most 100 elements"}",
        "edit without size: 400 {"error":"INVALID_ARGUMENT","error_details":"price and size are both required","message":"price and size are both required"}",
        "bad limit: 400 {"error":"INVALID_ARGUMENT","error_details":"limit must be an integer","message":"limit must be an integer"}",
        "bad cursor: 400 {"error":"INVALID_ARGUMENT","error_details":"cursor is invalid","message":"cursor is invalid"}",
        "bad granularity: 400 {"error":"INVALID_ARGUMENT","error_details":"granularity argument is invalid","message":"granularity argument is invalid"}",
        "missing product_id: 400 {"error":"INVALID_ARGUMENT","error_details":"product_id is required","message":"product_id is required"}",
        "bad date filter: 400 {"error":"INVALID_ARGUMENT","error_details":"start_date and end_date must be RFC 3339","message":"start_date and end_date must be RFC 3339"}",
        "bad percent-escape: 404 {"error":"NOT_FOUND","error_details":"Product %E0%A4%A not supported","message":"Product %E0%A4%A not supported"}",
        "bad percent-escape in order id: 404 {"error":"unknown","error_details":"order with this orderID was not found","message":"order with this orderID was not found"}",
        "unauthenticated private: 401 Unauthorized",
      ]
    `)
    expect((await pub(sim, '/time')).status).toBe(200)
  })

  it('answers garbage WebSocket frames with error frames and keeps the connection and server alive', async () => {
    const s = await openWs(sim.wsUrl)
    const garbage = [
      'not json',
      '{}',
      '[]',
      '{"type":"subscribe"}',
      '{"type":"subscribe","channel":"nope","product_ids":["BTC-USD"]}',
      '{"type":"subscribe","channel":"level2","product_ids":"BTC-USD"}',
      '{"type":"subscribe","channel":"level2","product_ids":["NOPE-USD"]}',
      '{"type":"subscribe","channel":"level2"}',
      '{"type":"subscribe","channel":"user"}',
      'null',
      '1e999',
    ]
    for (const g of garbage) s.send(g)
    s.ws.send(Buffer.from([0xff, 0x00, 0x01]))
    s.send({ type: 'subscribe', channel: 'heartbeats' })
    await s.waitFor((f) => f.channel === 'subscriptions')
    const errors = (s.frames as { type?: string; message?: string }[])
      .filter((f) => f?.type === 'error')
      .map((f) => f.message)
    expect(errors).toHaveLength(garbage.length + 1)
    expect(new Set(errors)).toEqual(new Set(['failure to subscribe', 'authentication failure']))
    s.close()
    const u = await openWs(sim.wsUserUrl)
    u.send({ type: 'subscribe', channel: 'level2', product_ids: ['BTC-USD'] })
    expect(await u.waitFor((f) => f.type === 'error')).toEqual({
      type: 'error',
      message: 'failure to subscribe',
    })
    u.close()
    expect((await pub(sim, '/time')).status).toBe(200)
  })
})
