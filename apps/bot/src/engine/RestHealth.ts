import type { HttpSender } from '@gpt-trader/coinbase-client'
import { nodeHttpSender } from '@gpt-trader/coinbase-client/node'
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
 * Sends every HTTP attempt the venue client makes (through `node:http`, so the bot never loads
 * Node's fetch and its WebAssembly parser: less memory for a process that runs for weeks) and watches
 * each one: REST errors
 * by code go to `gpt_trader_rest_errors_total` (`code` = the HTTP status, or `network`), and
 * listeners (the risk monitor's API error rate, the auth halt) get each outcome. Only the status,
 * method and path are read — never headers, so a JWT never reaches a label or a log line.
 *
 * @example
 * const rest = new RestHealth(metrics)
 * rest.on((o) => risk.monitor.recordApiResult(!RestHealth.isFailure(o)))
 * createCoinbaseClient({ send: rest.send })
 */
export class RestHealth {
  readonly #metrics: BotMetrics | undefined
  readonly #listeners: ((outcome: RestOutcome) => void)[] = []
  readonly #inner: HttpSender
  /** Attempts seen. */
  requests = 0
  /** 401 answers seen (the key was refused). */
  unauthorized = 0

  readonly #close: () => void

  constructor(metrics?: BotMetrics, inner?: HttpSender) {
    this.#metrics = metrics
    if (inner) {
      this.#inner = inner
      this.#close = () => undefined
    } else {
      const own = nodeHttpSender()
      this.#inner = own
      this.#close = () => own.close()
    }
  }

  /** Closes the idle kept-alive connections of the sender it made (not of one it was given). */
  close(): void {
    this.#close()
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

  /** The instrumented sender to give the client (`createCoinbaseClient({ send })`). */
  readonly send: HttpSender = async (request) => {
    const method = request.method.toUpperCase()
    const path = pathOf(request.url)
    try {
      const response = await this.#inner(request)
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
