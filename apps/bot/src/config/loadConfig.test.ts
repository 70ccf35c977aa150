import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { isBotError } from '../BotError.js'
import { loadConfig } from './loadConfig.js'

const PEM =
  '-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIKnownSecretKeyMaterial0123456789abcdef\n-----END EC PRIVATE KEY-----\n'
const KEY_NAME = 'organizations/org-secret-1234/apiKeys/key-secret-5678'
const CREDS = { COINBASE_API_KEY_NAME: KEY_NAME, COINBASE_API_PRIVATE_KEY: PEM }

const dirs: string[] = []
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bot-config-'))
  dirs.push(dir)
  return dir
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function errorOf(fn: () => unknown): Error & { code?: string; exitCode?: number } {
  try {
    fn()
  } catch (error) {
    if (error instanceof Error) return error
  }
  throw new Error('expected an error')
}

function profileFile(text: string): string {
  const file = join(tempDir(), 'custom.yaml')
  writeFileSync(file, text)
  return file
}

describe('loadConfig: shipped profiles', () => {
  it('dev: the embedded sim, the 10-symbol universe, spot_top10 caps, no credentials needed', () => {
    const { config, credentials } = loadConfig({ profile: 'dev', env: {} })
    expect(config.broker).toBe('sim')
    expect(credentials).toBeUndefined()
    expect(config.symbols).toEqual([
      'BTC-USD',
      'ETH-USD',
      'SOL-USD',
      'XRP-USD',
      'LTC-USD',
      'ADA-USD',
      'DOGE-USD',
      'BCH-USD',
      'AVAX-USD',
      'LINK-USD',
    ])
    expect(config.riskPreset).toBe('spot_top10')
    expect(config.risk.perSymbolCaps['BTC-USD']?.toFixed()).toBe('10000')
    expect(config.interval).toBe(5000)
  })

  it('canary: BTC-USD, 0.01 BTC max, 10 USD daily loss, IOC limits, 14:00–15:00 UTC Mon–Fri', () => {
    const { config } = loadConfig({ profile: 'canary', env: CREDS })
    expect(config.broker).toBe('coinbase')
    expect(config.symbols).toEqual(['BTC-USD'])
    expect(config.sizing.maxPosition).toEqual({ 'BTC-USD': '0.01' })
    expect(config.risk.dailyLossLimit.toFixed()).toBe('10')
    expect(config.orders).toEqual({ type: 'LIMIT', timeInForce: 'IOC' })
    expect(config.risk.tradingWindow).toEqual({ start: 14 * 60, end: 15 * 60 })
    expect(config.tradingDays).toEqual(['Mon', 'Tue', 'Wed', 'Thu', 'Fri'])
  })

  it('prod: the spot_top10 caps on all ten symbols, leverage 1', () => {
    const { config } = loadConfig({ profile: 'prod', env: CREDS })
    expect(Object.keys(config.risk.perSymbolCaps)).toHaveLength(10)
    expect(config.risk.perSymbolCaps['DOGE-USD']?.toFixed()).toBe('800')
    expect(config.risk.maxLeverage.toFixed()).toBe('1')
  })

  it('canary and prod refuse to start without credentials (exit 2)', () => {
    const error = errorOf(() => loadConfig({ profile: 'canary', env: {} }))
    expect(isBotError(error) && error.exitCode).toBe(2)
    expect(error.message).toMatchInlineSnapshot(
      `"profile canary trades on Coinbase (broker: coinbase) and needs credentials: set COINBASE_API_KEY_NAME and COINBASE_API_PRIVATE_KEY, or COINBASE_CREDENTIALS_FILE"`,
    )
  })

  it('rejects an unknown profile name', () => {
    expect(errorOf(() => loadConfig({ profile: 'staging', env: {} })).message).toMatchInlineSnapshot(
      `"unknown profile "staging": expected one of dev, canary, prod"`,
    )
  })
})

