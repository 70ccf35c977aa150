import { z } from 'zod'
import { lazySchema, resolveSchema } from './lazySchema.js'
import { primitives } from './primitives.js'

/** A brokerage account (one currency's wallet). */
export const accountSchema = lazySchema('accountSchema', () => {
  const p = primitives()
  return z.looseObject({
    uuid: z.string(),
    name: p.optString,
    currency: z.string(),
    available_balance: p.amount,
    default: p.optBoolean,
    active: p.optBoolean,
    created_at: p.optTimestampOrNull,
    updated_at: p.optTimestampOrNull,
    deleted_at: p.optTimestampOrNull,
    type: p.optString,
    ready: p.optBoolean,
    hold: p.amount.optional(),
    retail_portfolio_id: p.optString,
    platform: p.optString,
  })
})

/** Parsed account. */
export type Account = z.output<typeof accountSchema>

/** `GET /accounts`. */
export const listAccountsResponseSchema = lazySchema('listAccountsResponseSchema', () => {
  const p = primitives()
  return z.looseObject({
    accounts: z.array(resolveSchema(accountSchema)),
    has_next: z.boolean(),
    cursor: p.optString,
    size: p.integer.optional(),
  })
})

/** `GET /accounts/{uuid}`. */
export const getAccountResponseSchema = lazySchema('getAccountResponseSchema', () =>
  z.looseObject({ account: resolveSchema(accountSchema) }),
)
