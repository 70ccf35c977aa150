import { existsSync } from 'node:fs'
import type { OrderConfiguration, PreviewOrderReturnType } from '@gpt-trader/coinbase-client'
import type { RiskGateVerdict } from '@gpt-trader/live-trade'
import { InMemoryMarketView } from '@gpt-trader/risk'
import { Decimal, formatDecimal, isProductId, type ProductSpec, quantize } from '@gpt-trader/validation'
import type { Logger } from 'pino'
import { BotError } from '../../BotError.js'
import type { LoadedConfig } from '../../config/loadConfig.js'
import { ClientMarketData } from '../../engine/ClientMarketData.js'
import { SqliteStore } from '../../store/SqliteStore.js'
import type { CliIo } from '../main.js'
import { withVenue } from './withVenue.js'

/** Raw `orders preview` flags, validated by {@link parsePreviewRequest}. */
export interface OrdersPreviewFlags {
  symbol?: string | undefined
  side?: string | undefined
  size?: string | undefined
  price?: string | undefined
  type?: string | undefined
}

/** A validated preview request. */
export interface PreviewRequest {
  symbol: string
  side: 'BUY' | 'SELL'
  type: 'MARKET' | 'LIMIT'
  size: Decimal
  price?: Decimal | undefined
}

const DECIMAL = /^\d+(\.\d+)?$/

/**
 * Checks the `orders preview` flags; a bad one throws a `USAGE` BotError (exit 2) naming it.
 * `--type` defaults to `limit` when `--price` is given, else `market`.
 */
export function parsePreviewRequest(flags: OrdersPreviewFlags): PreviewRequest {
  const usage = (message: string) => new BotError(`orders preview: ${message}`, { code: 'USAGE' })
  const symbol = flags.symbol?.trim().toUpperCase()
  if (symbol === undefined || symbol === '') throw usage('--symbol is required, e.g. --symbol BTC-USD')
  if (!isProductId(symbol)) throw usage(`--symbol: expected a product id like BTC-USD, got ${flags.symbol}`)
  const side = flags.side?.trim().toUpperCase()
  if (side === undefined || side === '') throw usage('--side is required: BUY or SELL')
  if (side !== 'BUY' && side !== 'SELL') throw usage(`--side: expected BUY or SELL, got ${flags.side}`)
  const sizeText = flags.size?.trim()
  if (sizeText === undefined || sizeText === '')
    throw usage('--size is required (base currency), e.g. --size 0.001')
  if (!DECIMAL.test(sizeText) || new Decimal(sizeText).isZero())
    throw usage(`--size: expected a positive decimal like 0.001, got ${flags.size}`)
  const priceText = flags.price?.trim()
  if (priceText !== undefined && (!DECIMAL.test(priceText) || new Decimal(priceText).isZero()))
    throw usage(`--price: expected a positive decimal like 65000.5, got ${flags.price}`)
  const typeText = (flags.type ?? (priceText === undefined ? 'market' : 'limit')).trim().toUpperCase()
  if (typeText !== 'MARKET' && typeText !== 'LIMIT')
    throw usage(`--type: expected market or limit, got ${flags.type}`)
  if (typeText === 'LIMIT' && priceText === undefined) throw usage('--price is required with --type limit')
  if (typeText === 'MARKET' && priceText !== undefined) throw usage('--price: only with --type limit')
  return {
    symbol,
    side,
    type: typeText,
    size: new Decimal(sizeText),
    ...(priceText === undefined ? {} : { price: new Decimal(priceText) }),
  }
}

/** What `orders preview --json` prints. */
export interface PreviewOutput {
  profile: string
  broker: string
  request: { symbol: string; side: string; type: string; size: string; price?: string | undefined }
  /** Quantized to the product's increments (and clamped by risk when it clamps). */
  order: { size: string; price?: string | undefined; timeInForce?: string | undefined }
  adjustments: string[]
  risk: RiskGateVerdict
  /** The venue's preview (decimals as strings); absent when the venue was not asked. */
  preview?: Record<string, unknown> | undefined
  /** True when both risk and the venue would accept the order. */
  ok: boolean
}

