import { z } from 'zod'

/**
 * zod schema for the bot's trading state: `ACTIVE` (normal), `REDUCE_ONLY` (only orders that shrink
 * a position), `HALTED` (no new orders).
 */
export const tradingState = z.enum(['ACTIVE', 'REDUCE_ONLY', 'HALTED'])

/** Trading state: `TradingState.ACTIVE`, `REDUCE_ONLY` or `HALTED`. */
export const TradingState = tradingState.enum
/** `'ACTIVE' | 'REDUCE_ONLY' | 'HALTED'` */
export type TradingState = z.infer<typeof tradingState>
