import { recordBench } from '@gpt-trader/test-utils'
import { bench, describe } from 'vitest'
import { Decimal } from './decimal.js'
import { quantize } from './quantize.js'

// With BENCH_JSON=<file>, each bench's ops/s also goes into that file (scripts/bench-report.mjs).

// Baseline in the same run: decimal.js `toNearest` (precision-bound, so not exact for every input,
// which is why quantize scales to BigInt instead).
const group = 'quantize 0.123456789 to 0.00000001'
const baseline = 'Decimal#toNearest (baseline)'
describe(group, () => {
  bench(
    baseline,
    () => {
      new Decimal('0.123456789').toNearest('0.00000001', Decimal.ROUND_FLOOR)
    },
    recordBench(group),
  )
  bench(
    'quantize floor',
    () => {
      quantize('0.123456789', '0.00000001', 'floor')
    },
    recordBench(group, baseline),
  )
  bench(
    'quantize half-even (67000.015 to 0.01)',
    () => {
      quantize('67000.015', '0.01', 'half-even')
    },
    recordBench(group, baseline),
  )
})
