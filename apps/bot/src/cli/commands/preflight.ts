import { accessSync, constants, mkdirSync } from 'node:fs'
import { Decimal, quantize } from '@gpt-trader/validation'
import type { Logger } from 'pino'
import type { LoadedConfig } from '../../config/loadConfig.js'
import type { CliIo } from '../main.js'
import { withVenue } from './withVenue.js'

/** One preflight check. */
export interface PreflightCheck {
  name: string
  ok: boolean
  detail: string
}

/**
 * `coinbase-trader preflight`: credentials parse and sign (an authenticated request succeeds),
 * `/time` reachable with clock skew under 5 s, key permissions (view, trade), every product online
 * and tradable, the per-order stake valid against each product's increments and minimums, the risk
 * config sane, the state directory writable. Prints a table; exit 1 on any failure.
 */
export async function runPreflight(
  loaded: LoadedConfig,
  options: { io: CliIo; log: Logger; json: boolean },
): Promise<number> {
  const { config } = loaded
  const checks: PreflightCheck[] = []
  const add = (name: string, ok: boolean, detail: string) => checks.push({ name, ok, detail })
  add('config', true, `${config.source} valid`)
  const risk = config.risk
  add(
    'risk config',
    risk.maxLeverage.gte(1) &&
      risk.dailyLossLimit.gt(0) &&
      risk.maxSymbolExposurePct.lte(risk.maxTotalExposurePct),
    `daily loss ${risk.dailyLossLimit.toFixed()}, leverage ≤ ${risk.maxLeverage.toFixed()}, symbol ≤ ${risk.maxSymbolExposurePct.toFixed()} ≤ total ${risk.maxTotalExposurePct.toFixed()}`,
  )
  try {
    await withVenue(loaded, options.log, async ({ client, broker, container, sim }) => {
      try {
        mkdirSync(container.stateDir, { recursive: true })
        accessSync(container.stateDir, constants.W_OK)
        add('store writable', true, container.stateDir)
      } catch (error) {
        add('store writable', false, error instanceof Error ? error.message : String(error))
      }
      try {
        const time = await client.getServerTime()
        const local = sim ? sim.control.now() : Date.now()
        const skew = Math.abs(time.epochMillis - local)
        add('clock skew', skew < 5_000, `${skew} ms (limit 5000)`)
      } catch (error) {
        add(
          'clock skew',
          false,
          `GET /time failed: ${error instanceof Error ? error.message : String(error)}`,
        )
      }
      if (config.broker === 'paper') {
        add(
          'credentials',
          true,
          'not needed: paper trading reads public market data; orders stay in the paper broker',
        )
      } else {
        try {
          const perms = await client.getKeyPermissions()
          add(
            'credentials sign',
            true,
            `authenticated request accepted (${sim ? 'embedded sim key' : 'env credentials'})`,
          )
          add(
            'key permissions',
            perms.can_view && perms.can_trade,
            `view ${perms.can_view}, trade ${perms.can_trade}`,
          )
        } catch (error) {
          add('credentials sign', false, error instanceof Error ? error.message : String(error))
        }
      }
      const stake =
        config.sizing.maxNotional === undefined ? undefined : new Decimal(config.sizing.maxNotional)
      for (const symbol of config.symbols) {
        try {
          const p = await broker.getProduct(symbol)
          const tradable = !p.trading_disabled && !p.is_disabled && !p.cancel_only && !p.limit_only
          let stakeDetail = ''
          let stakeOk = true
          if (stake !== undefined) {
            const book = await client.getProductBook({ product_id: symbol, limit: 1 })
            const price = book.pricebook.asks[0]?.price
            if (price?.gt(0)) {
              const size = quantize(stake.div(price), p.base_increment, 'floor')
              stakeOk = size.gte(p.base_min_size) && stake.gte(p.quote_min_size)
              stakeDetail = `, stake ${stake.toFixed()} → ${size.toFixed()} (min ${p.base_min_size.toFixed()})`
            }
          }
          add(
            `product ${symbol}`,
            tradable && stakeOk,
            `${p.status || 'online'}${tradable ? '' : ' (not tradable)'}${stakeDetail}`,
          )
        } catch (error) {
          add(`product ${symbol}`, false, error instanceof Error ? error.message : String(error))
        }
      }
    })
  } catch (error) {
    add('venue', false, error instanceof Error ? error.message : String(error))
  }
  const ok = checks.every((c) => c.ok)
  if (options.json) {
    options.io.stdout.write(`${JSON.stringify({ ok, checks })}\n`)
  } else {
    const width = Math.max(...checks.map((c) => c.name.length))
    for (const c of checks)
      options.io.stdout.write(`${c.ok ? 'PASS' : 'FAIL'}  ${c.name.padEnd(width)}  ${c.detail}\n`)
    options.io.stdout.write(ok ? 'preflight passed\n' : 'preflight FAILED\n')
  }
  return ok ? 0 : 1
}
