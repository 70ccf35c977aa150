import type { HttpSender } from '@gpt-trader/coinbase-client'
import type { WebhookFetch } from '@gpt-trader/guards'

/**
 * The alert webhook's POST over an {@link HttpSender} (the bot passes `nodeHttpSender()`), so that
 * delivering an alert never needs `fetch`: Node's `fetch` needs WebAssembly, which the launcher's
 * `--jitless` turns off. The sink's own abort signal bounds the time; the body is read by the sender.
 */
export function senderWebhookFetch(send: HttpSender): WebhookFetch {
  return async (url, init) => {
    const response = await send({
      method: init.method,
      url,
      headers: init.headers,
      body: init.body,
      timeoutMs: 0,
      signal: init.signal,
    })
    return {
      ok: response.status >= 200 && response.status < 300,
      status: response.status,
      arrayBuffer: async () => new TextEncoder().encode(response.text).buffer,
    }
  }
}
