import { z } from 'zod'
import { lazySchema } from './lazySchema.js'
import { primitives } from './primitives.js'

/** `GET /transaction_summary`. Volumes arrive as strings or JSON numbers depending on the day. */
export const transactionSummaryResponseSchema = lazySchema('transactionSummaryResponseSchema', () => {
  const p = primitives()
  return z.looseObject({
    total_volume: p.optDecimalOrNull,
    total_fees: p.optDecimalOrNull,
    fee_tier: z.looseObject({
      pricing_tier: p.optString,
      usd_from: p.optDecimalOrNull,
      usd_to: p.optDecimalOrNull,
      taker_fee_rate: p.decimalOrNull,
      maker_fee_rate: p.decimalOrNull,
      aop_from: p.optDecimalOrNull,
      aop_to: p.optDecimalOrNull,
      perps_vol_from: p.optDecimalOrNull,
      perps_vol_to: p.optDecimalOrNull,
    }),
    margin_rate: z.unknown().optional(),
    goods_and_services_tax: z.unknown().optional(),
    advanced_trade_only_volume: p.optDecimalOrNull,
    advanced_trade_only_fees: p.optDecimalOrNull,
    coinbase_pro_volume: p.optDecimalOrNull,
    coinbase_pro_fees: p.optDecimalOrNull,
    total_balance: p.optDecimalOrNull,
    has_promo_fee: p.optBoolean,
  })
})
