import { recordBench } from '@gpt-trader/test-utils'
import { bench, describe } from 'vitest'
import { redact, redactString } from './redact.js'

// With BENCH_JSON=<file>, each bench's ops/s also goes into that file (scripts/bench-report.mjs).

// Baselines in the same run: structuredClone (a deep copy that scrubs nothing) for redact, and a
// plain String#replace for redactString.
const record = {
  msg: 'order placed',
  order: { product_id: 'BTC-USD', side: 'BUY', size: '0.001', price: '67000.01', client_order_id: 'abc-123' },
  headers: {
    authorization: 'Bearer eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJrZXkifQ.c2ln',
    'content-type': 'application/json',
  },
  latencyMs: 42,
}
const line = 'POST /api/v3/brokerage/orders 200 in 42ms product_id=BTC-USD size=0.001 price=67000.01'

const clone = 'structuredClone (baseline)'
describe('redact a log record', () => {
  bench(
    clone,
    () => {
      structuredClone(record)
    },
    recordBench('redact a log record'),
  )
  bench(
    'redact',
    () => {
      redact(record)
    },
    recordBench('redact a log record', clone),
  )
})

const replace = 'String#replace (baseline)'
describe('redactString a log line', () => {
  bench(
    replace,
    () => {
      line.replace(/Bearer\s+\S+/g, 'Bearer [REDACTED]')
    },
    recordBench('redactString a log line'),
  )
  bench(
    'redactString',
    () => {
      redactString(line)
    },
    recordBench('redactString a log line', replace),
  )
})
