import { startHttpServer } from '@gpt-trader/test-utils'
import { Decimal } from 'decimal.js'
import { afterEach, describe, expect, it } from 'vitest'
import { caught } from '../../test/rest-helpers/caught.js'
import { makeEdKey } from '../../test/rest-helpers/keys.js'
import { fakeTime } from '../../test/rest-helpers/timing.js'
import { createCoinbaseClient } from '../client/createCoinbaseClient.js'
import type { InvalidOrder } from '../errors/ExchangeError.js'
import {
  isInsufficientFundsError,
  isInvalidArgumentError,
  isInvalidOrderError,
  isOrderStatusUnknownError,
} from '../errors/guards.js'

type Server = Awaited<ReturnType<typeof startHttpServer>>
const servers: Server[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

const key = makeEdKey()

interface Exchange {
  orders: { client_order_id: string; order_id: string }[]
  posts: number
}

/**
 * A tiny order endpoint: `behaviour(n)` decides what the n-th POST /orders does: 'ok' answers, 'drop'
 * creates the order but never answers, 'hang' never answers and creates nothing, or a status code.
 */
async function exchange(
  behaviour: (n: number) => 'ok' | 'drop' | 'hang' | 'garbage' | number,
  lookup: 'ok' | 'fail' = 'ok',
): Promise<{ server: Server; state: Exchange }> {
  const state: Exchange = { orders: [], posts: 0 }
  const server = await startHttpServer((req, res) => {
    const path = (req.url ?? '').split('?')[0]
    if (req.method === 'POST' && path === '/api/v3/brokerage/orders') {
      state.posts++
      const action = behaviour(state.posts)
      const body = JSON.parse(req.body) as { client_order_id: string; product_id: string; side: string }
      if (action === 'hang') return
      if (typeof action === 'number') {
        res.writeHead(action, action === 429 ? { 'retry-after': '1' } : {})
        res.end('')
        return
      }
      let order = state.orders.find((o) => o.client_order_id === body.client_order_id)
      if (!order) {
        order = { client_order_id: body.client_order_id, order_id: `order-${state.orders.length + 1}` }
        state.orders.push(order)
      }
      if (action === 'drop') return
      if (action === 'garbage') {
        res.writeHead(200, { 'content-type': 'text/html' })
        res.end('<html>upstream hiccup</html>')
        return
      }
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(
        JSON.stringify({
          success: true,
          order_id: order.order_id,
          success_response: {
            order_id: order.order_id,
            product_id: body.product_id,
            side: body.side,
            client_order_id: body.client_order_id,
          },
        }),
      )
      return
    }
    if (req.method === 'GET' && path === '/api/v3/brokerage/orders/historical/batch') {
      if (lookup === 'fail') {
        res.writeHead(503)
        res.end('')
        return
      }
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(
        JSON.stringify({
          orders: state.orders.map((o) => ({
            order_id: o.order_id,
            product_id: 'BTC-USD',
            side: 'BUY',
            client_order_id: o.client_order_id,
            status: 'OPEN',
            order_configuration: {
              limit_limit_gtc: { base_size: '0.001', limit_price: '50000', post_only: false },
            },
          })),
          has_next: false,
          cursor: '',
        }),
      )
      return
    }
    res.writeHead(404)
    res.end('')
  })
  servers.push(server)
  return { server, state }
}

function client(server: Server, extra: Parameters<typeof createCoinbaseClient>[0] = {}) {
  return createCoinbaseClient({
    baseUrl: server.url,
    credentials: { apiKeyName: 'key-1', privateKey: key.base64Pair },
    timeoutMs: 10_000,
    ...fakeTime(),
    ...extra,
  })
}

const order = {
  client_order_id: 'c0ffee00-0000-4000-8000-000000000001',
  product_id: 'BTC-USD',
  side: 'BUY' as const,
  order_configuration: {
    limit_limit_gtc: { base_size: new Decimal('0.001'), limit_price: '50000', post_only: false },
  },
}

describe('createOrder', () => {
  it('sends decimal strings and returns the accepted order', async () => {
    const { server } = await exchange(() => 'ok')
    const result = await client(server).createOrder(order)
    expect(result).toMatchObject({
      success: true,
      order_id: 'order-1',
      client_order_id: order.client_order_id,
      recovered: false,
    })
    expect(JSON.parse(server.requests[0]!.body)).toEqual({
      client_order_id: order.client_order_id,
      product_id: 'BTC-USD',
      side: 'BUY',
      order_configuration: {
        limit_limit_gtc: { base_size: '0.001', limit_price: '50000', post_only: false },
      },
    })
  })

  it('generates a client_order_id when none is given', async () => {
    const { server } = await exchange(() => 'ok')
    const { client_order_id: _, ...rest } = order
    const result = await client(server).createOrder(rest)
    expect(result.client_order_id).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    )
    expect(JSON.parse(server.requests[0]!.body).client_order_id).toBe(result.client_order_id)
  })

  it('timeout after the exchange created the order → found by client_order_id, never sent twice', async () => {
    const { server, state } = await exchange(() => 'drop')
    const result = await client(server, { timeoutMs: 800 }).createOrder(order)
    expect(result).toMatchObject({
      order_id: 'order-1',
      client_order_id: order.client_order_id,
      recovered: true,
    })
    expect(state.posts).toBe(1)
    expect(state.orders).toHaveLength(1)
    expect(server.requests.map((r) => `${r.method} ${r.url.split('?')[0]}`)).toEqual([
      'POST /api/v3/brokerage/orders',
      'GET /api/v3/brokerage/orders/historical/batch',
    ])
    expect(server.requests[1]!.url).toContain('product_ids=BTC-USD')
  })

  it('timeout before the exchange saw it → lookup finds nothing → re-sent with the same client_order_id', async () => {
    const { server, state } = await exchange((n) => (n === 1 ? 'hang' : 'ok'))
    const result = await client(server, { timeoutMs: 800 }).createOrder(order)
    expect(result).toMatchObject({ order_id: 'order-1', recovered: false })
    const posts = server.requests
      .filter((r) => r.method === 'POST')
      .map((r) => JSON.parse(r.body).client_order_id)
    expect(posts).toEqual([order.client_order_id, order.client_order_id])
    expect(state.orders).toHaveLength(1)
    expect(server.requests.map((r) => r.method)).toEqual(['POST', 'GET', 'POST'])
  })

  it('timeout and a failing lookup → OrderStatusUnknown (not failed), nothing re-sent', async () => {
    const { server, state } = await exchange(() => 'drop', 'fail')
    const error = await caught(client(server, { timeoutMs: 800, retry: { retries: 1 } }).createOrder(order))
    expect(isOrderStatusUnknownError(error)).toBe(true)
    expect((error as { clientOrderId?: string }).clientOrderId).toBe(order.client_order_id)
    expect(state.posts).toBe(1)
    expect(error.message).toMatchInlineSnapshot(`
      "Order c0ffee00-0000-4000-8000-000000000001 may or may not have been placed: no answer, and the lookup failed.

      Details: No answer within 800 ms for POST /api/v3/brokerage/orders; then the lookup by client_order_id failed: Coinbase is not available (HTTP 503) for GET /api/v3/brokerage/orders/historical/batch"
    `)
  })

  it('an unreadable 200 answer → lookup first; the created order is returned, not an error', async () => {
    const { server, state } = await exchange(() => 'garbage')
    const result = await client(server).createOrder(order)
    expect(result).toMatchObject({ order_id: 'order-1', recovered: true })
    expect(state.posts).toBe(1)
  })

  it('5xx is treated like a timeout (the order may exist): lookup first', async () => {
    const { server, state } = await exchange((n) => (n === 1 ? 502 : 'ok'))
    await client(server).createOrder(order)
    expect(server.requests.map((r) => r.method)).toEqual(['POST', 'GET', 'POST'])
    expect(state.orders).toHaveLength(1)
  })

  it('429 is re-sent (same client_order_id) after Retry-After without a lookup', async () => {
    const { server } = await exchange((n) => (n === 1 ? 429 : 'ok'))
    const t = fakeTime()
    const result = await client(server, { ...t }).createOrder(order)
    expect(result.order_id).toBe('order-1')
    expect(server.requests.map((r) => r.method)).toEqual(['POST', 'POST'])
    expect(t.delays.some((d) => d >= 1000)).toBe(true)
  })

  it('every attempt unanswered and never found → OrderStatusUnknown after maxAttempts', async () => {
    const { server, state } = await exchange(() => 'hang')
    const sent: string[] = []
    const spy: typeof fetch = (input, init) => {
      const request = input instanceof Request ? input : new Request(input, init)
      sent.push(request.method)
      return fetch(input, init)
    }
    const error = await caught(
      client(server, { timeoutMs: 800, fetch: spy }).createOrder(order, { maxAttempts: 2 }),
    )
    expect(isOrderStatusUnknownError(error)).toBe(true)
    expect(sent).toEqual(['POST', 'GET', 'POST', 'GET'])
    expect(state.orders).toHaveLength(0)
  })

  it('refusals throw InvalidOrder / InsufficientFunds carrying the reason', async () => {
    let n = 0
    const server = await startHttpServer((_req, res) => {
      n++
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(
        JSON.stringify(
          n === 1
            ? {
                success: false,
                error_response: {
                  error: 'INSUFFICIENT_FUND',
                  message: 'Insufficient balance in source account',
                  new_order_failure_reason: 'INSUFFICIENT_FUND',
                  preview_failure_reason: 'UNKNOWN_PREVIEW_FAILURE_REASON',
                },
              }
            : {
                success: false,
                error_response: {
                  error: 'UNKNOWN_FAILURE_REASON',
                  preview_failure_reason: 'PREVIEW_INVALID_SIZE_PRECISION',
                },
              },
        ),
      )
    })
    servers.push(server)
    const c = client(server)
    const funds = await caught(c.createOrder(order))
    const precision = (await caught(c.createOrder(order))) as InvalidOrder
    expect(isInsufficientFundsError(funds)).toBe(true)
    expect(isInvalidOrderError(precision) && !isInsufficientFundsError(precision)).toBe(true)
    expect(precision.previewFailureReason).toBe('PREVIEW_INVALID_SIZE_PRECISION')
    expect(precision.failureReason).toBe('PREVIEW_INVALID_SIZE_PRECISION')
    expect({ funds: funds.message, precision: precision.message }).toMatchInlineSnapshot(`
      {
        "funds": "Coinbase refused order c0ffee00-0000-4000-8000-000000000001: INSUFFICIENT_FUND

      Details: Insufficient balance in source account",
        "precision": "Coinbase refused order c0ffee00-0000-4000-8000-000000000001: PREVIEW_INVALID_SIZE_PRECISION",
      }
    `)
    expect(server.requests).toHaveLength(2)
  })

  it('refuses JS numbers and malformed configurations before sending', async () => {
    const { server } = await exchange(() => 'ok')
    const c = client(server)
    const error = await caught(
      c.createOrder({
        ...order,
        order_configuration: {
          limit_limit_gtc: { base_size: 0.001 as unknown as string, limit_price: '1e5', post_only: false },
        },
      }),
    )
    expect(isInvalidArgumentError(error)).toBe(true)
    expect(error.message).toMatchInlineSnapshot(`
      "Invalid order configuration: 2 issues

      Details: order_configuration.limit_limit_gtc.base_size: must be a decimal string or Decimal, not the number 0.001 (JS numbers lose precision); order_configuration.limit_limit_gtc.limit_price: must be a plain decimal string like "0.001", got "1e5""
    `)
    expect(server.requests).toHaveLength(0)
  })
})
