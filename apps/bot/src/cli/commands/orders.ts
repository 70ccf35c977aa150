import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { BotError } from '../../BotError.js'
import type { LoadedConfig } from '../../config/loadConfig.js'
import { SqliteStore } from '../../store/SqliteStore.js'
import type { CliIo } from '../main.js'

/** Opens the profile's store if it exists (read-mostly commands never create one). */
export function openExistingStore(loaded: LoadedConfig): SqliteStore {
  const file = join(resolve(loaded.config.state.root, loaded.config.profile), 'gpt-trader.sqlite')
  if (!existsSync(file)) {
    throw new BotError(`no state store at ${file}: run the bot with this profile first`, {
      code: 'STORE_FAILED',
    })
  }
  return SqliteStore.open({ file })
}

/** `coinbase-trader orders list`: the orders recorded in the profile's store. */
export function runOrdersList(
  loaded: LoadedConfig,
  options: { io: CliIo; json: boolean; open: boolean },
): number {
  const store = openExistingStore(loaded)
  try {
    const orders = store.listOrders({ status: options.open ? 'open' : 'all' })
    const rows = orders.map((o) => ({
      clientOrderId: o.clientOrderId,
      exchangeOrderId: o.exchangeOrderId,
      symbol: o.symbol,
      side: o.side,
      type: o.type,
      size: o.size.toFixed(),
      price: o.price?.toFixed(),
      filled: o.filledSize.toFixed(),
      status: o.status,
    }))
    if (options.json) {
      options.io.stdout.write(`${JSON.stringify(rows)}\n`)
    } else if (rows.length === 0) {
      options.io.stdout.write('no orders\n')
    } else {
      for (const r of rows) {
        options.io.stdout.write(
          `${r.clientOrderId.padEnd(28)} ${r.symbol.padEnd(9)} ${r.side.padEnd(4)} ${r.type.padEnd(6)} ${r.size.padStart(14)} filled ${r.filled.padStart(14)} ${r.status}\n`,
        )
      }
    }
    return 0
  } finally {
    store.close()
  }
}
