import { startCoinbaseSim } from '@gpt-trader/coinbase-sim'

const sim = await startCoinbaseSim({ products: ['BTC-USD', 'ETH-USD'], seed: 42 })
console.log(sim.restUrl) // http://127.0.0.1:PORT   (REST under /api/v3/brokerage/...)
console.log(sim.wsUrl, sim.wsUserUrl) // ws://127.0.0.1:PORT/ws and /ws/user
console.log(sim.credentials.map((c) => c.algorithm)) // [ 'ES256', 'EdDSA' ]

const time = await fetch(`${sim.restUrl}/api/v3/brokerage/time`).then((r) => r.json())
console.log(time) // { iso: '2026-01-01T00:00:00Z', epochSeconds: '1767225600', epochMillis: '1767225600000' }
sim.control.advance(10_000) // 10 s of market: quotes, trades, WS frames, GTD expiry, stop triggers
console.log(sim.control.book('BTC-USD').bids[0]) // [ price, size ] of the best bid
await sim.close()
