import { Decimal } from '@gpt-trader/validation'
import { describe, expect, it } from 'vitest'
import { coinbaseAdvancedFeeTiers, FeeTiers } from './feeSchedule.js'

const DAY = 86_400_000

describe('FeeTiers', () => {
  it('flat rates by liquidity', () => {
    const fees = new FeeTiers({ maker: '0.004', taker: '0.006' })
    expect(fees.rate(0, 'MAKER').toString()).toBe('0.004')
    expect(fees.rate(0, 'TAKER').toString()).toBe('0.006')
  })

  it('tiers follow the trailing 30-day volume, including volume from before the run until it expires', () => {
    const fees = new FeeTiers({ tiers: coinbaseAdvancedFeeTiers, startingVolume: '12000' })
    expect(fees.rate(0, 'TAKER').toString()).toBe('0.004') // Advanced 3 (≥ 10,000)
    fees.record(0, new Decimal('40000'))
    expect(fees.rate(1, 'TAKER').toString()).toBe('0.0025') // 52,000 ≥ 50,000
    // 30 days after the first fill both the starting volume and that fill have left the window.
    expect(fees.rate(30 * DAY, 'TAKER').toString()).toBe('0.008')
    expect(fees.rate(30 * DAY, 'MAKER').toString()).toBe('0.006')
  })
})
