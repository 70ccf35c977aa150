import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type CoinbaseSim, createManualClock, startCoinbaseSim } from '../src/index.js'
import { call } from './helpers.js'

let sim: CoinbaseSim
const clock = createManualClock(Date.UTC(2026, 5, 1))
beforeAll(async () => {
  sim = await startCoinbaseSim({ clock, products: ['BTC-USD', 'ETH-USD', 'DOGE-USD'] })
})
afterAll(async () => {
  await sim.close()
})

type Json = Record<string, unknown>
const order = (cid: string, side: string, config: Json, product = 'BTC-USD'): Json => ({
  client_order_id: cid,
  product_id: product,
  side,
  order_configuration: config,
})

describe('REST behaviour', () => {
  it('drives an injected manual clock with control.advance', async () => {
    const before = clock.now()
    sim.control.advance(2_000)
    expect(clock.now()).toBe(before + 2_000)
    expect(((await call(sim, 'GET', '/accounts')).json as Json).size).toBe(4)
  })

  it('paginates accounts with an opaque cursor', async () => {
    const first = (await call(sim, 'GET', '/accounts?limit=3')).json as {
      accounts: { currency: string }[]
      has_next: boolean
      cursor: string
    }
    expect([first.accounts.length, first.has_next]).toEqual([3, true])
    const second = (await call(sim, 'GET', `/accounts?limit=3&cursor=${first.cursor}`)).json as typeof first
    expect([second.accounts.length, second.has_next, second.cursor]).toEqual([1, false, ''])
    expect([...first.accounts, ...second.accounts].map((a) => a.currency)).toEqual([
      'BTC',
      'DOGE',
      'ETH',
      'USD',
    ])
    const uuid = (first.accounts[0] as unknown as { uuid: string }).uuid
    expect(
      ((await call(sim, 'GET', `/accounts/${uuid}`)).json as { account: { currency: string } }).account
        .currency,
    ).toBe('BTC')
  })

  it('returns the original order for a repeated client_order_id', async () => {
    const body = order('same', 'BUY', { limit_limit_gtc: { base_size: '0.001', limit_price: '1000.00' } })
    const a = (await call(sim, 'POST', '/orders', body)).json as { order_id: string }
    const b = (await call(sim, 'POST', '/orders', { ...body, side: 'SELL' })).json as {
      order_id: string
      success_response: { side: string }
    }
    expect(b.order_id).toBe(a.order_id)
    expect(b.success_response.side).toBe('BUY')
  })

  it('expires GTD orders on the sim clock and releases their hold', async () => {
    const end = new Date(sim.control.now() + 30_000).toISOString()
    const r = (
      await call(
        sim,
        'POST',
        '/orders',
        order('gtd', 'BUY', {
          limit_limit_gtd: { base_size: '0.01', limit_price: '1000.00', end_time: end },
        }),
      )
    ).json as { order_id: string }
    expect(sim.control.balances().USD?.hold).not.toBe('0')
    sim.control.advance(31_000)
    const o = (
      (await call(sim, 'GET', `/orders/historical/${r.order_id}`)).json as {
        order: { status: string; outstanding_hold_amount: string }
      }
    ).order
    expect([o.status, o.outstanding_hold_amount]).toEqual(['EXPIRED', '0'])
  })

  it('filters and pages historical orders and fills', async () => {
    for (let i = 0; i < 3; i++)
      await call(
        sim,
        'POST',
        '/orders',
        order(`m${i}`, 'BUY', { market_market_ioc: { base_size: '10.0' } }, 'DOGE-USD'),
      )
    const page1 = (await call(sim, 'GET', '/orders/historical/batch?product_ids=DOGE-USD&limit=2')).json as {
      orders: { client_order_id: string }[]
      has_next: boolean
      cursor: string
    }
    expect([page1.orders.map((o) => o.client_order_id), page1.has_next]).toEqual([['m2', 'm1'], true])
    const page2 = (
      await call(sim, 'GET', `/orders/historical/batch?product_ids=DOGE-USD&limit=2&cursor=${page1.cursor}`)
    ).json as typeof page1
    expect([page2.orders.map((o) => o.client_order_id), page2.has_next]).toEqual([['m0'], false])
    const fills = (await call(sim, 'GET', '/orders/historical/fills?product_ids=DOGE-USD&limit=100'))
      .json as { fills: { product_id: string; liquidity_indicator: string }[] }
    expect(fills.fills.length).toBeGreaterThanOrEqual(3)
    expect(new Set(fills.fills.map((f) => `${f.product_id}/${f.liquidity_indicator}`))).toEqual(
      new Set(['DOGE-USD/TAKER']),
    )
    const gtc = (
      await call(sim, 'GET', '/orders/historical/batch?order_status=OPEN&time_in_forces=GOOD_UNTIL_CANCELLED')
    ).json as { orders: { client_order_id: string }[] }
    expect(gtc.orders.map((o) => o.client_order_id)).toEqual(['same'])
  })

  it('previews orders and edits without placing anything', async () => {
    const n = sim.control.orders().length
    const p = (
      await call(
        sim,
        'POST',
        '/orders/preview',
        order('', 'BUY', { limit_limit_gtc: { base_size: '0.01', limit_price: '1000.00' } }),
      )
    ).json as Json
    expect([p.base_size, p.quote_size, p.commission_total, p.order_total, p.errs]).toEqual([
      '0.01',
      '10',
      '0.06',
      '10.06',
      [],
    ])
    const bad = (
      await call(
        sim,
        'POST',
        '/orders/preview',
        order('', 'BUY', { limit_limit_gtc: { base_size: '0.01', limit_price: '1000.001' } }),
      )
    ).json as Json
    expect(bad.errs).toEqual(['PREVIEW_INVALID_PRICE_PRECISION'])
    const open = sim.control.orders().find((o) => (o as Json).client_order_id === 'same') as {
      order_id: string
    }
    const ep = (
      await call(sim, 'POST', '/orders/edit_preview', {
        order_id: open.order_id,
        price: '1100.00',
        size: '0.002',
      })
    ).json as Json
    expect([ep.errors, ep.base_size, ep.quote_size]).toEqual([[], '0.002', '2.2'])
    expect(sim.control.orders()).toHaveLength(n)
    const edited = (
      await call(sim, 'POST', '/orders/edit', { order_id: open.order_id, price: '1100.00', size: '0.002' })
    ).json as Json
    expect(edited.success).toBe(true)
    const o = (
      (await call(sim, 'GET', `/orders/historical/${open.order_id}`)).json as {
        order: { edit_history: unknown[]; order_configuration: Json }
      }
    ).order
    expect(o.edit_history).toHaveLength(1)
    expect(o.order_configuration).toEqual({ limit_limit_gtc: { base_size: '0.002', limit_price: '1100.00' } })
  })

  it('serves key_permissions, portfolios and transaction_summary with the fee tier', async () => {
    const kp = (await call(sim, 'GET', '/key_permissions')).json as Json
    expect([kp.can_view, kp.can_trade]).toEqual([true, true])
    const pf = (await call(sim, 'GET', '/portfolios')).json as { portfolios: { uuid: string }[] }
    expect(pf.portfolios[0]?.uuid).toBe(kp.portfolio_uuid)
    const ts = (await call(sim, 'GET', '/transaction_summary')).json as {
      fee_tier: Json
      total_volume: string
    }
    expect([ts.fee_tier.maker_fee_rate, ts.fee_tier.taker_fee_rate]).toEqual(['0.004', '0.006'])
    expect(Number(ts.total_volume)).toBeGreaterThan(0)
  })
})
