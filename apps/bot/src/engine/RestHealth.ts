import type { BotMetrics } from '../telemetry/BotMetrics.js'

/** The outcome of one HTTP attempt to the venue (every retry counts on its own). */
export interface RestOutcome {
  /** HTTP status, or `0` when no answer came (network error, timeout, abort). */
  status: number
  method: string
  /** Path without the query string (never the query: it is not secret, but it is unbounded). */
  path: string
}

/**
 * Watches every HTTP attempt the venue client makes, through the `fetch` it is given: REST errors
 * by code go to `gpt_trader_rest_errors_total` (`code` = the HTTP status, or `network`), and
 * listeners (the risk monitor's API error rate, the auth halt) get each outcome. Only the status,
 * method and path are read — never headers, so a JWT never reaches a label or a log line.
 *
 * @example
 * const rest = new RestHealth(metrics)
 * rest.on((o) => risk.monitor.recordApiResult(!RestHealth.isFailure(o)))
 * createCoinbaseClient({ fetch: rest.fetch })
 */
export class RestHealth {
  readonly #metrics: BotMetrics | undefined
  readonly #listeners: ((outcome: RestOutcome) => void)[] = []
  readonly #inner: typeof globalThis.fetch
  /** Attempts seen. */
  requests = 0
  /** 401 answers seen (the key was refused). */
  unauthorized = 0

  constructor(metrics?: BotMetrics, inner: typeof globalThis.fetch = globalThis.fetch.bind(globalThis)) {
    this.#metrics = metrics
    this.#inner = inner
  }

  /** True for outcomes that count against the API error rate: 5xx, no answer, 401/403. */
  static isFailure(outcome: RestOutcome): boolean {
    return outcome.status === 0 || outcome.status >= 500 || outcome.status === 401 || outcome.status === 403
  }

  /** Adds a listener; returns the remover. */
  on(listener: (outcome: RestOutcome) => void): () => void {
    this.#listeners.push(listener)
    return () => {
      const i = this.#listeners.indexOf(listener)
      if (i >= 0) this.#listeners.splice(i, 1)
    }
  }

  /** The instrumented `fetch` to give the client. */
  readonly fetch: typeof globalThis.fetch = async (input, init) => {
    const request = input instanceof Request ? input : undefined
    const method = (init?.method ?? request?.method ?? 'GET').toUpperCase()
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
    const path = pathOf(url)
    try {
      const response = await this.#inner(input, init)
      this.#observe({ status: response.status, method, path })
      return response
    } catch (error) {
      this.#observe({ status: 0, method, path })
      throw error
    }
  }

  #observe(outcome: RestOutcome): void {
    this.requests++
    if (outcome.status === 401) this.unauthorized++
    if (outcome.status === 0 || outcome.status >= 400) {
      this.#metrics?.restErrors.inc({ code: outcome.status === 0 ? 'network' : String(outcome.status) })
    }
    for (const listener of [...this.#listeners]) {
      try {
        listener(outcome)
      } catch {
        // A listener's bug must not turn a good answer into a failed request.
      }
    }
  }
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname
  } catch {
    return url.split('?')[0] ?? url
  }
}
