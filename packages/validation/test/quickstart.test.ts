import { execFile } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { quickstart } from '../examples/quickstart.js'

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..')

/** The tsx binary pnpm installed (in this package or up the workspace). */
function findTsx(): string {
  let dir = packageDir
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, 'node_modules', '.bin', process.platform === 'win32' ? 'tsx.cmd' : 'tsx')
    if (existsSync(candidate)) return candidate
    dir = dirname(dir)
  }
  throw new Error('tsx is not installed: run pnpm install')
}

describe('examples/quickstart.ts (the README example)', () => {
  it('produces the documented output', () => {
    expect(quickstart()).toMatchInlineSnapshot(`
      [
        "product   BTC-USD: size step 0.00000001, tick 0.01",
        "quantize  0.123456789 -> 0.12345678, 67000.015 -> 67000.02",
        "order     BUY 0.12345678 @ 67000.02: ok",
        "order     BUY 0.000001 @ 67000.015: 4 issues",
        "  - SIZE_BELOW_MIN (size): 0.000001 is below the minimum size 0.00001 for BTC-USD",
        "  - PRICE_NOT_INCREMENT (price): 67000.015 is not a multiple of the price increment 0.01 (Coinbase rejects it; nearest below is 67000.01)",
        "  - NOTIONAL_BELOW_MIN (size): notional (size × price) 0.067000015 is below the minimum 1 for BTC-USD",
        "  - POST_ONLY_WOULD_CROSS (price): post-only BUY at 67000.015 would cross the best ask 67000.01",
        "redact    {"msg":"placing order","apiKeyName":"[REDACTED]","privateKey":"[REDACTED]","headers":{"Authorization":"[REDACTED]"},"size":"0.12345678"}",
      ]
    `)
  })

  it('runs as a script exactly like `pnpm run example`', async () => {
    const { stdout } = await promisify(execFile)(
      findTsx(),
      ['--conditions=@gpt-trader/source', 'examples/quickstart.ts'],
      { cwd: packageDir },
    )
    expect(stdout.trimEnd().split('\n')).toEqual(quickstart())
  })

  it('is quoted verbatim in the README, with its output', () => {
    const readme = readFileSync(join(packageDir, 'README.md'), 'utf8')
    const source = readFileSync(join(packageDir, 'examples', 'quickstart.ts'), 'utf8')
    expect(readme).toContain(`\`\`\`ts\n${source.trimEnd()}\n\`\`\``)
    expect(readme).toContain(`\`\`\`text\n${quickstart().join('\n')}\n\`\`\``)
  })
})
