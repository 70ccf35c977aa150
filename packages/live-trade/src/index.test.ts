import { expect, it } from 'vitest'

it('exports exactly the public API', async () => {
  expect(Object.keys(await import('./index.js')).sort()).toMatchInlineSnapshot(`
    [
      "BrokerError",
      "EventProjection",
      "ExecutionEngine",
      "FillModel",
      "FilterPipeline",
      "IllegalTransitionError",
      "InMemoryStore",
      "L2Book",
      "LiveTradeError",
      "MomentumFilter",
      "MomentumStrategy",
      "MovingAverageCrossStrategy",
      "PaperBroker",
      "PositionTracker",
      "Reconciler",
      "TradingLoop",
      "TrendFilter",
      "VolumeFilter",
      "adx",
      "assertTransition",
      "canTransition",
      "coinbaseAdvancedFeeTiers",
      "deriveClientOrderId",
      "isBrokerError",
      "isIllegalTransitionError",
      "isLiveTradeError",
      "isTerminalStatus",
      "isWorkingStatus",
      "liveTradeCodes",
      "orderStatuses",
      "orderTransitions",
      "preTradeRiskGate",
      "rsi",
      "sma",
    ]
  `)
})
