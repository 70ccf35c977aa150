import { loadFixture } from '@gpt-trader/test-utils'
import { Decimal, productSpec } from '@gpt-trader/validation'
import { expect, it } from 'vitest'
import { ExecutionEngine, InMemoryStore, PaperBroker, Reconciler } from './index.js'

it('runs the README example', async () => {
  const productJson = loadFixture('rest/get_product.json')
  // --- README example ---
  const spec = productSpec.parse(productJson)
  const broker = new PaperBroker({ products: [spec], balances: { USD: '10000' } })
  broker.setBook('BTC-USD', { bids: [['66999.99', '0.5']], asks: [['67000.01', '0.5']] })

  const store = new InMemoryStore()
  const engine = new ExecutionEngine({ broker, store, startingCash: '10000' })
  await engine.start()
  await new Reconciler({ engine }).reconcile()

  const order = await engine.place({
    symbol: 'BTC-USD',
    side: 'BUY',
    type: 'MARKET',
    size: new Decimal('0.01'),
    decisionId: 'ma-cross:BTC-USD:1767225600000',
  })
  await engine.idle()
  // --- end ---
  expect(engine.order(order.clientOrderId)?.status).toBe('FILLED')
  expect(engine.positions.position('BTC-USD').quantity.toFixed()).toBe('0.01')
})
