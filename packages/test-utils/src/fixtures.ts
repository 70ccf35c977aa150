import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * Finds the `shared/` folder that CI places beside the checkout (`../shared`). Walks up from this
 * file so it works from any package; `GPT_TRADER_SHARED` overrides it.
 */
export function sharedDir(): string {
  const fromEnv = process.env.GPT_TRADER_SHARED
  if (fromEnv) return resolve(fromEnv)
  let dir = dirname(fileURLToPath(import.meta.url))
  for (let i = 0; i < 8; i++) {
    const candidate = join(dir, 'shared')
    if (existsSync(join(candidate, 'fixtures')) && existsSync(join(candidate, 'design'))) return candidate
    const sibling = join(dir, '..', 'shared')
    if (existsSync(join(sibling, 'fixtures')) && existsSync(join(sibling, 'design'))) return resolve(sibling)
    dir = dirname(dir)
  }
  throw new Error(
    'Cannot find the shared/ folder (fixtures and market data). Place it beside the checkout or set GPT_TRADER_SHARED.',
  )
}

/** Absolute path of a file under `shared/fixtures/coinbase/`, e.g. `fixturePath('rest/get_product.json')`. */
export function fixturePath(relative: string): string {
  return join(sharedDir(), 'fixtures', 'coinbase', relative)
}

/** Parsed JSON of a Coinbase fixture (`rest/…` or `ws/…`). */
export function loadFixture(relative: string): unknown {
  return JSON.parse(readFileSync(fixturePath(relative), 'utf8'))
}

/** Absolute path of a file under `shared/data/`, e.g. `dataPath('candles/…csv')`. */
export function dataPath(relative: string): string {
  return join(sharedDir(), 'data', relative)
}
