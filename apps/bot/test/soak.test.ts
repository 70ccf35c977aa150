import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { botCommand, launcherNodeFlags, runSoak, type SoakReport } from '../soak/runSoak.js'
import {
  parseDuration,
  parsePrometheus,
  parseSoakArgs,
  sampleFromMetrics,
  slope,
  tableHeader,
  tableRow,
} from '../soak/soakStats.js'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

describe('soak arguments', () => {
  it('defaults to 30 minutes, 10 symbols, a sample a minute and a 2-minute warm-up', () => {
    expect(parseSoakArgs([])).toEqual({
      minutes: 30,
      symbols: 10,
      everyMs: 60_000,
      warmupMs: 120_000,
      out: 'var/soak/latest.json',
    })
    expect(parseSoakArgs(['--minutes', '2', '--every=10s', '--symbols', '3', '--out', 'x.json'])).toEqual({
      minutes: 2,
      symbols: 3,
      everyMs: 10_000,
      warmupMs: 24_000,
      out: 'x.json',
    })
    expect(parseDuration('500ms') + parseDuration('1m') + parseDuration('2')).toBe(62_500)
  })

  it('rejects bad input with a message naming the option', () => {
    expect(() => parseSoakArgs(['--minutes', '0'])).toThrowErrorMatchingInlineSnapshot(
      `[Error: --minutes: expected a positive number, got "0"]`,
    )
    expect(() => parseSoakArgs(['--symbols', '11'])).toThrowErrorMatchingInlineSnapshot(
      `[Error: --symbols: expected 1 to 10, got "11"]`,
    )
    expect(() => parseSoakArgs(['--every', 'soon'])).toThrowErrorMatchingInlineSnapshot(
      `[Error: expected a duration like 10s, 1m or 500ms, got "soon"]`,
    )
    expect(() => parseSoakArgs(['--fast'])).toThrowErrorMatchingInlineSnapshot(`
      [Error: unknown option "--fast"
      usage: soak [--minutes 30] [--symbols 10] [--every 1m] [--warmup 2m] [--out var/soak/latest.json]]
    `)
  })

  it('runs the dev profile through the user launcher, with the first N symbols', () => {
    const cmd = botCommand(3, '/tmp/s')
    // The launcher's shebang flags, as pnpm's bin shim passes them.
    expect(cmd.slice(1, 7)).toEqual([
      '--max-semi-space-size=1',
      '--v8-pool-size=1',
      '--optimize-for-size',
      '--compact-on-every-full-gc',
      '--jitless',
      '--no-expose-wasm',
    ])
    expect(cmd[7]).toMatch(/bin[/\\]coinbase-trader\.mjs$/)
    expect(cmd.slice(8)).toEqual([
      'run',
      '--profile',
      'dev',
      '--symbols',
      'BTC-USD,ETH-USD,SOL-USD',
      '--state-dir',
      '/tmp/s',
      '--log-level',
      'warn',
    ])
    expect(botCommand(10, '/tmp/s')).not.toContain('--symbols')
    expect(launcherNodeFlags('#!/usr/bin/env -S node --a=1 --b')).toEqual(['--a=1', '--b'])
    expect(launcherNodeFlags('#!/usr/bin/env node')).toEqual([])
    expect(launcherNodeFlags('// no shebang')).toEqual([])
  })
})

