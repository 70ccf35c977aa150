import { calculatePositionSize } from '@gpt-trader/sizing'

export const result = calculatePositionSize({
  symbol: 'BTC-USD',
  currentPrice: '50000',
  portfolioValue: '10000',
  strategyName: 'momentum',
  winRate: 0.65,
  avgWin: 0.08,
  avgLoss: -0.04,
  confidence: 0.75,
  marketRegime: 'bull_quiet',
  baseIncrement: '0.00000001',
})

console.log(result.quantity.toString()) // '0.02' BTC
console.log(result.notional.toString()) // '1000' USD
for (const step of result.adjustments) {
  console.log(
    step.step,
    step.factor.toSignificantDigits(6).toString(),
    '→',
    step.after.toString(),
    step.reason,
  )
}
