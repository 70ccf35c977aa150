import { defineConfig } from 'tsup'

export default defineConfig({
  // The sweep worker is its own entry: worker threads load it by path (dist/sweepWorker.{js,cjs}).
  entry: { index: 'src/index.ts', sweepWorker: 'src/sweep/sweepWorker.ts' },
  format: ['esm', 'cjs'],
  dts: { entry: 'src/index.ts' },
  clean: true,
  sourcemap: true,
  target: 'node20',
  treeshake: true,
  // import.meta.url locates the worker script in the CJS build too.
  shims: true,
})
