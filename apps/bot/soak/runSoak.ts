import { type ChildProcess, spawn } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { arch, cpus, platform, release, totalmem } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  DEV_SYMBOLS,
  formatSeconds,
  parsePrometheus,
  type Slope,
  type SoakOptions,
  type SoakSample,
  sampleFromMetrics,
  slope,
  tableHeader,
  tableRow,
} from './soakStats.js'

const here = dirname(fileURLToPath(import.meta.url))
/** The user's command: the same launcher `pnpm coinbase-trader` runs. */
const LAUNCHER = join(here, '..', 'bin', 'coinbase-trader.mjs')

/** What the soak wrote to `--out`. */
export interface SoakReport {
  startedAt: string
  node: string
  machine: {
    platform: string
    release: string
    arch: string
    cpus: number
    cpuModel: string
    totalMemMb: number
  }
  options: SoakOptions
  command: string[]
  samples: SoakSample[]
  slopes: { warmupSeconds: number; rss: Slope; heapUsed: Slope }
  /** The bot's exit code after the soak's SIGINT (null when it ended on a signal). */
  exitCode: number | null
}

/** Options of {@link runSoak} beyond the command line's. */
export interface RunSoakOptions extends SoakOptions {
  /** Where progress goes (default: process.stdout). */
  write?: (line: string) => void
  /** Overrides the bot command (tests): argv[0] is the executable. */
  command?: readonly string[]
  /** Stops the soak early (Ctrl+C of the soak itself). */
  signal?: AbortSignal
  /** How long to wait for the bot telemetry URL (default 10 min: the launcher may build first on a busy machine). */
  startTimeoutMs?: number
}

const TELEMETRY = /telemetry at (http:\/\/127\.0\.0\.1:\d+)\/metrics/

/**
 * The Node flags of the launcher's shebang (`#!/usr/bin/env -S node --flag …`): pnpm's bin shim
 * copies them into `node_modules/.bin/coinbase-trader`, so the soak passes them the same way.
 */
export function launcherNodeFlags(shebang: string): string[] {
  const m = /^#!\s*(?:\/usr\/bin\/env(?:\s+-S)?\s+)?\S*node(?<flags>(?:\s+\S+)*)\s*$/.exec(shebang)
  return (m?.groups?.flags ?? '').split(/\s+/).filter((f) => f.startsWith('--'))
}

/** The bot command for `symbols` dev symbols, with its state under `stateDir`. */
export function botCommand(symbols: number, stateDir: string): string[] {
  const shebang = readFileSync(LAUNCHER, 'utf8').split('\n', 1)[0] ?? ''
  return [
    process.execPath,
    ...launcherNodeFlags(shebang),
    LAUNCHER,
    'run',
    '--profile',
    'dev',
    ...(symbols < DEV_SYMBOLS.length ? ['--symbols', DEV_SYMBOLS.slice(0, symbols).join(',')] : []),
    '--state-dir',
    stateDir,
    '--log-level',
    'warn',
  ]
}

function waitForUrl(
  child: ChildProcess,
  tail: string[],
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    let buffer = ''
    const timer = setTimeout(
      () => done(new Error(`the bot printed no telemetry URL within ${timeoutMs} ms`)),
      timeoutMs,
    )
    const onData = (chunk: Buffer): void => {
      buffer += chunk.toString('utf8')
      const m = TELEMETRY.exec(buffer)
      if (m) done(null, m[1])
      if (buffer.length > 65_536) buffer = buffer.slice(-4096)
    }
    const onExit = (code: number | null): void =>
      done(new Error(`the bot exited (${code}) before its telemetry started:\n${tail.join('\n')}`))
    const onAbort = (): void => done(new Error('aborted before the bot started'))
    function done(error: Error | null, url?: string): void {
      clearTimeout(timer)
      child.stderr?.off('data', onData)
      child.off('close', onExit)
      signal?.removeEventListener('abort', onAbort)
      if (error) reject(error)
      else resolvePromise(url as string)
    }
    child.stderr?.on('data', onData)
    child.on('close', onExit)
    signal?.addEventListener('abort', onAbort)
  })
}

