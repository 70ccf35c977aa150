/**
 * Quick start for @gpt-trader/coinbase-client against the local simulated exchange: a public call, an
 * authenticated call, a limit order placed and cancelled. Run with `pnpm --filter @gpt-trader/coinbase-client example`.
 */
import { pathToFileURL } from 'node:url'
import { createCoinbaseClient, isExchangeError } from '@gpt-trader/coinbase-client'
import { startCoinbaseSim } from '@gpt-trader/coinbase-sim'

/** Runs the example against a sim and returns its output lines (a test keeps this example true). */
export async function quickstart(sim: Awaited<ReturnType<typeof startCoinbaseSim>>): Promise<string[]> {
  const lines: string[] = []
  // Public: no credentials needed.
  const market = createCoinbaseClient({ baseUrl: sim.restUrl })
  const { pricebook } = await market.getPublicProductBook({ product_id: 'BTC-USD', limit: 1 })
  lines.push(
    `best bid ${pricebook.bids[0]?.price.toFixed()} / best ask ${pricebook.asks[0]?.price.toFixed()}`,
  )

  // Authenticated: a CDP key (the sim issues one EC and one Ed25519 key). The sim runs its own clock.
  const client = createCoinbaseClient({
    baseUrl: sim.restUrl,
    credentials: sim.credentials[1]!,
    clock: { now: () => sim.control.now() },
  })
  const { accounts } = await client.listAccounts()
  lines.push(
    `accounts ${accounts.map((a) => `${a.currency}=${a.available_balance.value.toFixed()}`).join(' ')}`,
  )

  const order = await client.createOrder({
    client_order_id: 'a1b2c3d4-0000-4000-8000-000000000001',
    product_id: 'BTC-USD',
    side: 'BUY',
    order_configuration: { limit_limit_gtc: { base_size: '0.001', limit_price: '1000.00', post_only: true } },
  })
  lines.push(
    `placed ${order.client_order_id}: ${(await client.getOrder({ order_id: order.order_id })).order.status}`,
  )
  await client.cancelOrders({ order_ids: [order.order_id] })

  try {
    await client.createOrder({
      product_id: 'BTC-USD',
      side: 'BUY',
      order_configuration: { limit_limit_gtc: { base_size: '1000', limit_price: '50000.00' } },
    })
  } catch (error) {
    if (isExchangeError(error)) lines.push(`refused ${error.code}`)
  }
  return lines
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const sim = await startCoinbaseSim()
  try {
    for (const line of await quickstart(sim)) console.log(line)
  } finally {
    await sim.close()
  }
}
