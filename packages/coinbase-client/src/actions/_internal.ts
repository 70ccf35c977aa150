import type { z } from 'zod'
import type { Client } from '../client/Client.js'
import { parseResponse } from '../schemas/parseResponse.js'
import type { QueryValue, RequestOptions, TransportRequest } from '../transports/http.js'

/** Prefix of every Advanced Trade REST path. */
export const API_PREFIX = '/api/v3/brokerage'

/** Encodes one path segment (product ids, uuids). */
export function segment(value: string): string {
  return encodeURIComponent(value)
}

/** Sends a request and parses the answer with `schema`; mismatches raise SchemaError naming the field. */
export async function requestParsed<S extends z.ZodType>(
  client: Client,
  request: {
    method: TransportRequest['method']
    path: string
    auth: TransportRequest['auth']
    action: string
    query?: Readonly<Record<string, QueryValue>>
    body?: unknown
  },
  schema: S,
  options: RequestOptions | undefined,
): Promise<z.output<S>> {
  const path = API_PREFIX + request.path
  const full: TransportRequest = { ...request, path }
  if (options?.signal) full.signal = options.signal
  if (options?.timeoutMs !== undefined) full.timeoutMs = options.timeoutMs
  const data = await client.request(full)
  return parseResponse(schema, data, `${request.method} ${path}`)
}
