import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { launchPlan, V8_FLAGS } from '../bin/launchPlan.mjs'

const shebang = readFileSync(
  join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'coinbase-trader.mjs'),
  'utf8',
).split('\n', 1)[0]
// What pnpm's bin shim passes: the shebang's flags.
const shim = (shebang ?? '').split(/\s+/).filter((f) => f.startsWith('--'))

describe('launchPlan', () => {
  it('the shebang starts Node lean: small young generation, one V8 thread, size-optimised, no JIT', () => {
    expect(shim).toEqual([
      ...V8_FLAGS,
      '--optimize-for-size',
      '--compact-on-every-full-gc',
      '--jitless',
      '--no-expose-wasm',
    ])
  })

  it('long-running commands run in the lean process itself', () => {
    for (const args of [['run', '--profile', 'dev'], ['sim'], ['status'], ['run', '--profile', 'prod']]) {
      expect(launchPlan({ args, execArgv: shim, env: {} }).built).toEqual({ child: null, setFlags: [] })
    }
  })

  it('bounded CPU-heavy jobs get a child Node with the JIT (it cannot come back in a jitless process)', () => {
    for (const args of [
      ['run', '--profile', 'dev', '--dev-fast'],
      ['backtest', '--data', 'x.csv'],
      ['sweep'],
    ]) {
      const plan = launchPlan({ args, execArgv: shim, env: {} })
      expect(plan.cpuBound).toBe(true)
      expect(plan.built).toEqual({ child: V8_FLAGS, setFlags: [] })
    }
  })

  it('COINBASE_TRADER_FULL_JIT=1 runs a long-running command in a child with the JIT', () => {
    const plan = launchPlan({ args: ['run'], execArgv: shim, env: { COINBASE_TRADER_FULL_JIT: '1' } })
    expect(plan.built).toEqual({
      child: [...V8_FLAGS, '--optimize-for-size', '--compact-on-every-full-gc'],
      setFlags: [],
    })
  })

  it('started without the shebang flags, it sets what it still can at runtime', () => {
    expect(launchPlan({ args: ['run'], execArgv: [], env: {} }).built).toEqual({
      child: null,
      setFlags: ['--optimize-for-size', '--no-opt'],
    })
    expect(launchPlan({ args: ['run', '--dev-fast'], execArgv: [], env: {} }).built).toEqual({
      child: null,
      setFlags: [],
    })
    // Lean flags given by hand without --jitless: a bounded job turns the costly ones back off.
    expect(
      launchPlan({ args: ['backtest'], execArgv: ['--optimize-for-size', '--no-opt'], env: {} }).built
        .setFlags,
    ).toEqual(['--no-optimize-for-size', '--opt'])
  })

  it('the source (tsx) child gets size flags for long-running commands only', () => {
    expect(launchPlan({ args: ['run'], execArgv: shim, env: {} }).runtimeFlags).toEqual([
      '--optimize-for-size',
      '--no-opt',
    ])
    expect(launchPlan({ args: ['run', '--dev-fast'], execArgv: shim, env: {} }).runtimeFlags).toEqual([])
  })
})
