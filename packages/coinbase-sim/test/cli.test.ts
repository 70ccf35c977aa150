import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url))

describe('coinbase-sim CLI', () => {
  it('prints its URLs and credentials, serves /time, and exits 0 on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      [
        '--conditions=@gpt-trader/source',
        '--import',
        'tsx',
        cli,
        '--port',
        '0',
        '--seed',
        '7',
        '--products',
        'BTC-USD,SOL-USD',
        '--speed',
        '10',
      ],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    let out = ''
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString()
    })
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    try {
      const deadline = Date.now() + 15_000
      while (!/EdDSA/.test(out) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25))
      const rest = /REST:\s+(\S+)/.exec(out)?.[1]
      expect(rest).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v3\/brokerage$/)
      expect(out).toContain('-----BEGIN EC PRIVATE KEY-----')
      const time = (await (await fetch(`${rest}/time`)).json()) as { epochSeconds: string }
      expect(Math.abs(Number(time.epochSeconds) - Date.now() / 1000)).toBeLessThan(60)
      const products = (await (await fetch(`${rest}/market/products`)).json()) as {
        products: { product_id: string }[]
      }
      expect(products.products.map((p) => p.product_id)).toEqual(['BTC-USD', 'SOL-USD'])
    } finally {
      child.kill('SIGTERM')
    }
    expect(await exit).toBe(0)
  })
})
