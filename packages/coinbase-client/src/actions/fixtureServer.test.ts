import { loadFixture, startHttpServer } from '@gpt-trader/test-utils'
import { Decimal } from 'decimal.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeEcKey } from '../../test/rest-helpers/keys.js'
import { type CoinbaseClient, createCoinbaseClient } from '../client/createCoinbaseClient.js'

/**
 * Endpoints the simulated exchange does not serve (payment methods, INTX, portfolio transfers, close
 * position, one CFM position) are checked against a throwaway server answering with the recorded
 * Coinbase fixtures; pagination edge cases too.
 */
type Server = Awaited<ReturnType<typeof startHttpServer>>
let server: Server
let client: CoinbaseClient
let fillPages = 0

const routes: Record<string, () => [number, unknown]> = {
  'GET /api/v3/brokerage/payment_methods': () => [200, loadFixture('rest/payment_methods.json')],
  'GET /api/v3/brokerage/payment_methods/21b39a5d-f7b46876fb2e': () => [
    200,
    loadFixture('rest/get_payment_method.json'),
  ],
  'GET /api/v3/brokerage/intx/positions/pf-1': () => [200, loadFixture('rest/intx_positions.json')],
  'POST /api/v3/brokerage/portfolios/move_funds': () => [200, loadFixture('rest/move_portfolio_funds.json')],
  'POST /api/v3/brokerage/orders/close_position': () => [200, loadFixture('rest/create_order_success.json')],
  'GET /api/v3/brokerage/cfm/positions/BIT-26APR24-CDE': () => [
    200,
    {
      position: {
        product_id: 'BIT-26APR24-CDE',
        expiration_time: '2024-04-26T15:00:00Z',
        side: 'LONG',
        number_of_contracts: '2',
        current_price: '64000',
        avg_entry_price: '63000',
        unrealized_pnl: '20',
        daily_realized_pnl: '0',
      },
    },
  ],
  'GET /api/v3/brokerage/orders/historical/fills': () => {
    fillPages++
    // A server that keeps handing back the same cursor must not make the iterator loop forever.
    return [200, { ...(loadFixture('rest/list_fills.json') as object), cursor: 'same' }]
  },
  'GET /api/v3/brokerage/accounts': () => [200, loadFixture('rest/list_accounts.json')],
}

beforeAll(async () => {
  server = await startHttpServer((req, res) => {
    const route = routes[`${req.method} ${(req.url ?? '').split('?')[0]}`]
    const [status, body] = route ? route() : [404, { error: 'NOT_FOUND', message: 'route not found' }]
    res.writeHead(status, { 'content-type': 'application/json' })
    res.end(JSON.stringify(body))
  })
  client = createCoinbaseClient({
    baseUrl: server.url,
    credentials: { apiKeyName: 'organizations/o/apiKeys/k', privateKey: makeEcKey().pkcs8Pem },
  })
})
afterAll(async () => {
  await server.close()
})

describe('actions served from recorded fixtures', () => {
  it('payment methods', async () => {
    const { payment_methods } = await client.listPaymentMethods()
    expect(payment_methods[0]?.currency).toBe('CAD')
    const { payment_method } = await client.getPaymentMethod({ payment_method_id: '21b39a5d-f7b46876fb2e' })
    expect(payment_method.created_at).toEqual(new Date('2023-06-29T19:58:46Z'))
  })

  it('INTX perpetuals positions and a CFM position', async () => {
    const { positions, portfolio_summary } = await client.listPerpetualsPositions({ portfolio_uuid: 'pf-1' })
    expect(positions[0]?.net_size?.toFixed()).toBe('20')
    expect(positions[0]?.mark_price?.value.toFixed()).toBe('0.5657')
    expect(portfolio_summary?.collateral).toBeNull()
    const { position } = await client.getFuturesPosition({ product_id: 'BIT-26APR24-CDE' })
    expect(position.avg_entry_price?.toFixed()).toBe('63000')
  })

  it('portfolio transfer sends the amount as a decimal string', async () => {
    const result = await client.movePortfolioFunds({
      funds: { value: new Decimal('10.50'), currency: 'USD' },
      source_portfolio_uuid: 'a',
      target_portfolio_uuid: 'b',
    })
    expect(result.target_portfolio_uuid).toBe('1f9a3c22-0a11-4b6d-9f2e-2b7d5e0a1c88')
    const sent = server.requests.find((r) => r.url.endsWith('/portfolios/move_funds'))
    expect(JSON.parse(sent!.body)).toEqual({
      funds: { value: '10.5', currency: 'USD' },
      source_portfolio_uuid: 'a',
      target_portfolio_uuid: 'b',
    })
  })

  it('closePosition sends a client_order_id and returns the order', async () => {
    const placed = await client.closePosition({ product_id: 'BIT-26APR24-CDE', size: '1' })
    expect(placed.order_id).toBe('52cfe5e2-0b29-4c19-a245-a6a773de5030')
    const sent = JSON.parse(server.requests.find((r) => r.url.endsWith('/close_position'))!.body)
    expect(sent).toEqual({
      client_order_id: placed.client_order_id,
      product_id: 'BIT-26APR24-CDE',
      size: '1',
    })
  })

  it('iterators stop on a repeated cursor and on has_next=false', async () => {
    const fills = []
    for await (const fill of client.iterateFills({ product_ids: ['ADA-USDT'] })) fills.push(fill)
    expect(fillPages).toBe(2)
    expect(fills).toHaveLength(2)
    const accounts = []
    for await (const a of client.iterateAccounts()) accounts.push(a.currency)
    expect(accounts).toEqual(['SGD', 'USD'])
  })

  it('an unknown route is NotSupported', async () => {
    await expect(client.getFuturesPosition({ product_id: 'NOPE' })).rejects.toMatchObject({
      code: 'NOT_SUPPORTED',
    })
  })
})