/** Resolves after `ms`, or at once when `signal` aborts. */
function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolvePromise) => {
    if (signal?.aborted) return resolvePromise()
    const onAbort = (): void => {
      clearTimeout(timer)
      resolvePromise()
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolvePromise()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

async function stopChild(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)))
  child.kill('SIGINT')
  const hard = setTimeout(() => child.kill('SIGKILL'), 10_000)
  const code = await exited
  clearTimeout(hard)
  return code
}

/**
 * Starts the bot (`coinbase-trader run --profile dev`, real time) as a child, scrapes its `/metrics`
 * every `everyMs` for `minutes`, prints a table row per sample and, at the end, the least-squares
 * slopes of RSS and heapUsed after the warm-up; writes the report as JSON to `out`.
 *
 * @example
 * const report = await runSoak(parseSoakArgs(['--minutes', '1', '--every', '10s']))
 */
export async function runSoak(options: RunSoakOptions): Promise<SoakReport> {
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`))
  const out = resolve(options.out)
  const command = [...(options.command ?? botCommand(options.symbols, join(dirname(out), 'state')))]
  const startedAt = new Date().toISOString()
  write(
    `soak: ${options.minutes} min, ${options.symbols} symbols, a sample every ${formatSeconds(options.everyMs / 1000)}`,
  )
  write(`soak: ${command.join(' ')}`)
  const tail: string[] = []
  const child = spawn(command[0] as string, command.slice(1), { stdio: ['ignore', 'ignore', 'pipe'] })
  child.stderr?.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) if (line !== '') tail.push(line)
    if (tail.length > 40) tail.splice(0, tail.length - 40)
  })
  const samples: SoakSample[] = []
  let exitCode: number | null = null
  try {
    const url = await waitForUrl(child, tail, options.startTimeoutMs ?? 600_000, options.signal)
    write(`soak: bot telemetry at ${url}/metrics (pid ${child.pid})`)
    write(tableHeader())
    const t0 = Date.now()
    const endMs = t0 + options.minutes * 60_000
    for (let next = t0; next <= endMs && !options.signal?.aborted; next += options.everyMs) {
      await pause(next - Date.now(), options.signal)
      if (options.signal?.aborted) break
      if (child.exitCode !== null || child.signalCode !== null)
        throw new Error(
          `the bot exited (${child.exitCode ?? child.signalCode}) during the soak:\n${tail.join('\n')}`,
        )
      const res = await fetch(`${url}/metrics`)
      const s = sampleFromMetrics((Date.now() - t0) / 1000, parsePrometheus(await res.text()))
      samples.push(s)
      write(tableRow(s))
    }
  } finally {
    exitCode = await stopChild(child)
  }
  const warmupSeconds = options.warmupMs / 1000
  const rss = slope(
    samples.map((s) => ({ t: s.t, v: s.rssMb })),
    warmupSeconds,
  )
  const heapUsed = slope(
    samples.map((s) => ({ t: s.t, v: s.heapUsedMb })),
    warmupSeconds,
  )
  const last = samples[samples.length - 1]
  if (last)
    write(
      `soak: at ${formatSeconds(last.t)} RSS ${last.rssMb.toFixed(1)} MB, heapUsed ${last.heapUsedMb.toFixed(1)} MB`,
    )
  write(
    `soak: slope after ${formatSeconds(warmupSeconds)} warm-up (${rss.points} samples): RSS ${rss.mbPerHour.toFixed(1)} MB/h, heapUsed ${heapUsed.mbPerHour.toFixed(1)} MB/h`,
  )
  const cpu = cpus()
  const report: SoakReport = {
    startedAt,
    node: process.version,
    machine: {
      platform: platform(),
      release: release(),
      arch: arch(),
      cpus: cpu.length,
      cpuModel: cpu[0]?.model ?? 'unknown',
      totalMemMb: Math.round(totalmem() / 1_000_000),
    },
    options: {
      minutes: options.minutes,
      symbols: options.symbols,
      everyMs: options.everyMs,
      warmupMs: options.warmupMs,
      out,
    },
    command,
    samples,
    slopes: { warmupSeconds, rss, heapUsed },
    exitCode,
  }
  mkdirSync(dirname(out), { recursive: true })
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`)
  write(`soak: wrote ${out}`)
  return report
}
