#!/usr/bin/env node
// Launcher for `coinbase-trader`.
//
// - When `dist/cli.js` exists (a build) and is newer than every file in `src/`, it runs that.
// - Otherwise (a dev checkout without a build) it runs `src/cli.ts` through tsx. Workspace packages
//   must then resolve to their TypeScript source through the `@gpt-trader/source` export condition,
//   and conditions cannot be added to a running process, so the launcher re-spawns Node with
//   `--conditions=@gpt-trader/source --import tsx`, forwards SIGINT/SIGTERM/SIGHUP to the child and
//   exits with the child's exit code (or re-raises the signal that ended it).
import { spawn } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const built = join(here, '..', 'dist', 'cli.js')
const source = join(here, '..', 'src', 'cli.ts')
const CONDITION = '--conditions=@gpt-trader/source'

// A build older than any source file is stale (a dev checkout edited after `pnpm build`): use the source.
function newestMtime(dir) {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs)
  }
  return newest
}
const srcDir = join(here, '..', 'src')
const useBuild =
  existsSync(built) &&
  process.env.COINBASE_TRADER_FROM_SOURCE !== '1' &&
  (!existsSync(srcDir) || statSync(built).mtimeMs >= newestMtime(srcDir))

if (useBuild) {
  await import(pathToFileURL(built).href)
} else {
  // tsx is a dependency of this app: resolve it from here, not from the caller's directory.
  const tsx = import.meta.resolve('tsx')
  const child = spawn(process.execPath, [CONDITION, '--import', tsx, source, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: process.env,
  })
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
