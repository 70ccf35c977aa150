import { z } from 'zod'

/**
 * zod schema for an order side as Coinbase spells it. The value object {@link OrderSide} and the type
 * of the same name come with it.
 */
export const orderSide = z.enum(['BUY', 'SELL'])

/** Order side: `OrderSide.BUY` or `OrderSide.SELL`. */
export const OrderSide = orderSide.enum
/** `'BUY' | 'SELL'` */
export type OrderSide = z.infer<typeof orderSide>
