import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startCoinbaseSim } from '@gpt-trader/coinbase-sim'
import { build } from 'esbuild'
import { chromium } from 'playwright-core'
import { expect, it } from 'vitest'

const root = fileURLToPath(new URL('..', import.meta.url))

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name)
    if (statSync(full).isDirectory()) return sourceFiles(full)
    return /\.ts$/.test(name) && !/\.(test|bench)\.ts$/.test(name) ? [full] : []
  })
}

async function bundle(): Promise<string> {
  const result = await build({
    entryPoints: [join(root, 'src/index.ts')],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    logLevel: 'silent',
  })
  return result.outputFiles[0]!.text
}

it('no file of the main entry imports a Node built-in (only the Node entry, src/node.ts and src/node/, may)', () => {
  const nodeOnly = join(root, 'src', 'node')
  const files = sourceFiles(join(root, 'src')).filter((file) => !file.startsWith(nodeOnly))
  expect(files.length).toBeGreaterThan(50)
  const offenders = files.filter((file) =>
    /from ['"](node:|(fs|path|crypto|http|https|net|url|buffer|stream|zlib|os)['"])/.test(
      readFileSync(file, 'utf8'),
    ),
  )
  expect(offenders).toEqual([])
})

it('bundles for the browser; public and signed (ES256, EdDSA) calls from headless Chromium against the sim', async () => {
  const code = await bundle()
  expect(code.length).toBeGreaterThan(10_000)
  const sim = await startCoinbaseSim()
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox'],
  })
  try {
    const page = await browser.newPage()
    const script = `
      import { createCoinbaseClient } from './client.js'
      const client = createCoinbaseClient({ baseUrl: location.origin })
      const product = await client.getPublicProduct({ product_id: 'BTC-USD' })
      const time = await client.getServerTime()
      let privateError = ''
      try { await client.listAccounts() } catch (error) { privateError = error.name }
      // Signed calls: both key types, JWTs made with WebCrypto in the page, clock taken from the exchange.
      const currencies = []
      for (const credentials of ${JSON.stringify(sim.credentials)}) {
        const signed = createCoinbaseClient({ baseUrl: location.origin, credentials, clock: { now: () => time.epochMillis } })
        const { accounts } = await signed.listAccounts()
        currencies.push(credentials.algorithm + ':' + accounts.map((a) => a.currency).sort().join(','))
      }
      window.__result = { id: product.product_id, tick: product.price_increment.toFixed(), epoch: time.epochSeconds, privateError, currencies }
    `
    // Serve the test page from the sim's own origin so the REST calls are same-origin (the sim sends no CORS headers).
    await page.route(`${sim.restUrl}/__client_test__/**`, (route) => {
      const url = route.request().url()
      if (url.endsWith('/client.js')) return route.fulfill({ contentType: 'text/javascript', body: code })
      return route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><title>client</title><script type="module">${script}</script>`,
      })
    })
    await page.goto(`${sim.restUrl}/__client_test__/index.html`)
    const handle = await page.waitForFunction(
      () => (globalThis as { __result?: unknown }).__result,
      undefined,
      {
        timeout: 10_000,
      },
    )
    const result = await handle.jsonValue()
    expect(result).toEqual({
      id: 'BTC-USD',
      tick: '0.01',
      epoch: Math.floor(sim.control.now() / 1000),
      privateError: 'CredentialsRequired',
      currencies: ['ES256:BTC,ETH,USD', 'EdDSA:BTC,ETH,USD'],
    })
  } finally {
    await browser.close()
    await sim.close()
  }
})
