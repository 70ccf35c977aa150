import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type CoinbaseSim, parseFaultSpec, startCoinbaseSim } from '../src/index.js'
import { call, mintJwt, pub } from './helpers.js'
import { openWs } from './wsClient.js'

let sim: CoinbaseSim
beforeEach(async () => {
  sim = await startCoinbaseSim()
})
afterEach(async () => {
  await sim.close()
})

describe('faults for the chaos suite', () => {
  it('rateLimit with retryAfterSeconds sends a Retry-After header', async () => {
    sim.control.injectFault({ kind: 'rateLimit', count: 1, retryAfterSeconds: 2 })
    const res = await fetch(`${sim.restUrl}/api/v3/brokerage/time`)
    expect(res.status).toBe(429)
    expect(res.headers.get('retry-after')).toBe('2')
    expect((await pub(sim, '/time')).status).toBe(200)
  })

  it('authReject answers 401 to authenticated requests only, count times', async () => {
    sim.control.injectFault({ kind: 'authReject', count: 2 })
    expect((await pub(sim, '/time')).status).toBe(200)
    const first = await call(sim, 'GET', '/accounts')
    expect([first.status, first.text]).toEqual([401, 'Unauthorized'])
    // The second use goes to a WebSocket user-channel subscribe.
    const ws = await openWs(sim.wsUserUrl)
    try {
      const cred = sim.credentials[0]
      if (cred === undefined) throw new Error('no sim key')
      ws.send({ type: 'subscribe', channel: 'user', jwt: await mintJwt(cred, sim.control.now()) })
      const frame = await ws.waitFor((f) => f.type === 'error')
      expect(frame.message).toBe('authentication failure')
    } finally {
      ws.close()
    }
    expect((await call(sim, 'GET', '/accounts')).status).toBe(200)
    expect(parseFaultSpec('authReject=3')).toEqual({ kind: 'authReject', count: 3 })
    expect(parseFaultSpec('authReject')).toEqual({ kind: 'authReject' })
  })

  it('records every REST request with its arrival time and answered status', async () => {
    const before = Date.now()
    sim.control.injectFault({ kind: 'serverError', status: 503, count: 1 })
    await pub(sim, '/time')
    await pub(sim, '/time')
    await call(sim, 'GET', '/accounts')
    const log = sim.control.requests()
    expect(log.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      'GET /api/v3/brokerage/time 503',
      'GET /api/v3/brokerage/time 200',
      'GET /api/v3/brokerage/accounts 200',
    ])
    expect(log.every((r) => r.wallMs >= before && r.wallMs <= Date.now())).toBe(true)
  })

  it('localNow is the clock without clockSkew', () => {
    const base = sim.control.localNow()
    sim.control.injectFault({ kind: 'clockSkew', ms: 30_000 })
    expect(sim.control.now() - sim.control.localNow()).toBe(30_000)
    expect(sim.control.localNow()).toBe(base)
  })

  it('wsHoldSnapshots holds level2 snapshots until the fault is removed', async () => {
    const ws = await openWs(sim.wsUrl)
    try {
      const remove = sim.control.injectFault({ kind: 'wsHoldSnapshots' })
      ws.send({ type: 'subscribe', channel: 'level2', product_ids: ['BTC-USD'] })
      await ws.waitFor((f) => f.channel === 'subscriptions')
      sim.control.advance(2_000)
      const isSnapshot = (f: Record<string, unknown>) =>
        f.channel === 'l2_data' && (f.events as { type: string }[])[0]?.type === 'snapshot'
      await ws.waitFor((f) => f.channel === 'l2_data')
      expect(ws.frames.some((f) => isSnapshot(f as Record<string, unknown>))).toBe(false)
      remove()
      sim.control.advance(1_000)
      const snapshot = await ws.waitFor(isSnapshot)
      const updates = (snapshot.events as { updates: unknown[] }[])[0]?.updates ?? []
      expect(updates.length).toBeGreaterThan(0)
      expect(parseFaultSpec('wsHoldSnapshots')).toEqual({ kind: 'wsHoldSnapshots' })
    } finally {
      ws.close()
    }
  })
})
