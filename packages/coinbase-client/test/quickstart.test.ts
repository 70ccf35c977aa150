import { startCoinbaseSim } from '@gpt-trader/coinbase-sim'
import { expect, it } from 'vitest'
import { quickstart } from '../examples/quickstart.js'

it('the README example runs against the sim', async () => {
  const sim = await startCoinbaseSim()
  try {
    const lines = await quickstart(sim)
    expect(lines).toHaveLength(4)
    expect(lines[0]).toMatch(/^best bid \d+(\.\d+)? \/ best ask \d+(\.\d+)?$/)
    expect(lines[1]).toContain('USD=100000')
    expect(lines[2]).toBe('placed a1b2c3d4-0000-4000-8000-000000000001: OPEN')
    expect(lines[3]).toBe('refused INSUFFICIENT_FUNDS')
  } finally {
    await sim.close()
  }
})
