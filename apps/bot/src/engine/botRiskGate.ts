import type { RiskGate } from '@gpt-trader/live-trade'
import { Decimal, quantize } from '@gpt-trader/validation'
import { WEEKDAYS } from '../config/botConfig.js'

/** Options of {@link botRiskGate}. */
export interface BotRiskGateOptions {
  /** The pre-trade risk checks (live-trade's adapter over `@gpt-trader/risk`). */
  inner: RiskGate
  /** Base-currency position cap per product (`sizing.maxPosition`). */
  maxPosition?: Readonly<Record<string, string>> | undefined
  /** UTC days on which new exposure may be opened (`tradingDays`); null = every day. */
  tradingDays?: readonly string[] | null | undefined
  /** Decide and record, never send (`--dry-run`). */
  dryRun?: boolean | undefined
  /** Why the symbol's market data may not back new exposure now (stale, resyncing), or undefined. */
  stale?: ((symbol: string, now: number) => string | undefined) | undefined
  /** Why the symbol is in a cooldown after a venue rejection (e.g. insufficient funds), or undefined. */
  cooldown?: ((symbol: string, now: number) => string | undefined) | undefined
}

/**
 * The bot's risk gate: the profile's own limits around risk's pre-trade checks. Order: trading days,
 * stale market data (`STALE_MARKET_DATA`) and a venue-rejection cooldown (`VENUE_REJECTED`) — all
 * three for new exposure only, reduce-only orders pass — then risk's checks, then the base position cap (clamps the size so the
 * position stays under it), then dry run (rejects with code `DRY_RUN` after everything else passed,
 * so a dry run records exactly what would have been sent).
 *
 * @example
 * const risk = botRiskGate({ inner: preTradeRiskGate(manager, { market }), maxPosition: { 'BTC-USD': '0.01' } })
 */
export function botRiskGate(options: BotRiskGateOptions): RiskGate {
  const caps = new Map(Object.entries(options.maxPosition ?? {}).map(([k, v]) => [k, new Decimal(v)]))
  return {
    check(order, context) {
      if (!order.reducing && options.tradingDays) {
        const day = WEEKDAYS[new Date(context.now).getUTCDay()] ?? 'Sun'
        if (!options.tradingDays.includes(day)) {
          return {
            action: 'reject',
            code: 'OUTSIDE_TRADING_DAYS',
            reason: `no new exposure on ${day} (tradingDays)`,
          }
        }
      }
      if (!order.reducing) {
        const stale = options.stale?.(order.symbol, context.now)
        if (stale !== undefined) return { action: 'reject', code: 'STALE_MARKET_DATA', reason: stale }
        const cooling = options.cooldown?.(order.symbol, context.now)
        if (cooling !== undefined) return { action: 'reject', code: 'VENUE_REJECTED', reason: cooling }
      }
      let verdict = options.inner.check(order, context)
      if (verdict.action === 'reject') return verdict
      const cap = caps.get(order.symbol)
      if (cap !== undefined && !order.reducing) {
        const size = verdict.action === 'clamp' ? verdict.size : order.size
        const room = cap.minus(context.position.quantity.abs())
        if (!room.gt(0)) {
          return {
            action: 'reject',
            code: 'POSITION_CAP',
            reason: `position cap ${cap.toFixed()} ${order.symbol} reached`,
          }
        }
        if (size.gt(room)) {
          const clamped = quantize(room, context.product.base_increment, 'floor')
          verdict = {
            action: 'clamp',
            size: clamped,
            reason: `position cap ${cap.toFixed()} ${order.symbol}`,
          }
        }
      }
      if (options.dryRun) return { action: 'reject', code: 'DRY_RUN', reason: 'dry run: not sent' }
      return verdict
    },
  }
}
