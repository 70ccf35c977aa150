import { defineConfig } from 'vitest/config'
import { sharedConfig } from '../../vitest.shared.js'

/**
 * The chaos suite (`pnpm --filter @gpt-trader/bot test:chaos`): `chaos/**\/*.chaos.ts` only, so the
 * normal `test` never runs it. The bot on the dev profile against coinbase-sim faults, one scenario
 * per fault; the fault table is printed when the run ends (chaos/globalSetup.ts).
 */
export default defineConfig({
  ...sharedConfig,
  test: {
    ...sharedConfig.test,
    include: ['chaos/**/*.chaos.ts'],
    globalSetup: ['chaos/globalSetup.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    reporters: ['default', ['json', { outputFile: 'chaos-results.json' }]],
  },
})
