import { D, type Dec } from './money.js'

/** The static trading rules and display data of one sim product. */
export interface ProductSpec {
  productId: string
  base: string
  quote: string
  baseName: string
  quoteName: string
  baseIncrement: string
  quoteIncrement: string
  priceIncrement: string
  baseMinSize: string
  baseMaxSize: string
  quoteMinSize: string
  quoteMaxSize: string
  /** Price the synthetic market starts from (decimal string). */
  startPrice: string
  /** Annualised volatility of the synthetic path (a plain number: it never becomes an order field). */
  volatility: number
  productType: 'SPOT' | 'FUTURE'
  venue: 'CBE' | 'FCM' | 'INTX'
  /** Contract size for futures. */
  contractSize?: string
}

/** Parsed decimal view of a spec, used by the engine. */
export interface ProductRules {
  spec: ProductSpec
  baseIncrement: Dec
  quoteIncrement: Dec
  priceIncrement: Dec
  baseMinSize: Dec
  baseMaxSize: Dec
  quoteMinSize: Dec
  quoteMaxSize: Dec
}

const spot = (
  base: string,
  baseName: string,
  baseIncrement: string,
  priceIncrement: string,
  baseMaxSize: string,
  startPrice: string,
  volatility: number,
): ProductSpec => ({
  productId: `${base}-USD`,
  base,
  quote: 'USD',
  baseName,
  quoteName: 'US Dollar',
  baseIncrement,
  quoteIncrement: priceIncrement,
  priceIncrement,
  baseMinSize: baseIncrement,
  baseMaxSize,
  quoteMinSize: '1',
  quoteMaxSize: '150000000',
  startPrice,
  volatility,
  productType: 'SPOT',
  venue: 'CBE',
})

/**
 * Specs for the 10-symbol USD universe. BTC-USD uses the values of the recorded
 * `get_product.json` fixture; the others use Coinbase's published increments at the time of
 * writing (approximate start prices).
 */
export const PRODUCT_CATALOG: Readonly<Record<string, ProductSpec>> = {
  'BTC-USD': {
    ...spot('BTC', 'Bitcoin', '0.00000001', '0.01', '3400', '83306.04', 0.6),
    quoteIncrement: '0.01',
  },
  'ETH-USD': spot('ETH', 'Ethereum', '0.00000001', '0.01', '42000', '3000.00', 0.75),
  'SOL-USD': spot('SOL', 'Solana', '0.00000001', '0.01', '150000', '150.00', 0.9),
  'XRP-USD': spot('XRP', 'XRP', '0.000001', '0.0001', '10000000', '2.0000', 0.9),
  'LTC-USD': spot('LTC', 'Litecoin', '0.00000001', '0.01', '100000', '90.00', 0.8),
  'ADA-USD': spot('ADA', 'Cardano', '0.00000001', '0.0001', '10000000', '0.6000', 0.9),
  'DOGE-USD': spot('DOGE', 'Dogecoin', '0.1', '0.00001', '30000000', '0.15000', 1.0),
  'BCH-USD': spot('BCH', 'Bitcoin Cash', '0.00000001', '0.01', '12000', '450.00', 0.85),
  'AVAX-USD': spot('AVAX', 'Avalanche', '0.00000001', '0.01', '250000', '25.00', 0.95),
  'LINK-USD': spot('LINK', 'Chainlink', '0.01', '0.001', '800000', '15.000', 0.9),
  'BTC-PERP-INTX': {
    productId: 'BTC-PERP-INTX',
    base: 'BTC',
    quote: 'USDC',
    baseName: '',
    quoteName: 'USDC',
    baseIncrement: '0.0001',
    quoteIncrement: '0.01',
    priceIncrement: '0.1',
    baseMinSize: '0.0001',
    baseMaxSize: '50',
    quoteMinSize: '10',
    quoteMaxSize: '50000000',
    startPrice: '83306.0',
    volatility: 0.6,
    productType: 'FUTURE',
    venue: 'INTX',
    contractSize: '1',
  },
}

/** Default products when none are configured. */
export const DEFAULT_PRODUCTS: readonly string[] = ['BTC-USD', 'ETH-USD']

/** Parses a spec's strings once. */
export function toRules(spec: ProductSpec): ProductRules {
  return {
    spec,
    baseIncrement: new D(spec.baseIncrement),
    quoteIncrement: new D(spec.quoteIncrement),
    priceIncrement: new D(spec.priceIncrement),
    baseMinSize: new D(spec.baseMinSize),
    baseMaxSize: new D(spec.baseMaxSize),
    quoteMinSize: new D(spec.quoteMinSize),
    quoteMaxSize: new D(spec.quoteMaxSize),
  }
}
