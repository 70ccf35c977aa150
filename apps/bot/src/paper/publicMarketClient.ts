import type { CoinbaseClient } from '@gpt-trader/coinbase-client'

/**
 * A view of `client` whose market-data actions go to Coinbase's public `market/` endpoints (no
 * credentials): `getCandles`, `getProductBook`, `getProduct` and `listProducts` answer from
 * `getPublicCandles`, `getPublicProductBook`, `getPublicProduct` and `listPublicProducts`. Every
 * other action is the client's own, so a client built without credentials still refuses anything
 * private (accounts, orders): paper trading reads the market and never trades at the venue.
 *
 * @example
 * const market = publicMarketClient(createCoinbaseClient({}))
 * await market.getProductBook({ product_id: 'BTC-USD', limit: 50 }) // GET /market/product_book
 */
export function publicMarketClient(client: CoinbaseClient): CoinbaseClient {
  const overrides: Partial<CoinbaseClient> = {
    getCandles: (params, options) => client.getPublicCandles(params, options),
    getProductBook: (params, options) => client.getPublicProductBook(params, options),
    getProduct: (params, options) => client.getPublicProduct(params, options),
    listProducts: (params = {}, options) => {
      // The public listing has no tradability status.
      const { get_tradability_status: _ignored, ...rest } = params
      return client.listPublicProducts(rest, options)
    },
  }
  return new Proxy(client, {
    get(target, property, receiver) {
      if (typeof property === 'string' && Object.hasOwn(overrides, property)) {
        return overrides[property as keyof CoinbaseClient]
      }
      return Reflect.get(target, property, receiver)
    },
  })
}
