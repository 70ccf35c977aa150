import type { CoinbaseClient } from '@gpt-trader/coinbase-client'
import type { CoinbaseSim } from '@gpt-trader/coinbase-sim'
import type { Broker } from '@gpt-trader/live-trade'
import type { Logger } from 'pino'
import type { LoadedConfig } from '../../config/loadConfig.js'
import { ApplicationContainer } from '../../lifecycle/ApplicationContainer.js'

/** What {@link withVenue} hands to its callback. */
export interface Venue {
  container: ApplicationContainer
  client: CoinbaseClient
  broker: Broker
  sim: CoinbaseSim | undefined
  /** Venue time (the sim's clock in dev, the venue's `/time` otherwise). */
  now: () => number
}

/**
 * Connects to the profile's venue for a one-shot command (the embedded sim for dev, on a manual
 * clock; Coinbase otherwise), runs `fn`, and always closes what it opened.
 */
export async function withVenue<T>(
  loaded: LoadedConfig,
  log: Logger,
  fn: (venue: Venue) => Promise<T>,
): Promise<T> {
  const container = new ApplicationContainer({
    config: loaded.config,
    credentials: loaded.credentials,
    log,
    devFast: true,
  })
  const sim = loaded.config.broker === 'sim' ? await container.startSim() : undefined
  try {
    if (sim) sim.control.advance(60_000)
    const client = container.createClient(sim)
    // JWTs are signed with the venue's clock: measure its offset once before the first private call
    // (a standalone sim may run faster than real time).
    const clock = container.venueClock
    if (clock !== undefined) await clock.sync(async () => (await client.getServerTime()).epochMillis)
    const now = sim ? () => sim.control.now() : () => clock?.now() ?? Date.now()
    return await fn({ container, client, broker: container.createBroker(client), sim, now })
  } finally {
    await sim?.close()
  }
}
