import { z } from 'zod'

/** zod schema for the order types the project places (Coinbase's order configurations, simplified). */
export const orderType = z.enum(['MARKET', 'LIMIT', 'STOP_LIMIT', 'BRACKET'])

/** Order type: `OrderType.MARKET`, `LIMIT`, `STOP_LIMIT` or `BRACKET`. */
export const OrderType = orderType.enum
/** `'MARKET' | 'LIMIT' | 'STOP_LIMIT' | 'BRACKET'` */
export type OrderType = z.infer<typeof orderType>