describe('soak statistics', () => {
  it('fits the least-squares slope of a line exactly, in MB per hour, after the warm-up', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -500, max: 500, noNaN: true }),
        fc.double({ min: 0, max: 200, noNaN: true }),
        fc.integer({ min: 2, max: 40 }),
        (perHour, base, n) => {
          const points = Array.from({ length: n }, (_, i) => ({
            t: 60 * i,
            v: base + (perHour * 60 * i) / 3600,
          }))
          const warm = [{ t: -60, v: 1e6 }, ...points]
          const s = slope(warm, 0)
          expect(s.points).toBe(n)
          expect(s.mbPerHour).toBeCloseTo(perHour, 6)
        },
      ),
      { numRuns: 100 },
    )
    expect(slope([{ t: 5, v: 1 }], 0)).toEqual({ mbPerHour: 0, points: 1 })
  })

  it('reads the bot metrics it needs from a Prometheus scrape and formats a row', () => {
    const text = [
      '# HELP process_resident_memory_bytes Resident memory size in bytes.',
      'process_resident_memory_bytes 70000000',
      'nodejs_heap_size_used_bytes 20000000',
      'nodejs_heap_size_total_bytes 30000000',
      'nodejs_external_memory_bytes 2500000',
      'nodejs_eventloop_lag_p99_seconds 0.0125',
      'gpt_trader_cycles_total 12',
      'gpt_trader_orders_total{side="BUY",outcome="placed"} 3',
    ].join('\n')
    const s = sampleFromMetrics(65, parsePrometheus(text))
    expect(s).toEqual({
      t: 65,
      rssMb: 70,
      heapUsedMb: 20,
      heapTotalMb: 30,
      externalMb: 2.5,
      lagP99Ms: 12.5,
      cycles: 12,
    })
    expect(`${tableHeader()}\n${tableRow(s)}`).toMatchInlineSnapshot(`
      "       t   rss MB  heapUsed  heapTotal  external  lag p99 ms  cycles
         1m05s     70.0      20.0       30.0       2.5        12.5      12"
    `)
    expect(() => sampleFromMetrics(0, parsePrometheus('up 1'))).toThrowErrorMatchingInlineSnapshot(
      `[Error: /metrics has no process_resident_memory_bytes]`,
    )
  })
})

/** A stand-in bot: serves /metrics on 127.0.0.1:0 with RSS growing 1 MB per scrape, exits 0 on SIGINT. */
const FAKE_BOT = `
const http = require('node:http')
let n = 0
const server = http.createServer((req, res) => {
  n++
  res.end([
    'process_resident_memory_bytes ' + (60e6 + n * 1e6),
    'nodejs_heap_size_used_bytes 20000000',
    'nodejs_heap_size_total_bytes 30000000',
    'nodejs_external_memory_bytes 1000000',
    'nodejs_eventloop_lag_p99_seconds 0.01',
    'gpt_trader_cycles_total ' + n,
  ].join('\\n'))
})
server.listen(0, '127.0.0.1', () => {
  process.stderr.write('coinbase-trader: telemetry at http://127.0.0.1:' + server.address().port + '/metrics /health /status\\n')
})
process.on('SIGINT', () => server.close(() => process.exit(0)))
`

describe('runSoak', () => {
  it('samples the child, prints a row per sample and the slopes, stops it and writes the JSON report', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'soak-'))
    dirs.push(dir)
    const out = join(dir, 'report.json')
    const lines: string[] = []
    const report = await runSoak({
      minutes: 0.01,
      symbols: 10,
      everyMs: 150,
      warmupMs: 0,
      out,
      command: [process.execPath, '-e', FAKE_BOT],
      write: (line) => lines.push(line),
    })
    expect(report.samples.length).toBeGreaterThanOrEqual(4)
    expect(report.samples.map((s) => s.cycles)).toEqual(report.samples.map((_, i) => i + 1))
    expect(report.slopes.rss.mbPerHour).toBeGreaterThan(0)
    expect(report.slopes.heapUsed.mbPerHour).toBe(0)
    expect(report.exitCode).toBe(0)
    expect(report.node).toBe(process.version)
    const written = JSON.parse(readFileSync(out, 'utf8')) as SoakReport
    expect(written.samples).toEqual(report.samples)
    expect(written.options).toEqual({ minutes: 0.01, symbols: 10, everyMs: 150, warmupMs: 0, out })
    expect(lines.filter((l) => /^\s+\d+s\s/.test(l))).toHaveLength(report.samples.length)
    expect(lines.some((l) => l.startsWith('soak: slope after 0s warm-up'))).toBe(true)
  })

  it('fails with the bot output when the bot exits before its telemetry starts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'soak-'))
    dirs.push(dir)
    await expect(
      runSoak({
        minutes: 0.01,
        symbols: 10,
        everyMs: 100,
        warmupMs: 0,
        out: join(dir, 'r.json'),
        command: [process.execPath, '-e', 'process.stderr.write("bad config\\n"); process.exit(2)'],
        write: () => {},
      }),
    ).rejects.toThrow(/the bot exited \(2\) before its telemetry started:\nbad config/)
  })
})
