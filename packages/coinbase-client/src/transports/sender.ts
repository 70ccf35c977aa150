/**
 * One HTTP exchange as the transport hands it to a sender: everything is already decided (URL with
 * query, headers including the signature, JSON body text). The sender only moves bytes.
 */
export interface HttpSendRequest {
  method: string
  /** Absolute URL, query included. */
  url: string
  headers: Readonly<Record<string, string>>
  /** Body text (JSON), or undefined for none. */
  body?: string | undefined
  /**
   * Time for the whole exchange, headers and body, in ms; `0` for none. When it runs out the sender
   * releases the connection and rejects with an error named `TimeoutError`.
   */
  timeoutMs: number
  /** The caller's signal: when it aborts, the sender releases the connection and rejects. */
  signal?: AbortSignal | undefined
}

/** What a sender returns: the status, a header reader and the whole body as text. */
export interface HttpSendResponse {
  status: number
  /** A response header by (case-insensitive) name, or null. */
  header(name: string): string | null
  text: string
}

/**
 * Moves one request over the network. Rejects with an error named `TimeoutError` when
 * {@link HttpSendRequest.timeoutMs} runs out (as `AbortSignal.timeout()` does), and with any other
 * error when no answer came (the transport then reports a `NetworkError`, or `RequestAborted` when the
 * caller's signal fired). HTTP error statuses are answers, not rejections.
 *
 * Two come with the package: {@link fetchSender} (the default: ky over `fetch`, any runtime) and
 * `nodeHttpSender()` from `@gpt-trader/coinbase-client/node` (Node's own `http`/`https`, no fetch).
 *
 * @example
 * const client = createCoinbaseClient({ send: nodeHttpSender() })
 */
export type HttpSender = (request: HttpSendRequest) => Promise<HttpSendResponse>

/** True when a sender's rejection means its time ran out. */
export function isSendTimeout(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'TimeoutError'
}

/** The error a sender rejects with when its time runs out (named `TimeoutError`). */
export function sendTimeoutError(ms: number): Error {
  const error = new Error(`no complete answer within ${ms} ms`)
  error.name = 'TimeoutError'
  return error
}
