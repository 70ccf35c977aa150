import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'
import type { HttpSender, HttpSendResponse } from '../transports/sender.js'
import { sendTimeoutError } from '../transports/sender.js'

/** Settings for {@link nodeHttpSender}. */
export interface NodeHttpSenderOptions {
  /** Keep connections open between calls (default true; idle ones close after 5 s). */
  keepAlive?: boolean
  /** Connections per host at most (default 16). */
  maxSockets?: number
}

/** A sender over `node:http`/`node:https`, with `close()` to drop its idle connections. */
export type NodeHttpSender = HttpSender & {
  /** Closes the idle kept-alive connections. Calls in flight are not affected. */
  close(): void
}

function headerReader(res: IncomingMessage): (name: string) => string | null {
  return (name) => {
    const value = res.headers[name.toLowerCase()]
    if (value === undefined) return null
    return Array.isArray(value) ? value.join(', ') : value
  }
}

/**
 * Sends the client's requests with Node's own `http`/`https` modules instead of `fetch`: Node then
 * never loads its fetch implementation (undici and its WebAssembly parser), which keeps a long-running
 * process smaller, and each call costs less. Connections are kept alive and reused; idle ones close
 * after 5 s and never keep the process running. Node only (import it from
 * `@gpt-trader/coinbase-client/node`).
 *
 * The timeout covers the whole exchange, headers and body; when it runs out, or when the caller's
 * signal aborts, the connection is destroyed (so a half-sent body never lingers) and the call rejects.
 * Unlike `fetch`, it follows no redirects (a 3xx is an answer like any other, which the client reports
 * as an error) and asks for no compression (Coinbase's JSON answers are small).
 *
 * @example
 * import { createCoinbaseClient } from '@gpt-trader/coinbase-client'
 * import { nodeHttpSender } from '@gpt-trader/coinbase-client/node'
 *
 * const send = nodeHttpSender()
 * const client = createCoinbaseClient({ credentials, send })
 * // at shutdown
 * send.close()
 */
export function nodeHttpSender(options: NodeHttpSenderOptions = {}): NodeHttpSender {
  const keepAlive = options.keepAlive ?? true
  const maxSockets = options.maxSockets ?? 16
  if (!Number.isInteger(maxSockets) || maxSockets < 1) {
    throw new RangeError(`nodeHttpSender: maxSockets must be a whole number >= 1, got ${maxSockets}`)
  }
  const agentOptions = { keepAlive, maxSockets, scheduling: 'lifo' as const, timeout: 5_000 }
  const own: { http?: HttpAgent; https?: HttpsAgent } = {}
  const httpAgent = (): HttpAgent => {
    own.http ??= new HttpAgent(agentOptions)
    return own.http
  }
  const httpsAgent = (): HttpsAgent => {
    own.https ??= new HttpsAgent(agentOptions)
    return own.https
  }

  const send: HttpSender = (request) =>
    new Promise<HttpSendResponse>((resolve, reject) => {
      let url: URL
      try {
        url = new URL(request.url)
      } catch (cause) {
        reject(cause)
        return
      }
      const secure = url.protocol === 'https:'
      if (!secure && url.protocol !== 'http:') {
        reject(new TypeError(`nodeHttpSender: only http: and https: URLs, got ${url.protocol}`))
        return
      }
      const { signal, timeoutMs } = request
      if (signal?.aborted) {
        reject(signal.reason)
        return
      }
      const headers: Record<string, string | number> = { ...request.headers }
      if (request.body !== undefined) headers['content-length'] = Buffer.byteLength(request.body)

      let settled = false
      let timer: ReturnType<typeof setTimeout> | undefined
      const finish = (error: unknown, value?: HttpSendResponse): void => {
        if (settled) return
        settled = true
        if (timer !== undefined) clearTimeout(timer)
        signal?.removeEventListener('abort', onAbort)
        if (value !== undefined && error === undefined) resolve(value)
        else reject(error)
      }
      const onResponse = (res: IncomingMessage): void => {
        res.setEncoding('utf8')
        let text = ''
        res.on('data', (chunk: string) => {
          text += chunk
        })
        res.on('end', () =>
          finish(undefined, { status: res.statusCode ?? 0, header: headerReader(res), text }),
        )
        res.on('error', (error) => finish(error))
        res.on('close', () => {
          if (!res.complete) finish(new Error('the connection closed before the whole body arrived'))
        })
      }
      const req = (secure ? httpsRequest : httpRequest)(
        url,
        { method: request.method, headers, agent: secure ? httpsAgent() : httpAgent() },
        onResponse,
      )
      // After a timeout or an abort the request is destroyed, which emits an error: already settled.
      req.on('error', (error) => finish(error))
      function onAbort(): void {
        finish(signal?.reason)
        req.destroy()
      }
      signal?.addEventListener('abort', onAbort, { once: true })
      if (timeoutMs > 0) {
        timer = setTimeout(() => {
          finish(sendTimeoutError(timeoutMs))
          req.destroy()
        }, timeoutMs)
      }
      req.end(request.body)
    })

  return Object.assign(send, {
    close(): void {
      own.http?.destroy()
      own.https?.destroy()
      delete own.http
      delete own.https
    },
  })
}
