import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { isBotError } from '../BotError.js'
import { resolveCredentials } from './credentials.js'

// Fuzzing (issue #10 item 5): credentials from env variables and the CDP key file. Credentials or
// a BotError CREDENTIALS_INVALID (exit 2) that never quotes the private key.

const RUNS = 150
const SECRET_BODY = 'MHcCAQEEIKnownSecretKeyMaterial0123456789abcdefZZ'
const PEM = `-----BEGIN EC PRIVATE KEY-----\n${SECRET_BODY}\n-----END EC PRIVATE KEY-----\n`
const NAME = 'organizations/org-1/apiKeys/key-2'
const dir = mkdtempSync(join(tmpdir(), 'bot-creds-fuzz-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

let count = 0
function keyFile(text: string, mode = 0o600): string {
  const file = join(dir, `k${count++}.json`)
  writeFileSync(file, text)
  chmodSync(file, mode)
  return file
}

function expectSafeError(error: unknown): void {
  expect(isBotError(error), String(error)).toBe(true)
  if (!isBotError(error)) return
  expect(error.code).toBe('CREDENTIALS_INVALID')
  expect(error.exitCode).toBe(2)
  const everything = `${error.message}\n${error.details}\n${String((error.cause as Error | undefined)?.message ?? '')}`
  expect(everything).not.toContain(SECRET_BODY.slice(0, 16))
  expect(everything).not.toContain(SECRET_BODY.slice(-16))
}

const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(undefined, null, 0, true, [], {}, '', ' ', '__proto__'),
  fc.string({ maxLength: 16 }),
  fc.anything({ maxDepth: 2 }).map((v) => JSON.parse(JSON.stringify(v) ?? 'null') as unknown),
)

describe('resolveCredentials under fuzzing', () => {
  it('env variables: credentials or a BotError without key material', () => {
    const value = fc.oneof(
      fc.constant(undefined),
      fc.constant(''),
      fc.constant(PEM),
      fc.constant(NAME),
      fc.string({ maxLength: 30 }),
    )
    fc.assert(
      fc.property(value, value, (name, key) => {
        const env: NodeJS.ProcessEnv = {}
        if (name !== undefined) env.COINBASE_API_KEY_NAME = name
        if (key !== undefined) env.COINBASE_API_PRIVATE_KEY = key
        try {
          const credentials = resolveCredentials(env)
          if (credentials) expect(credentials.origin).toBe('env')
        } catch (error) {
          expectSafeError(error)
        }
      }),
      { numRuns: RUNS },
    )
  })

  it('key files with fields dropped, retyped or cut off: credentials or a BotError without key material', () => {
    const file = fc.oneof(
      fc
        .record(
          {
            name: fc.oneof(fc.constant(NAME), junk),
            id: junk,
            privateKey: fc.oneof(fc.constant(PEM), junk),
            __proto__: junk,
          },
          { requiredKeys: [] },
        )
        .map((record) => JSON.stringify(record) ?? ''),
      fc.nat({ max: 200 }).map((cut) => JSON.stringify({ name: NAME, privateKey: PEM }).slice(0, cut)),
      fc.string({ maxLength: 100 }),
      fc.constantFrom('', '{', 'null', '[]', `{"name":"${NAME}","privateKey":"${PEM.replace(/\n/g, '\n')}"}`),
    )
    fc.assert(
      fc.property(file, fc.constantFrom(0o600, 0o400, 0o644, 0o660), (text, mode) => {
        try {
          const credentials = resolveCredentials({ COINBASE_CREDENTIALS_FILE: keyFile(text, mode) })
          expect(credentials?.privateKey.length).toBeGreaterThan(0)
        } catch (error) {
          expectSafeError(error)
        }
      }),
      { numRuns: RUNS },
    )
  })

  it('a key file cut inside the PEM is rejected without quoting it', () => {
    const text = JSON.stringify({ name: NAME, privateKey: PEM }).slice(0, 90)
    try {
      resolveCredentials({ COINBASE_CREDENTIALS_FILE: keyFile(text) })
      expect.unreachable()
    } catch (error) {
      expectSafeError(error)
      expect(
        (error as Error).message.replace(dir, '<dir>').replace(/k\d+\.json/, 'k.json'),
      ).toMatchInlineSnapshot(`"env COINBASE_CREDENTIALS_FILE: <dir>/k.json is not valid JSON"`)
    }
  })
})
