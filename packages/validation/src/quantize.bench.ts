import { bench, describe } from 'vitest'
import { Decimal } from './decimal.js'
import { quantize } from './quantize.js'

// Baseline in the same run: decimal.js `toNearest` (precision-bound, so not exact for every input,
// which is why quantize scales to BigInt instead).
describe('quantize 0.123456789 to 0.00000001', () => {
  bench('Decimal#toNearest (baseline)', () => {
    new Decimal('0.123456789').toNearest('0.00000001', Decimal.ROUND_FLOOR)
  })
  bench('quantize floor', () => {
    quantize('0.123456789', '0.00000001', 'floor')
  })
  bench('quantize half-even', () => {
    quantize('67000.015', '0.01', 'half-even')
  })
})
