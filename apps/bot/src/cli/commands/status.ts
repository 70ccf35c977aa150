import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { LoadedConfig } from '../../config/loadConfig.js'
import type { CliIo } from '../main.js'
import { openExistingStore } from './orders.js'

/** `coinbase-trader status`: the profile's last metrics.json and what its store holds. */
export function runStatus(loaded: LoadedConfig, options: { io: CliIo; json: boolean }): number {
  const dir = resolve(loaded.config.state.root, loaded.config.profile)
  const metricsFile = join(dir, 'metrics.json')
  const metrics: unknown = existsSync(metricsFile) ? JSON.parse(readFileSync(metricsFile, 'utf8')) : null
  const store = openExistingStore(loaded)
  try {
    const view = store.view
    const status = {
      profile: loaded.config.profile,
      store: store.file,
      schemaVersion: store.schemaVersion,
      events: store.size,
      eventsByType: store.countByType(),
      tradingState: view.tradingState,
      openOrders: store.listOrders({ status: 'open' }).length,
      orders: store.listOrders().length,
      fills: store.listFills().length,
      lastMetrics: metrics,
    }
    if (options.json) {
      options.io.stdout.write(`${JSON.stringify(status)}\n`)
    } else {
      const lines = [
        `profile        ${status.profile}`,
        `store          ${status.store} (schema v${status.schemaVersion}, ${status.events} events)`,
        `trading state  ${status.tradingState.state} (${status.tradingState.reason})`,
        `orders         ${status.orders} (${status.openOrders} open)`,
        `fills          ${status.fills}`,
        `metrics.json   ${metrics === null ? 'none yet' : metricsFile}`,
      ]
      options.io.stdout.write(`${lines.join('\n')}\n`)
    }
    return 0
  } finally {
    store.close()
  }
}
