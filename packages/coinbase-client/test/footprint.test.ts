import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { beforeAll, expect, it } from 'vitest'

const entry = fileURLToPath(new URL('../src/index.ts', import.meta.url))

/** The main entry bundled the way tsup builds dist/index.js (dependencies left as imports). */
let code = ''
beforeAll(async () => {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    packages: 'external',
    format: 'esm',
    platform: 'neutral',
    target: 'node20',
    write: false,
    logLevel: 'silent',
  })
  code = result.outputFiles[0]?.text ?? ''
})

// V8 keeps a module's source text for as long as the module lives. One character above U+00FF (an
// arrow in a comment esbuild keeps) turns the whole ~160 KB source into a two-byte string: twice the
// heap, for every process that imports the client. Escape such characters in code, ASCII in comments.
it('the bundled entry is Latin-1 text, so V8 stores its source one byte per character', () => {
  expect(code.length).toBeGreaterThan(50_000)
  const wide: string[] = []
  for (let i = 0; i < code.length; i++) {
    if (code.charCodeAt(i) > 0xff) wide.push(code.slice(Math.max(0, i - 30), i + 5))
  }
  expect(wide).toEqual([])
})

it('jose is loaded on the first signature and ky on the first request through the default sender, not at import', () => {
  const staticImports = [
    ...new Set([...code.matchAll(/^import .* from ["']([^"']+)["'];?$/gm)].map((m) => m[1])),
  ].sort()
  // ky touches `globalThis.Request` when imported, which loads Node's whole fetch (undici): a client
  // sending through nodeHttpSender must never pay for it.
  expect(staticImports).toEqual(['decimal.js', 'eventemitter3', 'isomorphic-ws', 'zod'])
  expect(code).toMatch(/import\(["']jose["']\)/)
  expect(code).toMatch(/import\(["']ky["']\)/)
})
