/**
 * Quick start for @gpt-trader/validation: parse a Coinbase product, quantize a size and a price,
 * validate two orders, and redact a log record. Run it with `pnpm --filter @gpt-trader/validation example`.
 */
import { pathToFileURL } from 'node:url'
import {
  formatDecimal,
  formatPath,
  productSpec,
  quantize,
  redact,
  validateOrder,
} from '@gpt-trader/validation'

/** Builds the example's output lines (exported so a test keeps this example true). */
export function quickstart(): string[] {
  const lines: string[] = []
  // A product as GET /api/v3/brokerage/products/BTC-USD returns it (trimmed).
  const spec = productSpec.parse({
    product_id: 'BTC-USD',
    base_increment: '0.00000001',
    quote_increment: '0.01',
    price_increment: '0.01',
    base_min_size: '0.00001',
    base_max_size: '3400',
    quote_min_size: '1',
    quote_max_size: '150000000',
    status: 'online',
  })
  lines.push(
    `product   ${spec.product_id}: size step ${formatDecimal(spec.base_increment)}, tick ${formatDecimal(spec.price_increment)}`,
  )

  // Coinbase rejects off-grid values, so round them before sending: sizes down, prices to nearest.
  const size = quantize('0.123456789', spec.base_increment, 'floor')
  const price = quantize('67000.015', spec.price_increment, 'half-even')
  lines.push(`quantize  0.123456789 -> ${formatDecimal(size)}, 67000.015 -> ${formatDecimal(price)}`)

  const good = validateOrder({ productId: 'BTC-USD', side: 'BUY', type: 'LIMIT', size, price }, spec)
  lines.push(
    `order     BUY ${formatDecimal(size)} @ ${formatDecimal(price)}: ${good.length === 0 ? 'ok' : 'rejected'}`,
  )

  const bad = validateOrder(
    {
      productId: 'BTC-USD',
      side: 'BUY',
      type: 'LIMIT',
      size: '0.000001',
      price: '67000.015',
      postOnly: true,
    },
    spec,
    { bestBid: '66999.99', bestAsk: '67000.01' },
  )
  lines.push(`order     BUY 0.000001 @ 67000.015: ${bad.length} issues`)
  for (const issue of bad) lines.push(`  - ${issue.code} (${formatPath(issue.path)}): ${issue.message}`)

  const record = {
    msg: 'placing order',
    apiKeyName: 'organizations/0000/apiKeys/1111',
    privateKey: '-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE...\n-----END EC PRIVATE KEY-----',
    headers: { Authorization: 'Bearer eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJrZXkifQ.c2ln' },
    size: formatDecimal(size),
  }
  lines.push(`redact    ${JSON.stringify(redact(record))}`)
  return lines
}

// Print when run as a script (not when imported by the test).
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(quickstart().join('\n'))
}
