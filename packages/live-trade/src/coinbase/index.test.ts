import { expect, it } from 'vitest'

it('exports exactly the public API of the Coinbase entry', async () => {
  expect(Object.keys(await import('./index.js')).sort()).toMatchInlineSnapshot(`
    [
      "CoinbaseBroker",
    ]
  `)
})
