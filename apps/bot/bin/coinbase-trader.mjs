#!/usr/bin/env -S node --max-semi-space-size=1 --v8-pool-size=1 --optimize-for-size --compact-on-every-full-gc --jitless --no-expose-wasm
// Launcher for `coinbase-trader`.
//
// What runs is always the built code (`dist/cli.js`, importing the workspace packages' `dist/`):
// - When `dist/` is missing or older than `src/` — of this app or of any workspace package it
//   depends on — and this is a workspace checkout, it first builds those packages with
//   `pnpm --filter <each> run build` (saying so on stderr), then runs the build. Bounded jobs
//   (`--dev-fast`, `backtest`, `sweep`) skip that build and run the source through tsx instead.
// - `COINBASE_TRADER_FROM_SOURCE=1` (the e2e tests, a dev loop) runs `src/cli.ts` through tsx
//   instead: workspace packages then resolve to their TypeScript source through the
//   `@gpt-trader/source` export condition, and conditions cannot be added to a running process, so
//   the launcher re-spawns Node with `--conditions=@gpt-trader/source --import tsx`, forwards
//   SIGINT/SIGTERM/SIGHUP to the child and exits with the child's exit code (or re-raises the
//   signal that ended it). The same happens, with a warning, when an on-demand build fails.
//
// Memory (see README "Memory and soak" for the measurements). The shebang's flags, which pnpm's bin
// shim copies into `node_modules/.bin/coinbase-trader`, apply from the first instruction on:
// - `--max-semi-space-size=1` caps each young-generation semi-space at 1 MB (V8's default grows to
//   16 MB: ~30 MB more RSS for a bot that allocates short-lived garbage steadily), and
//   `--v8-pool-size=1` runs V8's background work on one thread instead of one per core (each
//   thread keeps its own malloc arena: ~10 MB).
// - `--optimize-for-size` keeps the old generation close to the live size instead of letting it
//   grow when GC falls behind on a busy machine, and `--compact-on-every-full-gc` moves the live
//   objects together at each full GC so that emptied heap pages go back to the OS (~4 MB less RSS
//   on average for ~18 % more of the bot's small CPU use).
// - `--jitless` (with `--no-expose-wasm`, which it implies anyway; naming it keeps V8 from warning):
//   V8's interpreter only, no compiled machine code, so neither code pages nor the compilers' parts
//   of the Node binary are touched. A trading cycle every few seconds does not need compiled code.
//   WebAssembly is off with it, and Node's `fetch` needs WebAssembly: nothing in the bot uses
//   `fetch` (REST goes through `nodeHttpSender`, the alert webhook through `node:http` too).
// Set at process start they save more than set later: `--no-opt` set at runtime left TurboFan's
// pages of the binary touched (~3.6 MB of RSS more than the same flag on the command line).
// Bounded, CPU-heavy jobs (`--dev-fast`, `backtest`, `sweep`) want the JIT: the interpreter is ~3×
// slower there. JIT cannot be turned back on in a running process, so for them the launcher starts
// one child Node with only the first two flags and waits for it. `COINBASE_TRADER_FULL_JIT=1` does
// the same for long-running commands (e.g. for a busy WebSocket feed), keeping the GC flags.
// Started without the shebang flags (`node bin/coinbase-trader.mjs …`), long-running commands set
// `--optimize-for-size` and `--no-opt` at runtime instead (the best that can be done then), and
// bounded jobs run in this process.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { setFlagsFromString } from 'node:v8'
import { launchPlan, V8_FLAGS } from './launchPlan.mjs'

const args = process.argv.slice(2)
const plan = launchPlan({ args, execArgv: process.execArgv, env: process.env })
const here = dirname(fileURLToPath(import.meta.url))
const app = join(here, '..')
const built = join(app, 'dist', 'cli.js')
const source = join(app, 'src', 'cli.ts')
const CONDITION = '--conditions=@gpt-trader/source'

function newestMtime(dir) {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs)
  }
  return newest
}

/** This app and the workspace packages it depends on (resolved through its node_modules links). */
function workspaceDirs() {
  const pkg = JSON.parse(readFileSync(join(app, 'package.json'), 'utf8'))
  const dirs = [app]
  for (const [name, range] of Object.entries(pkg.dependencies ?? {})) {
    if (!String(range).startsWith('workspace:')) continue
    const link = join(app, 'node_modules', name)
    if (existsSync(link)) dirs.push(realpathSync(link))
  }
  return dirs
}

