import { fileURLToPath } from 'node:url'
import { startCoinbaseSim } from '@gpt-trader/coinbase-sim'
import { startHttpServer } from '@gpt-trader/test-utils'
import { build } from 'esbuild'
import { chromium } from 'playwright-core'
import { expect, it } from 'vitest'

const entry = fileURLToPath(new URL('../../src/index.ts', import.meta.url))

it('runs the WebSocket client and a synced L2 order book in headless Chromium against the sim', async () => {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    logLevel: 'silent',
    metafile: true,
  })
  const code = result.outputFiles[0]?.text ?? ''
  // The browser build must use the global WebSocket, not the `ws` package.
  const inputs = Object.keys(result.metafile.inputs)
  expect(inputs.some((p) => p.includes('node_modules/ws/'))).toBe(false)
  expect(inputs.some((p) => p.includes('isomorphic-ws/browser.js'))).toBe(true)

  const sim = await startCoinbaseSim({ products: ['BTC-USD'], seed: 11 })
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox'],
  })
  let cleanup: () => Promise<void> = async () => {}
  try {
    const page = await browser.newPage()
    const pageErrors: string[] = []
    page.on('pageerror', (e) => pageErrors.push(e.message))
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(m.text())
    })
    const script = `
      import { createCoinbaseWebSocket, OrderBookFeed } from './client.js'
      const ws = createCoinbaseWebSocket({ wsUrl: ${JSON.stringify(sim.wsUrl)} })
      const errors = []
      ws.on('error', (e) => errors.push(e.name + ': ' + e.shortMessage))
      const feed = new OrderBookFeed(ws)
      await feed.add(['BTC-USD'])
      const book = await feed.whenSynced('BTC-USD')
      window.__result = { top: book.toArrays(5), bids: book.bidCount, asks: book.askCount, spreadOk: book.spread().absolute > 0, errors }
      ws.close()
    `
    // A real loopback page server (not page.route): Chromium's local-network-access checks then see
    // a loopback page talking to a loopback WebSocket.
    const pages = await startHttpServer((req, res) => {
      if (req.url?.endsWith('/client.js')) {
        res.writeHead(200, { 'content-type': 'text/javascript' })
        res.end(code)
        return
      }
      res.writeHead(200, { 'content-type': 'text/html' })
      res.end(`<!doctype html><title>ws</title><script type="module">${script}</script>`)
    })
    cleanup = () => pages.close()
    await page.goto(`${pages.url}/index.html`)
    const handle = await page
      .waitForFunction(() => (globalThis as { __result?: unknown }).__result, undefined, { timeout: 40_000 })
      .catch((error: unknown) => {
        throw new Error(`page did not finish: ${pageErrors.join(' | ')}`, { cause: error })
      })
    const got = (await handle.jsonValue()) as {
      top: { bids: [string, string][]; asks: [string, string][] }
      bids: number
      asks: number
      spreadOk: boolean
      errors: string[]
    }
    const simBook = sim.control.book('BTC-USD')
    expect(got.errors).toEqual([])
    expect(got.top).toEqual({ bids: simBook.bids.slice(0, 5), asks: simBook.asks.slice(0, 5) })
    expect([got.bids, got.asks]).toEqual([simBook.bids.length, simBook.asks.length])
    expect(got.spreadOk).toBe(true)
  } finally {
    await browser.close()
    await sim.close()
    await cleanup()
  }
}, 60_000)
