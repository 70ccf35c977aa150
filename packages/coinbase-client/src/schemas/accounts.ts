import { z } from 'zod'
import { amount, integer, timestampOrNull } from './primitives.js'

/** A brokerage account (one currency's wallet). */
export const accountSchema = z.looseObject({
  uuid: z.string(),
  name: z.string().optional(),
  currency: z.string(),
  available_balance: amount,
  default: z.boolean().optional(),
  active: z.boolean().optional(),
  created_at: timestampOrNull.optional(),
  updated_at: timestampOrNull.optional(),
  deleted_at: timestampOrNull.optional(),
  type: z.string().optional(),
  ready: z.boolean().optional(),
  hold: amount.optional(),
  retail_portfolio_id: z.string().optional(),
  platform: z.string().optional(),
})

/** Parsed account. */
export type Account = z.output<typeof accountSchema>

/** `GET /accounts`. */
export const listAccountsResponseSchema = z.looseObject({
  accounts: z.array(accountSchema),
  has_next: z.boolean(),
  cursor: z.string().optional(),
  size: integer.optional(),
})

/** `GET /accounts/{uuid}`. */
export const getAccountResponseSchema = z.looseObject({ account: accountSchema })