/** Dirs whose `dist/` is missing or older than their `src/` (a fresh clone, or edits after a build). */
function staleDirs() {
  const stale = []
  for (const dir of workspaceDirs()) {
    const src = join(dir, 'src')
    if (!existsSync(src)) continue
    const dist = join(dir, 'dist')
    if (!existsSync(dist) || newestMtime(dist) < newestMtime(src)) stale.push(dir)
  }
  return stale
}

/** The workspace root (holding pnpm-workspace.yaml) when this is a checkout, else null. */
function workspaceRoot() {
  const root = join(app, '..', '..')
  return existsSync(join(root, 'pnpm-workspace.yaml')) ? root : null
}

/** How to run pnpm: the one running us (`npm_execpath`), else `pnpm` on PATH, else null. */
function pnpmCommand() {
  const execpath = process.env.npm_execpath
  if (execpath && /pnpm/i.test(execpath))
    return /\.[cm]?js$/.test(execpath) ? [process.execPath, execpath] : [execpath]
  return spawnSync('pnpm', ['--version'], { stdio: 'ignore' }).status === 0 ? ['pnpm'] : null
}

/** Builds the stale packages (each imports its dependencies' dist, so only they need a build). */
function build(root, stale) {
  const pnpm = pnpmCommand()
  if (pnpm === null) return false
  const names = stale.map((dir) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name)
  process.stderr.write(
    `coinbase-trader: dist/ is missing or older than src/ in ${names.join(', ')} — building it first (pnpm run build: up to a couple of minutes on a fresh clone, then runs start at once)\n`,
  )
  const filters = names.flatMap((name) => ['--filter', name])
  const [command, ...prefix] = pnpm
  const result = spawnSync(command, [...prefix, ...filters, 'run', 'build'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: process.env,
    maxBuffer: 64 * 1024 * 1024,
  })
  if (result.status === 0 && existsSync(built)) return true
  // Only a failed build's output is shown, on stderr: stdout stays clean for `--json` commands.
  process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`)
  return false
}

function runFromSource(reason) {
  if (reason)
    process.stderr.write(`coinbase-trader: ${reason}; running src/ through tsx (slower start, more memory)\n`)
  // tsx is a dependency of this app: resolve it from here, not from the caller's directory.
  const tsx = import.meta.resolve('tsx')
  runChild([...V8_FLAGS, ...plan.runtimeFlags, CONDITION, '--import', tsx, source, ...args])
}

/** Runs Node with `nodeArgs` as a child, forwarding signals, and exits as the child did. */
function runChild(nodeArgs) {
  const child = spawn(process.execPath, nodeArgs, { stdio: 'inherit', env: process.env })
  const forward = (signal) => {
    // A terminal's Ctrl+C already reaches the child (same process group); forwarding once more is
    // harmless because the bot treats a repeated signal during shutdown as the same request.
    if (child.exitCode === null && child.signalCode === null) child.kill(signal)
  }
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP']
  for (const signal of signals) process.on(signal, forward)
  child.on('error', (error) => {
    console.error(`coinbase-trader: could not start Node: ${error.message}`)
    process.exit(1)
  })
  child.on('exit', (code, signal) => {
    for (const s of signals) process.off(s, forward)
    if (signal) process.kill(process.pid, signal)
    else process.exit(code ?? 1)
  })
}

/** Runs the build: in this process, or in a child Node with the JIT when this one has none. */
async function runBuilt() {
  if (plan.built.child !== null) {
    runChild([...plan.built.child, built, ...args])
    return
  }
  for (const flag of plan.built.setFlags) setFlagsFromString(flag)
  await import(pathToFileURL(built).href)
}

if (process.env.COINBASE_TRADER_FROM_SOURCE === '1') {
  runFromSource(null)
} else {
  const root = workspaceRoot()
  const stale = root === null ? [] : staleDirs()
  if (plan.cpuBound && root !== null && (stale.length > 0 || !existsSync(built))) {
    // A bounded job (`--dev-fast`, `backtest`, `sweep`) on a checkout without a current build: a few
    // seconds of tsx beat minutes of building, and its memory does not matter for a run this short.
    runFromSource('dist/ is missing or stale (run `pnpm build` for faster starts)')
  } else if (
    (stale.length === 0 && existsSync(built)) ||
    (root !== null && build(root, stale.length > 0 ? stale : [app]))
  ) {
    await runBuilt()
  } else {
    runFromSource('dist/ is missing or stale and could not be rebuilt (no pnpm, or the build failed)')
  }
}
