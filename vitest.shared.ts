import { defineConfig } from 'vitest/config'

/**
 * Tests run on source: the `@gpt-trader/source` export condition points every workspace package
 * at its `src/index.ts`, so no build is needed before `vitest`.
 */
const conditions = ['@gpt-trader/source', 'module', 'node', 'import', 'default']

export const sharedConfig = defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ['@gpt-trader/source'] } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // The JSON report feeds the repo-wide total printed by scripts/test-summary.mjs.
    reporters: ['default', ['json', { outputFile: 'test-results.json' }]],
    // A test that calls `.only` must never silence the rest of the suite in CI.
    allowOnly: false,
    passWithNoTests: false,
  },
})
