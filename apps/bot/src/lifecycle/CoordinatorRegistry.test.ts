import { Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { createLogger } from '../telemetry/createLogger.js'
import type { Coordinator } from './Coordinator.js'
import { CoordinatorRegistry } from './CoordinatorRegistry.js'

const log = createLogger({
  level: 'silent',
  destination: new Writable({ write: (_c, _e, done) => done() }),
  pretty: false,
})

function recorder(calls: string[], name: string, fail?: 'initialize' | 'start' | 'hang'): Coordinator {
  return {
    name,
    async initialize() {
      calls.push(`init ${name}`)
      if (fail === 'initialize') throw new Error(`${name} broke`)
    },
    async start() {
      calls.push(`start ${name}`)
      if (fail === 'start') throw new Error(`${name} broke`)
    },
    async shutdown() {
      calls.push(`stop ${name}`)
      if (fail === 'hang') await new Promise(() => undefined)
    },
    health: () => ({ ok: true }),
  }
}

describe('CoordinatorRegistry', () => {
  it('initialises and starts in order, shuts down in reverse, once', async () => {
    const calls: string[] = []
    const names = ['runtime', 'execution', 'strategy', 'telemetry']
    const registry = new CoordinatorRegistry(
      log,
      names.map((n) => recorder(calls, n)),
    )
    await registry.initializeAll()
    await registry.startAll()
    expect(registry.phase).toBe('started')
    expect(registry.signal.aborted).toBe(false)
    await Promise.all([registry.shutdownAll(1000), registry.shutdownAll(1000)])
    expect(registry.signal.aborted).toBe(true)
    expect(calls).toEqual([
      'init runtime',
      'init execution',
      'init strategy',
      'init telemetry',
      'start runtime',
      'start execution',
      'start strategy',
      'start telemetry',
      'stop telemetry',
      'stop strategy',
      'stop execution',
      'stop runtime',
    ])
    expect(registry.health()).toEqual({
      runtime: { ok: true },
      execution: { ok: true },
      strategy: { ok: true },
      telemetry: { ok: true },
    })
  })

  it('a failed initialise shuts down what was initialised and reports the coordinator', async () => {
    const calls: string[] = []
    const registry = new CoordinatorRegistry(log, [
      recorder(calls, 'runtime'),
      recorder(calls, 'execution', 'initialize'),
      recorder(calls, 'strategy'),
    ])
    await expect(registry.initializeAll()).rejects.toThrowErrorMatchingInlineSnapshot(`
      [BotError: coordinator execution failed to initialise

      Details: execution broke]
    `)
    expect(calls).toEqual(['init runtime', 'init execution', 'stop runtime'])
  })

  it('a hanging shutdown does not stop the others (the store is still flushed)', async () => {
    const calls: string[] = []
    const registry = new CoordinatorRegistry(log, [
      recorder(calls, 'runtime'),
      recorder(calls, 'telemetry', 'hang'),
    ])
    await registry.initializeAll()
    await registry.shutdownAll(50)
    expect(calls.slice(-2)).toEqual(['stop telemetry', 'stop runtime'])
    expect(registry.phase).toBe('stopped')
  })
})
