import { defineConfig } from 'tsup'

export default defineConfig({
  entry: { index: 'src/index.ts', 'coinbase/index': 'src/coinbase/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
  treeshake: true,
  // The Coinbase adapter talks to the client through its public API only; never bundle it.
  external: ['@gpt-trader/coinbase-client'],
})
