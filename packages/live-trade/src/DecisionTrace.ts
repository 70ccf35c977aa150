import type { OrderSide } from '@gpt-trader/validation'

/** How one trading-loop decision ended. */
export type DecisionOutcome =
  | 'hold'
  | 'filtered'
  | 'zero_size'
  | 'risk_rejected'
  | 'blocked'
  | 'placed'
  | 'duplicate'
  | 'error'

/**
 * Everything that led to an order (or to no order) in one cycle for one symbol, JSON-safe (decimal
 * strings) so it is stored as a `decision` event and can be audited later.
 */
export interface DecisionTrace {
  decisionId: string
  cycle: number
  symbol: string
  strategy: string
  /** Market inputs: mark, best bid / ask, snapshot time. */
  inputs: { mark: string; bestBid?: string | undefined; bestAsk?: string | undefined; at: number }
  signal: { side: OrderSide | 'HOLD'; confidence: number; reason: string }
  /** One entry per filter that ran, with why it blocked. */
  filters: readonly { filter: string; passed: boolean; reason: string }[]
  /** Sizing: the quantity and each adjustment step. */
  sizing?: {
    quantity: string
    notional: string
    adjustments: readonly string[]
    zeroReason?: string | undefined
  }
  /** The risk gate's verdict and, for a clamp, the size after it. */
  risk?: {
    action: 'accept' | 'reject' | 'clamp'
    code?: string | undefined
    reason?: string | undefined
    size?: string
  }
  outcome: DecisionOutcome
  clientOrderId?: string | undefined
  error?: string | undefined
}
