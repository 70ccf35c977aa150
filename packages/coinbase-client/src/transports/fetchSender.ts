import { lazyImport } from '../utils/lazyImport.js'
import type { HttpSender, HttpSendResponse } from './sender.js'
import { sendTimeoutError } from './sender.js'

type Ky = typeof import('ky').default
type KyModule = typeof import('ky')

// ky reads `globalThis.Request` when it is imported, which makes Node load its whole fetch
// implementation (undici): import it on the first request only, so a client that sends through
// another sender never pays for it.
const loadKy: () => Promise<KyModule> = lazyImport(() => import('ky'))

const BODY_TIMEOUT: unique symbol = Symbol('body timeout')

/** Reads the body, giving up (and cancelling the stream) after `ms`. Rejects with BODY_TIMEOUT. */
function readText(response: Response, ms: number): Promise<string> {
  if (ms <= 0) {
    response.body?.cancel().catch(() => undefined)
    return Promise.reject(BODY_TIMEOUT)
  }
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      response.body?.cancel().catch(() => undefined)
      reject(BODY_TIMEOUT)
    }, ms)
    response.text().then(
      (text) => {
        clearTimeout(timer)
        resolve(text)
      },
      (error: unknown) => {
        clearTimeout(timer)
        reject(error)
      },
    )
  })
}

/**
 * The default sender: ky over `fetch` (browsers, Node, Deno, Bun). ky's timeout covers the wait for
 * the headers; the body read gets whatever time is left and is cancelled (releasing the socket) if it
 * runs out.
 *
 * @example
 * const client = createCoinbaseClient({ send: fetchSender(myProxiedFetch) })
 */
export function fetchSender(fetchFn?: typeof globalThis.fetch): HttpSender {
  let instance: { ky: Ky; TimeoutError: KyModule['TimeoutError'] } | undefined
  return async (request) => {
    if (!instance) {
      const mod = await loadKy()
      instance = {
        ky: mod.default.create({
          retry: 0,
          throwHttpErrors: false,
          fetch: fetchFn ?? globalThis.fetch.bind(globalThis),
        }),
        TimeoutError: mod.TimeoutError,
      }
    }
    const { timeoutMs } = request
    const started = Date.now()
    let response: Response
    let text: string
    try {
      response = await instance.ky(request.url, {
        method: request.method,
        headers: request.headers,
        ...(request.body !== undefined ? { body: request.body } : {}),
        timeout: timeoutMs > 0 ? timeoutMs : false,
        ...(request.signal ? { signal: request.signal } : {}),
      })
      text =
        timeoutMs > 0 ? await readText(response, timeoutMs - (Date.now() - started)) : await response.text()
    } catch (error) {
      if (error === BODY_TIMEOUT || error instanceof instance.TimeoutError) throw sendTimeoutError(timeoutMs)
      throw error
    }
    const headers = response.headers
    const answer: HttpSendResponse = { status: response.status, header: (name) => headers.get(name), text }
    return answer
  }
}
