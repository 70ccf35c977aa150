import { defineConfig } from 'vitest/config'
import { sharedConfig } from '../../vitest.shared.js'

/**
 * The crash-restart loop (`pnpm --filter @gpt-trader/bot test:crash`): `crash/**\/*.crash.ts` only,
 * so the normal `test` never runs it. Iterations: env `CRASH_ITERATIONS` (default 50), seed:
 * `CRASH_SEED` (default random, printed).
 */
export default defineConfig({
  ...sharedConfig,
  test: {
    ...sharedConfig.test,
    include: ['crash/**/*.crash.ts'],
    globalSetup: ['crash/globalSetup.ts'],
    // One long test: its own timeout is set from the iteration count.
    testTimeout: 60 * 60_000,
    hookTimeout: 120_000,
    reporters: ['default', ['json', { outputFile: 'crash-results.json' }]],
  },
})
