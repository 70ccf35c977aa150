import { type ChildProcess, spawn } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const appDir = join(dirname(fileURLToPath(import.meta.url)), '..')

/**
 * How the bot is started: a private bundle made by the crash loop's global setup, the package build
 * (`dist/cli.js`), or the TypeScript source through tsx.
 */
export type BotMode = 'bundle' | 'dist' | 'source'

/**
 * Where the global setup writes the private bundle: under apps/bot/node_modules (ignored by git), so
 * the bot's own npm dependencies resolve from it; one directory per vitest run.
 */
export function bundleDir(): string {
  return join(appDir, 'node_modules', '.cache', `crash-bundle-${process.pid}`)
}

/** A spawned `coinbase-trader` process (its own process group) and its captured output. */
export interface BotProcess {
  child: ChildProcess
  pid: number
  /** Resolves with the exit code (null when a signal ended it) and the signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  out(): string
  err(): string
  /** SIGKILL the whole process group (no-op once it has exited). */
  kill9(): void
}

const live = new Set<BotProcess>()

/** Node arguments that start the CLI in `mode`, without the launcher (one process, faster start). */
export function cliArgs(mode: BotMode, bundle: string = bundleDir()): string[] {
  if (mode === 'bundle') return [join(bundle, 'cli.mjs')]
  if (mode === 'dist') return [join(appDir, 'dist', 'cli.js')]
  return ['--conditions=@gpt-trader/source', '--import', 'tsx', join(appDir, 'src', 'cli.ts')]
}

/** The dev profile file: passed explicitly, since a bundle outside `dist/` cannot find `config/`. */
export const devProfile: string = join(appDir, 'config', 'dev.yaml')

/**
 * Spawns `node <nodeArgs> <args>` (see {@link cliArgs}) detached — it leads its own process group,
 * so a kill -9 of the group leaves nothing behind — with the given extra environment.
 */
export function spawnBot(
  nodeArgs: readonly string[],
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
): BotProcess {
  const child = spawn(process.execPath, [...nodeArgs, ...args], {
    cwd: appDir,
    env: { ...process.env, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  if (child.pid === undefined) throw new Error(`could not spawn coinbase-trader ${args.join(' ')}`)
  let out = ''
  let err = ''
  child.stdout?.on('data', (c: Buffer) => {
    out += c.toString()
  })
  child.stderr?.on('data', (c: Buffer) => {
    err += c.toString()
  })
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  )
  const pid = child.pid
  const proc: BotProcess = {
    child,
    pid,
    exited,
    out: () => out,
    err: () => err,
    kill9: () => killGroup(pid),
  }
  live.add(proc)
  void exited.then(() => live.delete(proc))
  return proc
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL')
  } catch {
    // the group is already gone
  }
}

/** SIGKILLs every process group this module started that may still run (afterAll). */
export function killAll(): void {
  for (const proc of live) killGroup(proc.pid)
  live.clear()
}

/** Polls `read` every `everyMs` until it returns a value, or throws after `ms`. */
export async function waitFor<T>(
  read: () => T | undefined | Promise<T | undefined>,
  what: string,
  ms: number,
  everyMs = 20,
): Promise<T> {
  const end = Date.now() + ms
  while (Date.now() < end) {
    const value = await read()
    if (value !== undefined) return value
    await new Promise((r) => setTimeout(r, everyMs))
  }
  throw new Error(`timed out after ${ms} ms waiting for ${what}`)
}
