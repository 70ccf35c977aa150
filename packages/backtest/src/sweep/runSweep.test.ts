import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { MovingAverageCrossStrategy } from '@gpt-trader/live-trade'
import { dataPath } from '@gpt-trader/test-utils'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BarSeries } from '../data/buildSeries.js'
import { loadBars } from '../data/loadBars.js'
import { runBacktest } from '../runBacktest.js'
import { gridParams, randomParams } from './paramGrid.js'
import { runSweep } from './runSweep.js'

let series: BarSeries
let dir: string

beforeAll(async () => {
  const full = await loadBars(dataPath('candles/coinbase_BTC-USD_1m_2020-11-22_2020-12-12_cdd.csv'))
  series = { ...full, bars: full.bars.slice(0, 3000) }
  dir = await mkdtemp(join(tmpdir(), 'gpt-trader-sweep-'))
})

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true })
})

describe('parameter sets', () => {
  it('grid is the cartesian product, last key fastest', () => {
    expect(gridParams({ a: [1, 2], b: ['x', 'y'] })).toEqual([
      { a: 1, b: 'x' },
      { a: 1, b: 'y' },
      { a: 2, b: 'x' },
      { a: 2, b: 'y' },
    ])
  })

  it('random search is reproducible from its seed and stays in range', () => {
    const space = { n: { min: 3, max: 9, integer: true }, f: { min: 0.01, max: 0.02 }, k: ['a', 'b'] }
    const a = randomParams(space, 50, 3)
    expect(randomParams(space, 50, 3)).toEqual(a)
    expect(randomParams(space, 50, 4)).not.toEqual(a)
    for (const p of a) {
      expect(Number.isInteger(p.n) && (p.n as number) >= 3 && (p.n as number) <= 9).toBe(true)
      expect((p.f as number) >= 0.01 && (p.f as number) <= 0.02).toBe(true)
      expect(['a', 'b']).toContain(p.k)
    }
  })
})

describe('runSweep on worker threads', () => {
  it('ranks a grid by Sharpe, failed points last, and matches a direct run bit for bit', async () => {
    const seen: number[] = []
    const backtest = { fees: { taker: '0.006', maker: '0.004' } }
    const rows = await runSweep({
      data: series,
      strategy: 'ma-cross',
      grid: { shortPeriod: [3, 8, 30], longPeriod: [20, 40] },
      backtest,
      workers: 2,
      progress: (done, total) => {
        seen.push(done)
        expect(total).toBe(6)
      },
    })
    expect(seen).toEqual([1, 2, 3, 4, 5, 6])
    expect(rows.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5, 6])
    const ok = rows.filter((r) => r.metrics !== undefined)
    expect(ok).toHaveLength(5)
    for (let i = 1; i < ok.length; i++)
      expect(ok[i - 1]!.metrics!.sharpe).toBeGreaterThanOrEqual(ok[i]!.metrics!.sharpe)
    expect(rows[5]).toMatchObject({ params: { shortPeriod: 30, longPeriod: 20 }, metrics: undefined })
    expect(rows[5]!.error).toMatchInlineSnapshot(
      `"RangeError: need 1 ≤ shortPeriod < longPeriod, got 30 / 20"`,
    )
    const best = ok[0]!
    const direct = await runBacktest({
      ...backtest,
      data: series,
      strategy: new MovingAverageCrossStrategy(best.params),
    })
    expect(best.fingerprint).toBe(direct.fingerprint)
    expect(best.metrics).toEqual(direct.metrics)
  }, 60_000)

  it('loads a strategy factory module in each worker; the data can be a file', async () => {
    const module = join(dir, 'holdFor.mjs')
    await writeFile(
      module,
      `export function createStrategy(params) {
        let n = 0
        return { name: 'hold-for', decide: ({ position }) => {
          n++
          if (n === 1) return { side: 'BUY', confidence: 1, reason: 'enter' }
          if (n === params.bars && position.quantity.gt(0)) return { side: 'SELL', confidence: 1, reason: 'exit' }
          return { side: 'HOLD', confidence: 0, reason: 'wait' }
        } }
      }\n`,
    )
    const rows = await runSweep({
      data: { file: dataPath('candles/lean_coinbase/20170903_btcusd_minute_trade.csv') },
      strategy: { module },
      grid: { bars: [10, 100, 1000] },
      rankBy: 'totalReturn',
      progress: false,
    })
    expect(rows).toHaveLength(3)
    expect(rows.every((r) => r.error === undefined && r.metrics?.trades === 1)).toBe(true)
    const returns = rows.map((r) => Number(r.metrics!.totalReturn))
    expect([...returns].sort((a, b) => b - a)).toEqual(returns)
  }, 60_000)

  it('needs a grid or a random space', async () => {
    await expect(
      runSweep({ data: series, strategy: 'ma-cross', progress: false }),
    ).rejects.toThrowErrorMatchingInlineSnapshot(`[BacktestError: runSweep needs grid or random.]`)
  })
})
