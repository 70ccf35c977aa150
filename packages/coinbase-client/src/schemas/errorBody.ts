import { z } from 'zod'

/** The JSON error body Coinbase sends with 4xx/5xx (grpc-gateway style). All fields optional. */
export const errorBodySchema = z.looseObject({
  error: z.string().optional(),
  code: z.union([z.number(), z.string()]).optional(),
  message: z.string().optional(),
  error_details: z.string().optional(),
  details: z.unknown().optional(),
})
