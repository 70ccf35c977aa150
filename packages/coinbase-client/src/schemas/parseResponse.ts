import type { z } from 'zod'
import { SchemaError } from '../errors/SchemaError.js'
import { resolveSchema } from './lazySchema.js'

/**
 * Parses an untrusted payload with a schema; a mismatch becomes a {@link SchemaError} that names every
 * offending field path and the source (`GET /api/v3/brokerage/products/BTC-USD`, `ws l2_data`).
 * The exported schemas are built on first use; the first parse with one builds it, later ones reuse it.
 *
 * @example
 * const product = parseResponse(productSchema, json, 'GET /products/BTC-USD')
 */
export function parseResponse<S extends z.ZodType>(schema: S, data: unknown, source: string): z.output<S> {
  const result = resolveSchema(schema).safeParse(data)
  if (result.success) return result.data
  throw new SchemaError(
    source,
    result.error.issues.map((issue) => ({ path: issue.path, code: issue.code, message: issue.message })),
    { cause: result.error },
  )
}
