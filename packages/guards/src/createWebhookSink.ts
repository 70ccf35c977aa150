import { BaseError } from '@gpt-trader/validation'
import type { Alert, AlertDelivery, AlertSink } from './AlertSink.js'
import { type Clock, systemClock } from './clock.js'

/** Options of {@link createWebhookSink}. */
export interface WebhookSinkOptions {
  /** Incoming-webhook URL. Treated as a secret: it never appears in errors or logs. */
  url: string
  name?: string | undefined
  /** Per-request timeout. Default 5000 ms. */
  timeoutMs?: number | undefined
  /** An alert of the same guard and kind (breach, warning, recover) is sent at most once per this window. Default 60 000 ms. */
  dedupMs?: number | undefined
  /** At most `max` deliveries per `perMs`. Default 20 per 60 000 ms. */
  rateLimit?: { max: number; perMs: number } | undefined
  /** Extra request headers (e.g. an auth header for a non-Slack receiver). Never logged. */
  headers?: Readonly<Record<string, string>> | undefined
  /** Builds the JSON body. Default: Slack-compatible `{ text, attachments }`. */
  format?: ((alert: Alert) => unknown) | undefined
  clock?: Clock | undefined
  /**
   * How to POST. Default: the global `fetch`. Any function with fetch's shape for this one call
   * works, e.g. one built on `node:http` where `fetch` is unavailable (Node run with `--jitless`).
   */
  fetch?: WebhookFetch | undefined
}

/**
 * The part of `fetch` a webhook sink uses: one POST with a JSON body and an abort signal; it reads
 * `ok`, `status` and drains the body. The global `fetch` is one.
 */
export type WebhookFetch = (
  url: string,
  init: {
    method: 'POST'
    headers: Record<string, string>
    body: string
    signal: AbortSignal
  },
) => Promise<{ ok: boolean; status: number; arrayBuffer(): Promise<unknown> }>

/** A webhook delivery failed: non-2xx status, timeout or network error. The URL is never included. */
export class AlertDeliveryError extends BaseError {
  override name = 'AlertDeliveryError'
  readonly sink: string
  /** HTTP status, when the receiver answered. */
  readonly status: number | undefined
  constructor(sink: string, reason: string, options: { status?: number; cause?: unknown } = {}) {
    super(`alert sink "${sink}": delivery failed`, {
      code: 'ALERT_DELIVERY_FAILED',
      details: reason,
      cause: options.cause,
    })
    this.sink = sink
    this.status = options.status
  }
}

/** True for an {@link AlertDeliveryError} from any installed copy of this package. */
export function isAlertDeliveryError(error: unknown): error is AlertDeliveryError {
  return (
    error instanceof AlertDeliveryError || (error instanceof Error && error.name === 'AlertDeliveryError')
  )
}

const COLORS: Record<Alert['kind'], string> = { breach: '#d00000', warning: '#f2c744', recover: '#2eb886' }

/** The default body: Slack's incoming-webhook JSON (`text` plus one coloured attachment with fields). */
export function slackAlertBody(alert: Alert): unknown {
  const fields = [
    { title: 'guard', value: alert.guard, short: true },
    { title: 'severity', value: alert.severity, short: true },
    { title: 'value', value: alert.value, short: true },
    { title: 'threshold', value: alert.threshold, short: true },
    ...Object.entries(alert.context).map(([title, value]) => ({ title, value: String(value), short: true })),
  ]
  return {
    text: `[${alert.kind.toUpperCase()}] ${alert.message}`,
    attachments: [{ color: COLORS[alert.kind], fields, ts: Math.floor(alert.at / 1000) }],
  }
}

/**
 * An alert sink that POSTs JSON (Slack-compatible by default) with a timeout, de-duplication of
 * repeated alerts and a rate limit. Rejects with {@link AlertDeliveryError} on failure; duplicates and
 * rate-limited alerts resolve with `delivered: false` and a reason.
 *
 * @example
 * const slack = createWebhookSink({ url: process.env.SLACK_WEBHOOK_URL!, rateLimit: { max: 10, perMs: 60_000 } })
 */
export function createWebhookSink(options: WebhookSinkOptions): AlertSink {
  const name = options.name ?? 'webhook'
  const timeoutMs = options.timeoutMs ?? 5000
  const dedupMs = options.dedupMs ?? 60_000
  const { max, perMs } = options.rateLimit ?? { max: 20, perMs: 60_000 }
  const clock = options.clock ?? systemClock
  const format = options.format ?? slackAlertBody
  const url = options.url
  const lastSent = new Map<string, number>()
  const sentAt: number[] = []

  return {
    name,
    async send(alert: Alert): Promise<AlertDelivery> {
      const now = clock.now()
      const key = `${alert.guard}\u0000${alert.kind}`
      const previous = lastSent.get(key)
      if (previous !== undefined && now - previous < dedupMs) return { delivered: false, reason: 'duplicate' }
      while (sentAt.length > 0 && now - sentAt[0]! >= perMs) sentAt.shift()
      if (sentAt.length >= max) return { delivered: false, reason: 'rate_limited' }
      sentAt.push(now)
      lastSent.set(key, now)
      if (lastSent.size > 1000) for (const [k, t] of lastSent) if (now - t >= dedupMs) lastSent.delete(k)

      const doFetch = options.fetch ?? globalThis.fetch
      const controller = new AbortController()
      const timer = setTimeout(() => controller.abort(), timeoutMs)
      let response: Awaited<ReturnType<WebhookFetch>>
      try {
        response = await doFetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...options.headers },
          body: JSON.stringify(format(alert)),
          signal: controller.signal,
        })
      } catch (error) {
        // Drop the dedup mark so that a later retry of the same alert is not swallowed.
        lastSent.delete(key)
        const reason = controller.signal.aborted ? `timed out after ${timeoutMs} ms` : 'network error'
        throw new AlertDeliveryError(name, reason, { cause: scrub(error, url) })
      } finally {
        clearTimeout(timer)
      }
      // Drain the body so the connection can be reused.
      await response.arrayBuffer().catch(() => undefined)
      if (!response.ok) {
        lastSent.delete(key)
        throw new AlertDeliveryError(name, `HTTP ${response.status}`, { status: response.status })
      }
      return { delivered: true }
    },
  }
}

/** Keeps the cause's name and message but removes the URL, in case a fetch implementation embeds it. */
function scrub(error: unknown, url: string): Error {
  const message = error instanceof Error ? error.message : String(error)
  const cleaned = new Error(message.split(url).join('<webhook url>'))
  cleaned.name = error instanceof Error ? error.name : 'Error'
  return cleaned
}
