import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it, vi } from 'vitest'

const root = fileURLToPath(new URL('..', import.meta.url))

describe('README', () => {
  it('quotes examples/quickstart.ts verbatim, and the example runs', async () => {
    const example = readFileSync(`${root}examples/quickstart.ts`, 'utf8')
    expect(readFileSync(`${root}README.md`, 'utf8')).toContain(example)
    const log = vi.spyOn(console, 'log').mockImplementation(() => {})
    try {
      await import('../examples/quickstart.js')
      const printed = log.mock.calls.map((c) =>
        c.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join(' '),
      )
      expect(printed[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      expect(printed[2]).toBe('["ES256","EdDSA"]')
      expect(printed[3]).toBe(
        '{"iso":"2026-01-01T00:00:00Z","epochSeconds":"1767225600","epochMillis":"1767225600000"}',
      )
      expect(printed[4]).toMatch(/^\["\d+\.\d+","\d+\.\d+"\]$/)
    } finally {
      log.mockRestore()
    }
  })
})
