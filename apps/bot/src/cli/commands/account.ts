import type { Logger } from 'pino'
import type { LoadedConfig } from '../../config/loadConfig.js'
import type { CliIo } from '../main.js'
import { withVenue } from './withVenue.js'

/** `coinbase-trader account`: balances at the profile's venue (dev: a fresh embedded sim). */
export async function runAccount(
  loaded: LoadedConfig,
  options: { io: CliIo; log: Logger; json: boolean },
): Promise<number> {
  const balances = await withVenue(loaded, options.log, async ({ broker }) => broker.getBalances())
  const rows = balances
    .filter((b) => !b.available.isZero() || !b.hold.isZero())
    .map((b) => ({ currency: b.currency, available: b.available.toFixed(), hold: b.hold.toFixed() }))
  if (options.json) {
    options.io.stdout.write(
      `${JSON.stringify({ profile: loaded.config.profile, broker: loaded.config.broker, balances: rows })}\n`,
    )
  } else {
    options.io.stdout.write(`balances at ${loaded.config.broker} (profile ${loaded.config.profile})\n`)
    for (const r of rows)
      options.io.stdout.write(`  ${r.currency.padEnd(6)} ${r.available.padStart(20)}  hold ${r.hold}\n`)
  }
  return 0
}