describe('loadConfig: precedence CLI > env > profile > defaults', () => {
  it('applies each layer over the one below', () => {
    const file = profileFile('profile: dev\nsymbols: [BTC-USD]\nstate: { root: from-profile }\n')
    expect(loadConfig({ configFile: file, env: {} }).config.state.root).toBe('from-profile')
    expect(loadConfig({ configFile: file, env: {} }).config.telemetry.logLevel).toBe('info') // default
    const env = { GPT_TRADER_STATE_DIR: 'from-env', GPT_TRADER_LOG_LEVEL: 'warn' }
    expect(loadConfig({ configFile: file, env }).config.state.root).toBe('from-env')
    const cli = loadConfig({
      configFile: file,
      env,
      cli: { stateRoot: 'from-cli', symbols: 'ETH-USD, SOL-USD' },
    })
    expect(cli.config.state.root).toBe('from-cli')
    expect(cli.config.telemetry.logLevel).toBe('warn')
    expect(cli.config.symbols).toEqual(['ETH-USD', 'SOL-USD'])
  })

  it('reads the documented env switches', () => {
    const { config } = loadConfig({ profile: 'dev', env: { COINBASE_ENABLE_DERIVATIVES: '1' } })
    expect(config.derivatives).toBe(true)
    expect(config.risk.derivativesEnabled).toBe(true)
    expect(loadConfig({ profile: 'dev', env: { SPOT_FORCE_LIVE: 'yes', ...CREDS } }).config.broker).toBe(
      'coinbase',
    )
    expect(loadConfig({ profile: 'dev', env: { PERPS_PAPER: '1', ...CREDS } }).config.broker).toBe('paper')
  })

  it('CLI flags --dry-run, --reduce-only, --interval', () => {
    const { config } = loadConfig({
      profile: 'dev',
      env: {},
      cli: { dryRun: true, reduceOnly: true, interval: '250ms' },
    })
    expect([config.dryRun, config.reduceOnly, config.interval]).toEqual([true, true, 250])
  })
})

describe('loadConfig: bad values name the source, the key and what was expected (exit 2)', () => {
  it('a bad value in the profile file', () => {
    const file = profileFile('profile: dev\nsymbols: [BTC-USD]\ninterval: often\n')
    const error = errorOf(() => loadConfig({ configFile: file, env: {} }))
    expect(error.exitCode).toBe(2)
    expect(error.code).toBe('CONFIG_INVALID')
    expect(error.message.replaceAll(file, 'FILE')).toMatchInlineSnapshot(
      `"invalid configuration: FILE: interval: expected a duration like "250ms", "30s", "5m", "2h" or "1d", got "often""`,
    )
  })

  it('a bad risk value, checked by @gpt-trader/risk', () => {
    const file = profileFile('profile: dev\nsymbols: [BTC-USD]\nrisk:\n  dailyLossLimit: lots\n')
    expect(
      errorOf(() => loadConfig({ configFile: file, env: {} })).message.replaceAll(file, 'FILE'),
    ).toMatchInlineSnapshot(
      `"invalid configuration: FILE: risk.dailyLossLimit: expected a decimal like "12.34""`,
    )
  })

  it('an unknown key and a bad product id', () => {
    const file = profileFile('profile: dev\nsymbols: [btc-usd]\nintervall: 5s\n')
    expect(
      errorOf(() => loadConfig({ configFile: file, env: {} })).message.replaceAll(file, 'FILE'),
    ).toMatchInlineSnapshot(`
      "invalid configuration: FILE: symbols.0: expected an upper-case product id like "BTC-USD"

      FILE: (top level): unknown key(s) "intervall""
    `)
  })

  it('a bad env value names the variable', () => {
    const error = errorOf(() => loadConfig({ profile: 'dev', env: { COINBASE_ENABLE_DERIVATIVES: 'maybe' } }))
    expect(error.message).toMatchInlineSnapshot(
      `"invalid configuration: env COINBASE_ENABLE_DERIVATIVES: derivatives: expected a boolean (true/false, yes/no, on/off, 1/0), got "maybe""`,
    )
  })

  it('a bad CLI value names the flag', () => {
    const error = errorOf(() =>
      loadConfig({ profile: 'dev', env: {}, cli: { interval: 'soon', symbols: 'BTC' } }),
    )
    expect(error.message).toMatchInlineSnapshot(`
      "invalid configuration: --symbols: symbols.0: expected an upper-case product id like "BTC-USD"

      --interval: interval: expected a duration like "250ms", "30s", "5m", "2h" or "1d", got "soon""
    `)
  })

  it('YAML syntax errors give the line', () => {
    const file = profileFile('profile: dev\nsymbols: [BTC-USD\n')
    expect(
      errorOf(() => loadConfig({ configFile: file, env: {} })).message.replaceAll(file, 'FILE'),
    ).toMatchInlineSnapshot(`
      "FILE (line 3): not valid YAML

      Details: Flow sequence in block collection must be sufficiently indented and end with a ] at line 3, column 1:

      symbols: [BTC-USD

      ^
      "
    `)
  })

  it('a missing file', () => {
    const error = errorOf(() => loadConfig({ configFile: join(tempDir(), 'nope.yaml'), env: {} }))
    expect([error.code, error.exitCode]).toEqual(['CONFIG_NOT_FOUND', 2])
  })
})

