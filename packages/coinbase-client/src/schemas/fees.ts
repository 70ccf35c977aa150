import { z } from 'zod'
import { decimalOrNull } from './primitives.js'

/** `GET /transaction_summary`. Volumes arrive as strings or JSON numbers depending on the day. */
export const transactionSummaryResponseSchema = z.looseObject({
  total_volume: decimalOrNull.optional(),
  total_fees: decimalOrNull.optional(),
  fee_tier: z.looseObject({
    pricing_tier: z.string().optional(),
    usd_from: decimalOrNull.optional(),
    usd_to: decimalOrNull.optional(),
    taker_fee_rate: decimalOrNull,
    maker_fee_rate: decimalOrNull,
    aop_from: decimalOrNull.optional(),
    aop_to: decimalOrNull.optional(),
    perps_vol_from: decimalOrNull.optional(),
    perps_vol_to: decimalOrNull.optional(),
  }),
  margin_rate: z.unknown().optional(),
  goods_and_services_tax: z.unknown().optional(),
  advanced_trade_only_volume: decimalOrNull.optional(),
  advanced_trade_only_fees: decimalOrNull.optional(),
  coinbase_pro_volume: decimalOrNull.optional(),
  coinbase_pro_fees: decimalOrNull.optional(),
  total_balance: decimalOrNull.optional(),
  has_promo_fee: z.boolean().optional(),
})
