import { z } from 'zod'
import { lazySchema } from './lazySchema.js'

/** The JSON error body Coinbase sends with 4xx/5xx (grpc-gateway style). All fields optional. */
export const errorBodySchema = lazySchema('errorBodySchema', () =>
  z.looseObject({
    error: z.string().optional(),
    code: z.union([z.number(), z.string()]).optional(),
    message: z.string().optional(),
    error_details: z.string().optional(),
    details: z.unknown().optional(),
  }),
)