/**
 * `coinbase-trader orders preview`: quantizes the order to the product's increments, runs the bot's
 * pre-trade risk checks on it (the profile's risk config, the store's positions and open orders, the
 * live book) and asks the venue's preview endpoint (`POST /orders/preview`) for fees, totals and its
 * errors and warnings. Nothing is placed. Resolves to 0 when risk and the venue would both accept
 * the order, 1 when either refuses it.
 */
export async function runOrdersPreview(
  loaded: LoadedConfig,
  flags: OrdersPreviewFlags,
  options: { io: CliIo; log: Logger; json: boolean },
): Promise<number> {
  const request = parsePreviewRequest(flags)
  const { config } = loaded
  const output = await withVenue(loaded, options.log, async ({ container, client, broker, now }) => {
    let spec: ProductSpec
    try {
      spec = await broker.getProduct(request.symbol)
    } catch (error) {
      throw new BotError(`orders preview: --symbol: ${request.symbol} is not a product at the venue`, {
        code: 'USAGE',
        cause: error,
      })
    }
    const adjustments: string[] = []
    let size = quantize(request.size, spec.base_increment, 'floor')
    if (!size.eq(request.size))
      adjustments.push(
        `size ${request.size.toFixed()} → ${size.toFixed()} (base increment ${spec.base_increment.toFixed()})`,
      )
    if (!size.gt(0)) {
      throw new BotError(
        `orders preview: --size: ${request.size.toFixed()} is below the base increment ${spec.base_increment.toFixed()}`,
        { code: 'USAGE' },
      )
    }
    let price: Decimal | undefined
    if (request.price !== undefined) {
      // A buy never pays more, a sell never gets less, than asked.
      price = quantize(request.price, spec.price_increment, request.side === 'BUY' ? 'floor' : 'ceil')
      if (!price.eq(request.price))
        adjustments.push(
          `price ${request.price.toFixed()} → ${price.toFixed()} (price increment ${spec.price_increment.toFixed()})`,
        )
    }

    // Positions, open orders and trading state as a run would start with them: the profile's store
    // for a real venue; nothing for the embedded sim, which starts afresh every run.
    const file = container.storeFile
    const store = SqliteStore.open({ file: config.broker !== 'sim' && existsSync(file) ? file : ':memory:' })
    let risk: RiskGateVerdict
    try {
      const engine = await container.createEngine(broker, store, now)
      await engine.start()
      try {
        const manager = container.createRiskManager(store, now)
        const market = new ClientMarketData({
          client,
          view: new InMemoryMarketView(),
          monitor: manager.monitor,
          now,
          candles: Math.max(60, config.strategy.longPeriod + 5),
        })
        const snapshot = await market.snapshot(request.symbol)
        const position = engine.positions.position(request.symbol)
        const qty = position.quantity
        const reducing = (request.side === 'SELL' && qty.gt(0)) || (request.side === 'BUY' && qty.lt(0))
        risk = container.createRiskGate(manager, market).check(
          { symbol: request.symbol, side: request.side, type: request.type, size, price, reducing },
          {
            equity: engine.positions.equity(),
            position,
            positions: engine.positions,
            openOrders: engine.openOrders(),
            snapshot,
            product: spec,
            products: new Map([[spec.product_id, spec]]),
            tradingState: engine.tradingState.state,
            now: now(),
          },
        )
      } finally {
        await engine.stop()
      }
    } finally {
      store.close()
    }
    if (risk.action === 'clamp') {
      const clamped = quantize(risk.size, spec.base_increment, 'floor')
      adjustments.push(`size ${size.toFixed()} → ${clamped.toFixed()} (risk: ${risk.reason})`)
      size = clamped
    }
    const timeInForce = request.type === 'LIMIT' ? config.orders.timeInForce : undefined
    let preview: PreviewOrderReturnType | undefined
    if (size.gt(0)) {
      preview = await client.previewOrder({
        product_id: request.symbol,
        side: request.side,
        order_configuration: orderConfiguration(request.type, timeInForce, size, price),
      })
    }
    const errs = preview?.errs ?? []
    const result: PreviewOutput = {
      profile: config.profile,
      broker: config.broker,
      request: {
        symbol: request.symbol,
        side: request.side,
        type: request.type,
        size: request.size.toFixed(),
        ...(request.price === undefined ? {} : { price: request.price.toFixed() }),
      },
      order: {
        size: formatDecimal(size),
        ...(price === undefined ? {} : { price: formatDecimal(price) }),
        ...(timeInForce === undefined ? {} : { timeInForce }),
      },
      adjustments,
      risk,
      ...(preview === undefined ? {} : { preview: plain(preview) }),
      ok: risk.action !== 'reject' && preview !== undefined && errs.length === 0,
    }
    return result
  })
  print(output, options)
  return output.ok ? 0 : 1
}

