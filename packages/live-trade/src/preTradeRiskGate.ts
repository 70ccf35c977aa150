import type {
  BestBidAsk,
  MarketView,
  PreTradeContext,
  PreTradeOrder,
  RiskOpenOrder,
  RiskPosition,
  RiskVerdict,
} from '@gpt-trader/risk'
import type { RiskGate, RiskGateContext } from './RiskGate.js'

/** Anything with the `check(order, context)` of `@gpt-trader/risk`'s `PreTradeValidator`. */
export interface PreTradeChecker {
  check(order: PreTradeOrder, context: PreTradeContext): RiskVerdict
}

/** Options of {@link preTradeRiskGate}. */
export interface PreTradeRiskGateOptions {
  /**
   * The market view the risk checks read (marks, best bid/ask, impact). Default: a view of the cycle's
   * snapshot (mark and best bid/ask at the snapshot time, no depth — so impact checks fail closed).
   */
  market?: MarketView | ((context: RiskGateContext) => MarketView) | undefined
}

/**
 * Adapts `@gpt-trader/risk`'s `PreTradeValidator` (or `LiveRiskManager`) to the trading loop's
 * {@link RiskGate}: builds the `PreTradeContext` (equity, positions from the fills, the engine's open
 * orders with their unfilled size, product specs, trading state) and maps the verdict.
 *
 * @example
 * const risk = preTradeRiskGate(new PreTradeValidator(resolveRiskConfig({}, { preset: 'spot_top10' })), { market: marketView })
 * new TradingLoop({ ...options, risk })
 */
export function preTradeRiskGate(checker: PreTradeChecker, options: PreTradeRiskGateOptions = {}): RiskGate {
  return {
    check(order, context) {
      // Non-flat positions by symbol; the tracker hands out the same read-only map until the next
      // fill, so the checker's exposure cache sees an unchanged book as unchanged.
      const positions: ReadonlyMap<string, RiskPosition> = context.positions.heldQuantities()
      const openOrders: RiskOpenOrder[] = context.openOrders.map((o) => ({
        productId: o.symbol,
        side: o.side,
        size: o.size.minus(o.filledSize),
        price: o.price,
      }))
      const market =
        typeof options.market === 'function'
          ? options.market(context)
          : (options.market ?? snapshotView(context))
      const riskOrder: Parameters<PreTradeChecker['check']>[0] = {
        productId: order.symbol,
        side: order.side,
        type: order.type,
        size: order.size,
        reduceOnly: order.reducing,
      }
      if (order.price !== undefined) riskOrder.price = order.price
      const verdict = checker.check(riskOrder, {
        portfolio: { equity: context.equity },
        positions,
        openOrders,
        market,
        products: context.products,
        tradingState: context.tradingState,
      })
      if (verdict.accepted) return { action: 'accept' }
      return { action: 'reject', code: verdict.code, reason: verdict.message }
    },
  }
}

function snapshotView(context: RiskGateContext): MarketView {
  const { snapshot } = context
  const top: BestBidAsk | undefined =
    snapshot.bestBid !== undefined && snapshot.bestAsk !== undefined
      ? { bestBid: snapshot.bestBid, bestAsk: snapshot.bestAsk, at: snapshot.at }
      : undefined
  const mark = { price: snapshot.mark, at: snapshot.at }
  return {
    mark: (symbol) => (symbol === snapshot.symbol ? mark : undefined),
    bestBidAsk: (symbol) => (symbol === snapshot.symbol ? top : undefined),
    impact: () => undefined,
  }
}
