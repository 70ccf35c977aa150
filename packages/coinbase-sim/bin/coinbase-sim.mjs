#!/usr/bin/env node
// Launcher for the built CLI. It exists before a build so package managers can link the bin in a
// workspace checkout; there, build first (`pnpm --filter @gpt-trader/coinbase-sim build`).
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli.js')
if (!existsSync(cli)) {
  process.stderr.write('coinbase-sim: dist/cli.js is missing; build the package first (pnpm build)\n')
  process.exit(1)
}
await import(pathToFileURL(cli).href)