function orderConfiguration(
  type: 'MARKET' | 'LIMIT',
  timeInForce: 'GTC' | 'IOC' | 'FOK' | undefined,
  size: Decimal,
  price: Decimal | undefined,
): OrderConfiguration {
  const base_size = formatDecimal(size)
  if (type === 'MARKET' || price === undefined) return { market_market_ioc: { base_size } }
  const limit_price = formatDecimal(price)
  if (timeInForce === 'IOC') return { sor_limit_ioc: { base_size, limit_price } }
  if (timeInForce === 'FOK') return { limit_limit_fok: { base_size, limit_price } }
  return { limit_limit_gtc: { base_size, limit_price, post_only: false } }
}

/** The preview with Decimals as strings (for JSON and the table). */
function plain(preview: PreviewOrderReturnType): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(preview).map(([k, v]) => [k, Decimal.isDecimal(v) ? formatDecimal(v as Decimal) : v]),
  )
}

function print(out: PreviewOutput, options: { io: CliIo; json: boolean }): void {
  const { io } = options
  if (options.json) {
    io.stdout.write(`${JSON.stringify(out)}\n`)
    return
  }
  const p = out.preview ?? {}
  const list = (v: unknown) => (Array.isArray(v) && v.length > 0 ? v.join(', ') : 'none')
  const risk =
    out.risk.action === 'accept'
      ? 'accept'
      : out.risk.action === 'clamp'
        ? `clamp to ${formatDecimal(out.risk.size)} (${out.risk.reason})`
        : `reject ${out.risk.code}: ${out.risk.reason}`
  const rows: [string, string][] = [
    [
      'order',
      `${out.request.side} ${out.order.size} ${out.request.symbol} ${out.request.type}${out.order.price === undefined ? '' : ` @ ${out.order.price}`}${out.order.timeInForce === undefined ? '' : ` ${out.order.timeInForce}`}`,
    ],
    ['adjustments', out.adjustments.length > 0 ? out.adjustments.join('; ') : 'none'],
    ['risk', risk],
  ]
  if (out.preview !== undefined) {
    rows.push(
      ['venue errors', list(p.errs)],
      ['venue warnings', list(p.warning)],
      ['base size', String(p.base_size ?? '-')],
      ['quote size', String(p.quote_size ?? '-')],
      ['commission', String(p.commission_total ?? '-')],
      ['order total', String(p.order_total ?? '-')],
      ['best bid / ask', `${String(p.best_bid ?? '-')} / ${String(p.best_ask ?? '-')}`],
    )
  } else {
    rows.push(['venue', 'not asked (nothing left to preview)'])
  }
  rows.push([
    'verdict',
    out.ok ? 'would be accepted (nothing was placed)' : 'would be refused (nothing was placed)',
  ])
  io.stdout.write(`preview at ${out.broker} (profile ${out.profile})\n`)
  for (const [k, v] of rows) io.stdout.write(`  ${k.padEnd(15)} ${v}\n`)
}
