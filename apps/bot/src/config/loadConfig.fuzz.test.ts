import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fieldMutation } from '@gpt-trader/test-utils'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml'
import { isBotError } from '../BotError.js'
import { defaultConfigDir, loadConfig } from './loadConfig.js'

// Fuzzing (issue #10 item 5): profile YAML and env overrides. loadConfig returns a validated config
// or throws a BotError (CONFIG_INVALID / USAGE / CREDENTIALS_INVALID, exit code 2) whose message
// names the offending key; never a TypeError, never a raw ZodError or YAML error.

const RUNS = 60
const USAGE_CODES = new Set(['CONFIG_INVALID', 'CONFIG_NOT_FOUND', 'CREDENTIALS_INVALID', 'USAGE'])
const dir = mkdtempSync(join(tmpdir(), 'bot-config-fuzz-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

let fileCount = 0
function profileFile(text: string): string {
  const file = join(dir, `p${fileCount++}.yaml`)
  writeFileSync(file, text)
  return file
}

const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1.5, 1e308, -1e308, {}, [], ''),
  fc.constantFrom(
    'NaN',
    '.nan',
    '.inf',
    '-.inf',
    'Infinity',
    '-1',
    '1e400',
    'abc',
    '5x',
    '-5s',
    '__proto__',
    'constructor',
  ),
  fc.constantFrom('9'.repeat(400), `${'9'.repeat(400)}s`, 'BTC_USD', 'btc-usd', 'sim; rm -rf /', '0.0.0.0'),
  fc.string({ maxLength: 12 }),
  fc.anything({ maxDepth: 2, maxKeys: 3 }).map((v) => JSON.parse(JSON.stringify(v) ?? 'null') as unknown),
)

function expectUsageError(error: unknown): asserts error is Error & { code: string; exitCode: number } {
  expect(isBotError(error), String(error)).toBe(true)
  if (isBotError(error)) {
    expect(USAGE_CODES.has(error.code), error.code).toBe(true)
    expect(error.exitCode).toBe(2)
    expect(error.message).not.toMatch(/\n\s+at /)
  }
}

describe('loadConfig under fuzzing', () => {
  for (const profile of ['dev', 'canary', 'prod'] as const) {
    it(`${profile}.yaml with one key dropped or replaced: a config or a BotError naming the key`, () => {
      const doc = parseYaml(readFileSync(join(defaultConfigDir, `${profile}.yaml`), 'utf8')) as unknown
      fc.assert(
        fc.property(fieldMutation(doc, junk), ({ value: copy, path }) => {
          const file = profileFile(stringifyYaml(copy))
          try {
            const { config } = loadConfig({ profile, configFile: file, env: {} })
            expect(config.symbols.length).toBeGreaterThan(0)
          } catch (error) {
            expectUsageError(error)
            // The message names the key (`risk.dailyLossLimit`) or, for a dropped/retyped parent, its top-level section.
            if (error.code === 'CONFIG_INVALID') expect(error.message).toContain(String(path[0]))
          }
        }),
        { numRuns: RUNS },
      )
    })
  }

  it('structurally random YAML text: a config or a BotError, and Object.prototype untouched', () => {
    const text = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.json({ maxDepth: 3 }),
      fc.constantFrom(
        '',
        '---\n...\n',
        '- a\n- b\n',
        'profile: [',
        'broker: !!js/function "function(){}"',
        '__proto__: { polluted: yes }\nprofile: dev',
        'constructor: { prototype: { polluted: yes } }',
        'risk: { __proto__: { polluted: yes } }',
        'a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
        `symbols: [${'BTC-USD, '.repeat(500)}ETH-USD]`,
        `interval: ${'['.repeat(2_000)}`,
        'symbols: "BTC-USD"\ninterval: 5s\nprofile: 42',
        'profile: dev\nbroker: coinbase',
      ),
    )
    fc.assert(
      fc.property(text, fc.constantFrom('dev', 'canary', 'prod'), (yaml, profile) => {
        try {
          loadConfig({ profile, configFile: profileFile(yaml), env: {} })
        } catch (error) {
          expectUsageError(error)
        }
        expect(({} as Record<string, unknown>).polluted).toBeUndefined()
      }),
      { numRuns: 25 },
    )
  })

  it('env overrides with bad values name the env variable', () => {
    const names = [
      'COINBASE_ENABLE_DERIVATIVES',
      'SPOT_FORCE_LIVE',
      'GPT_TRADER_STATE_DIR',
      'GPT_TRADER_LOG_LEVEL',
      'GPT_TRADER_HTTP_PORT',
      'GPT_TRADER_HTTP_TOKEN',
      'GPT_TRADER_ALERT_WEBHOOK',
      'COINBASE_API_BASE_URL',
      'COINBASE_WS_URL',
      'PERPS_PAPER',
    ] as const
    const value = fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.constantFrom(
        '-1',
        '99999',
        '1e5',
        'maybe',
        'ftp://x',
        'http://[::1',
        'javascript:alert(1)',
        '9'.repeat(400),
        '\u0000',
      ),
    )
    fc.assert(
      fc.property(fc.constantFrom(...names), value, (name, text) => {
        try {
          loadConfig({ profile: 'dev', env: { [name]: text } })
        } catch (error) {
          expectUsageError(error)
          if (error.code === 'CONFIG_INVALID') expect(error.message).toContain(`env ${name}`)
        }
      }),
      { numRuns: 40 },
    )
  })

  it('bad CLI overrides name the flag', () => {
    const override = fc.oneof(
      fc
        .record({ interval: fc.constantFrom('soon', '-5s', '', '9'.repeat(400)) })
        .map((cli) => ({ cli, flag: '--interval' })),
      fc
        .record({ httpPort: fc.constantFrom('-1', '65536', 'http', '1e3') })
        .map((cli) => ({ cli, flag: '--http-port' })),
      fc.record({ maxCycles: fc.constantFrom('-1', 'abc', '1.5') }).map((cli) => ({ cli, flag: '--cycles' })),
      fc
        .record({ logLevel: fc.constantFrom('loud', '', 'INFO ') })
        .map((cli) => ({ cli, flag: '--log-level' })),
      fc
        .record({ symbols: fc.constantFrom('BTC_USD', ',', 'BTC-USD,,nope') })
        .map((cli) => ({ cli, flag: '--symbols' })),
    )
    fc.assert(
      fc.property(override, ({ cli, flag }) => {
        let thrown: unknown
        try {
          loadConfig({ profile: 'dev', env: {}, cli })
        } catch (error) {
          thrown = error
        }
        expectUsageError(thrown)
        expect(thrown.message).toContain(flag)
      }),
      { numRuns: 60 },
    )
  })
})
