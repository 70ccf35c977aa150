import { z } from 'zod'
import { ValidationError } from './errors.js'
import { showValue } from './showValue.js'

/** A normalised (upper-case) Coinbase product id such as `BTC-USD`, checked by {@link productId}. */
export type ProductId = string & z.$brand<'ProductId'>

/** What kind of instrument a product id names. */
export type ProductKind = 'spot' | 'perpetual' | 'future'

/** A product id taken apart by {@link parseProductId}. */
export interface ParsedProductId {
  /** The normalised id, e.g. `BTC-USD`. */
  id: ProductId
  /** Base asset (`BTC`), or the contract root for derivatives (`BTC` in `BTC-PERP-INTX`, `BIT` in `BIT-28NOV25-CDE`). */
  base: string
  /**
   * Quote asset for spot (`USD` in `BTC-USD`). For derivatives the id does not name it, so this is the
   * venue's settlement currency by convention: `USDC` on INTX, `USD` on CDE (Coinbase Financial
   * Markets). The product spec is authoritative.
   */
  quote: string
  /** True for perpetuals and dated futures. */
  isDerivative: boolean
  kind: ProductKind
  /** Derivatives venue: `INTX` (international perpetuals) or `CDE` (US futures). */
  venue?: 'INTX' | 'CDE'
  /** Expiry code of a dated future as written in the id, e.g. `28NOV25`. */
  expiry?: string
}

const SEGMENT = /^[A-Z0-9]{1,20}$/
const EXPIRY = /^\d{2}(JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)\d{2}$/
const SETTLEMENT = { INTX: 'USDC', CDE: 'USD' } as const

function analyse(raw: string): ParsedProductId | string {
  const id = raw.toUpperCase()
  const parts = id.split('-')
  if (parts.some((part) => !SEGMENT.test(part))) {
    return 'must be upper-case letters/digits separated by single dashes, like "BTC-USD"'
  }
  const [base, second, third] = parts as [string, string, string | undefined]
  if (parts.length === 2) {
    if (base === second) return 'base and quote must differ'
    return { id: id as ProductId, base, quote: second, isDerivative: false, kind: 'spot' }
  }
  if (parts.length === 3 && (third === 'INTX' || third === 'CDE')) {
    if (second === 'PERP') {
      return {
        id: id as ProductId,
        base,
        quote: SETTLEMENT[third],
        isDerivative: true,
        kind: 'perpetual',
        venue: third,
      }
    }
    if (EXPIRY.test(second)) {
      return {
        id: id as ProductId,
        base,
        quote: SETTLEMENT[third],
        isDerivative: true,
        kind: 'future',
        venue: third,
        expiry: second,
      }
    }
    return 'a derivatives id needs PERP or an expiry like 28NOV25 in the middle, e.g. "BTC-PERP-INTX"'
  }
  return 'must be BASE-QUOTE ("BTC-USD"), ROOT-PERP-INTX ("BTC-PERP-INTX") or ROOT-DDMMMYY-CDE ("BIT-28NOV25-CDE")'
}

/**
 * zod schema for a Coinbase product id: upper-cases the input (`'btc-usd'` → `'BTC-USD'`) and accepts
 * spot pairs (`BASE-QUOTE`), INTX perpetuals (`BTC-PERP-INTX`) and dated CDE futures
 * (`BIT-28NOV25-CDE`). Rejects `'BTCUSD'`, `'BTC-'`, `'BTC--USD'`, `'-USD'`, whitespace and anything
 * else. Use {@link parseProductId} to learn the kind.
 *
 * @example
 * productId.parse('btc-usd') // 'BTC-USD'
 */
export const productId = z
  .string()
  .transform((raw, ctx) => {
    const result = analyse(raw)
    if (typeof result === 'string') {
      ctx.addIssue({
        code: 'custom',
        message: `${result}, got ${showValue(raw)}`,
        params: { code: 'INVALID_PRODUCT_ID' },
      })
      return z.NEVER
    }
    return result.id
  })
  .brand<'ProductId'>()

/**
 * Takes a product id apart and says whether it is a derivative. Throws a `ValidationError`
 * (`INVALID_PRODUCT_ID`) for anything {@link productId} rejects.
 *
 * @example
 * parseProductId('BTC-PERP-INTX') // { id: 'BTC-PERP-INTX', base: 'BTC', quote: 'USDC', isDerivative: true, kind: 'perpetual', venue: 'INTX' }
 */
export function parseProductId(id: string): ParsedProductId {
  const result = typeof id === 'string' ? analyse(id) : 'must be a string'
  if (typeof result === 'string') {
    throw new ValidationError([
      {
        path: ['productId'],
        code: 'INVALID_PRODUCT_ID',
        message: `${result}, got ${showValue(id)}`,
      },
    ])
  }
  return result
}

/** True if `id` (any case) is a product id that {@link productId} accepts. */
export function isProductId(id: unknown): boolean {
  if (typeof id !== 'string') return false
  // Order paths ask about the same product again and again: remember the last answer.
  if (id === lastId) return lastAnswer
  const answer = typeof analyse(id) !== 'string'
  lastId = id
  lastAnswer = answer
  return answer
}

let lastId: string | undefined
let lastAnswer = false
