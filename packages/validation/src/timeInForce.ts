import { z } from 'zod'

/**
 * zod schema for time in force: good-till-cancelled, good-till-date, immediate-or-cancel,
 * fill-or-kill.
 */
export const timeInForce = z.enum(['GTC', 'GTD', 'IOC', 'FOK'])

/** Time in force: `TimeInForce.GTC`, `GTD`, `IOC` or `FOK`. */
export const TimeInForce = timeInForce.enum
/** `'GTC' | 'GTD' | 'IOC' | 'FOK'` */
export type TimeInForce = z.infer<typeof timeInForce>