describe('credentials', () => {
  it('reads the env pair (PEM with literal \\n) and never puts it in a message', () => {
    const env = { COINBASE_API_KEY_NAME: KEY_NAME, COINBASE_API_PRIVATE_KEY: PEM.replace(/\n/g, '\\n') }
    const { credentials } = loadConfig({ profile: 'canary', env })
    expect(credentials?.apiKeyName).toBe(KEY_NAME)
    expect(credentials?.privateKey).toBe(PEM.trim())
    const error = errorOf(() => loadConfig({ profile: 'canary', env: { ...env, GPT_TRADER_HTTP_PORT: 'x' } }))
    expect(error.message).not.toContain('KnownSecret')
    expect(error.message).not.toContain('key-secret-5678')
  })

  it('refuses half a pair', () => {
    expect(
      errorOf(() => loadConfig({ profile: 'dev', env: { COINBASE_API_KEY_NAME: KEY_NAME } })).message,
    ).toMatchInlineSnapshot(
      `"env COINBASE_API_PRIVATE_KEY: missing; set both COINBASE_API_KEY_NAME and COINBASE_API_PRIVATE_KEY"`,
    )
  })

  it('reads a credentials file that only its owner can read', () => {
    const file = join(tempDir(), 'cdp_api_key.json')
    writeFileSync(file, JSON.stringify({ name: KEY_NAME, privateKey: PEM }))
    chmodSync(file, 0o600)
    const { credentials } = loadConfig({ profile: 'canary', env: { COINBASE_CREDENTIALS_FILE: file } })
    expect(credentials).toEqual({ apiKeyName: KEY_NAME, privateKey: PEM, origin: file })
  })

  it('refuses a credentials file readable by group or others (exit 2), without reading it', () => {
    const file = join(tempDir(), 'cdp_api_key.json')
    writeFileSync(file, JSON.stringify({ name: KEY_NAME, privateKey: PEM }))
    chmodSync(file, 0o644)
    const error = errorOf(() => loadConfig({ profile: 'canary', env: { COINBASE_CREDENTIALS_FILE: file } }))
    expect([error.code, error.exitCode]).toEqual(['CREDENTIALS_INVALID', 2])
    expect(error.message.replaceAll(file, 'FILE')).toMatchInlineSnapshot(
      `"env COINBASE_CREDENTIALS_FILE: FILE is accessible by group or others (mode 644); run chmod 600 on it"`,
    )
    expect(error.message).not.toContain('KnownSecret')
  })

  it('refuses a credentials file that is not the CDP JSON, without quoting it', () => {
    const file = join(tempDir(), 'cdp_api_key.json')
    writeFileSync(file, `{"name": "${KEY_NAME}", "privateKey": ${JSON.stringify(PEM)},`)
    chmodSync(file, 0o600)
    const error = errorOf(() => loadConfig({ profile: 'canary', env: { COINBASE_CREDENTIALS_FILE: file } }))
    expect(error.message.replaceAll(file, 'FILE')).toMatchInlineSnapshot(
      `"env COINBASE_CREDENTIALS_FILE: FILE is not valid JSON"`,
    )
    expect(JSON.stringify(error)).not.toContain('KnownSecret')
  })
})
