import { spawnSync } from 'node:child_process'
import { existsSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { TestProject } from 'vitest/node'
import { type BotMode, bundleDir, cliArgs } from './botProcess.js'

declare module 'vitest' {
  export interface ProvidedContext {
    /** How the crash loop starts the bot (decided once, here). */
    crashBotMode: BotMode
    /** Node arguments that start the CLI that way. */
    crashBotArgs: string[]
  }
}

const appDir = join(dirname(fileURLToPath(import.meta.url)), '..')

/**
 * Bundles `src/cli.ts` and every workspace package it imports (through the `@gpt-trader/source`
 * condition, so no package needs a build) into one private ES module. The bot's own npm
 * dependencies stay external (they resolve from apps/bot/node_modules); everything else is inlined.
 * A private snapshot keeps the loop independent of other builds of the workspace's `dist/`
 * folders, and one pre-built file starts about twice as fast as the source through tsx.
 */
async function bundle(outDir: string): Promise<void> {
  const { build } = await import('tsup')
  await build({
    config: false,
    entry: { cli: join(appDir, 'src', 'cli.ts') },
    outDir,
    format: ['esm'],
    outExtension: () => ({ js: '.mjs' }),
    platform: 'node',
    target: 'node20',
    dts: false,
    sourcemap: false,
    splitting: false,
    clean: true,
    silent: true,
    noExternal: [/^@gpt-trader\//],
    // Optional native add-ons of `ws`.
    external: ['bufferutil', 'utf-8-validate'],
    // CommonJS dependencies inlined into an ES module still call `require` for Node built-ins.
    banner: {
      js: "import { createRequire as __crashRequire } from 'node:module'; const require = __crashRequire(import.meta.url);",
    },
    esbuildOptions(options) {
      options.conditions = ['@gpt-trader/source']
    },
  })
}

/**
 * Decides how the crash loop starts the bot (env `CRASH_BOT_MODE`):
 *
 * - `bundle` (default): a private bundle built here from the source (see {@link bundle});
 * - `dist`: `dist/cli.js` as it is, with the workspace packages' `dist/` (build them first:
 *   `pnpm --filter @gpt-trader/bot... build`);
 * - `source`: `src/cli.ts` through tsx (slowest start, no build at all).
 *
 * A bundle that fails to build or to start falls back to the source.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const forced = process.env.CRASH_BOT_MODE
  let mode: BotMode = forced === 'source' || forced === 'dist' ? forced : 'bundle'
  const outDir = bundleDir()
  if (mode === 'bundle') {
    const started = performance.now()
    try {
      await bundle(outDir)
      const probe = spawnSync(process.execPath, [...cliArgs('bundle', outDir), '--version'], {
        encoding: 'utf8',
        timeout: 60_000,
      })
      if (probe.status !== 0) throw new Error(`the bundle does not start: ${probe.stderr}`)
      process.stdout.write(
        `crash loop: bundled the bot in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
      )
    } catch (error) {
      process.stdout.write(
        `crash loop: cannot bundle the bot (${error instanceof Error ? error.message : String(error)}); running on the source\n`,
      )
      mode = 'source'
    }
  }
  process.stdout.write(`crash loop: the bot runs from ${cliArgs(mode, outDir).at(-1)}\n`)
  project.provide('crashBotMode', mode)
  project.provide('crashBotArgs', cliArgs(mode, outDir))
  return () => {
    if (existsSync(outDir)) rmSync(outDir, { recursive: true, force: true })
  }
}
