import { z } from 'zod'
import { decimal } from './decimal.js'
import { productId } from './productId.js'

/**
 * zod schema for a Coinbase Advanced Trade product (`GET /api/v3/brokerage/products/{product_id}`,
 * https://docs.cdp.coinbase.com/advanced-trade/reference/retailbrokerageapi_getpublicproduct): the
 * increments and size limits become {@link Decimal}s, the id is normalised, the trading flags default
 * to `false` and `status` to `''` (INTX perpetuals send an empty status). Every other field Coinbase
 * sends is kept as is.
 *
 * @example
 * const spec = productSpec.parse(await (await fetch(url)).json())
 * spec.base_increment.toFixed() // '0.00000001'
 */
export const productSpec = z.looseObject({
  product_id: productId,
  /** Size step for `base_size`. */
  base_increment: decimal,
  /** Step for `quote_size` (market buys by amount). */
  quote_increment: decimal,
  /** Tick for limit and stop prices (differs from `quote_increment` on futures). */
  price_increment: decimal,
  /** Smallest base size; need not be a multiple of `base_increment`. */
  base_min_size: decimal,
  base_max_size: decimal,
  /** Smallest notional (size × price, or quote size). */
  quote_min_size: decimal,
  quote_max_size: decimal,
  /** `online`, `offline`, `delisted`, … (empty on INTX perpetuals). */
  status: z.string().default(''),
  trading_disabled: z.boolean().default(false),
  is_disabled: z.boolean().default(false),
  cancel_only: z.boolean().default(false),
  limit_only: z.boolean().default(false),
  post_only: z.boolean().default(false),
  /** `SPOT` or `FUTURE`. */
  product_type: z.string().optional(),
})

/** A parsed product spec (output of {@link productSpec}). */
export type ProductSpec = z.output<typeof productSpec>
/** The wire shape {@link productSpec} accepts. */
export type ProductSpecInput = z.input<typeof productSpec>
