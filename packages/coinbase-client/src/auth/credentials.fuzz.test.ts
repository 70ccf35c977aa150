import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { makeEcKey, makeEdKey } from '../../test/rest-helpers/keys.js'
import { isInvalidCredentialsError } from '../errors/guards.js'
import { parseCredentials } from './credentials.js'
import { parseLegacyHmacCredentials } from './hmac.js'
import { createRestJwt } from './jwt.js'

// Fuzzing (issue #10 item 5): credentials come from env vars and downloaded key files, often
// mangled by copy-paste. parseCredentials must return credentials or throw InvalidCredentials, the
// JWT signer must do the same with whatever got through, and no error message may quote any part
// of the private key.

const RUNS = 100
const NAME = 'organizations/11111111-2222-3333-4444-555555555555/apiKeys/66666666-7777-8888-9999-000000000000'
const clock = { now: () => Date.UTC(2026, 0, 1) }
const ec = makeEcKey()
const ed = makeEdKey()
const REAL_KEYS = [ec.sec1Pem, ec.pkcs8Pem, ed.pkcs8Pem, ed.base64Pair, ed.base64Seed] as const

/** 10-character windows of a key's body (PEM armour removed): none may appear in an error message. */
function secretPieces(key: string): string[] {
  const body = key
    .slice(0, 8_192)
    .replace(/-----[A-Z ]+-----/g, '')
    .replace(/\s+|\\n/g, '')
  const pieces: string[] = []
  for (let i = 0; i + 10 <= body.length; i += 5) pieces.push(body.slice(i, i + 10))
  return pieces
}

function expectNoSecret(message: string, key: string): void {
  const leaked = secretPieces(key).find((piece) => message.includes(piece))
  expect(leaked, 'error message quotes key material').toBeUndefined()
}

/** A real key, damaged the way copy-paste damages keys. */
const mangledKey = fc
  .tuple(
    fc.constantFrom(...REAL_KEYS),
    fc.constantFrom('flip', 'cut', 'insert', 'escape', 'label', 'dup', 'none'),
    fc.nat(),
    fc.string({ maxLength: 4 }),
  )
  .map(([key, how, at, text]) => {
    const i = at % (key.length + 1)
    switch (how) {
      case 'flip': {
        const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/='
        const c = alphabet[at % alphabet.length] ?? 'A'
        return `${key.slice(0, i)}${c}${key.slice(i + 1)}`
      }
      case 'cut':
        return key.slice(0, i)
      case 'insert':
        return `${key.slice(0, i)}${text}${key.slice(i)}`
      case 'escape':
        return key.replace(/\n/g, at % 2 ? '\\n' : '\\r\\n')
      case 'label':
        return key.replace(
          /(EC )?PRIVATE KEY/g,
          [
            'RSA PRIVATE KEY',
            'ENCRYPTED PRIVATE KEY',
            'PUBLIC KEY',
            'EC PARAMETERS',
            'PRIVATE KEY',
            'EC PRIVATE KEY',
          ][at % 6] ?? '',
        )
      case 'dup':
        return `${key}\n${key}`
      default:
        return key
    }
  })

async function checkSource(source: unknown, key: string): Promise<void> {
  let credentials: ReturnType<typeof parseCredentials>
  try {
    credentials = parseCredentials(source as Parameters<typeof parseCredentials>[0])
  } catch (error) {
    expect(isInvalidCredentialsError(error), String(error)).toBe(true)
    if (isInvalidCredentialsError(error)) {
      expect(error.code).toBe('INVALID_CREDENTIALS')
      expectNoSecret(error.message, key)
    }
    return
  }
  expect(['ES256', 'EdDSA']).toContain(credentials.algorithm)
  expect(JSON.stringify(credentials)).not.toContain('privateKey')
  try {
    const jwt = await createRestJwt(
      credentials,
      { method: 'GET', url: 'https://api.coinbase.com/api/v3/brokerage/accounts' },
      clock,
    )
    expect(jwt.split('.')).toHaveLength(3)
  } catch (error) {
    expect(isInvalidCredentialsError(error), String(error)).toBe(true)
    expectNoSecret((error as Error).message, key)
  }
}

describe('parseCredentials under fuzzing', () => {
  it('mangled real keys: credentials that sign, or InvalidCredentials without key material', async () => {
    await fc.assert(
      fc.asyncProperty(mangledKey, fc.constantFrom('apiKeyName', 'name', 'id'), async (privateKey, field) => {
        await checkSource({ [field]: NAME, privateKey }, privateKey)
        await checkSource(JSON.stringify({ [field]: NAME, privateKey }), privateKey)
      }),
      { numRuns: RUNS },
    )
  })

  it('key files with fields dropped, retyped, swapped or polluted', async () => {
    const junk = fc.oneof(
      fc.constantFrom(undefined, null, 0, true, [], {}, '', '   ', '__proto__'),
      fc.string({ maxLength: 20 }),
      fc.anything({ maxDepth: 2 }),
    )
    const file = fc.record(
      {
        name: fc.oneof(fc.constant(NAME), junk, fc.constant(ec.sec1Pem), fc.constant('x'.repeat(600))),
        privateKey: fc.oneof(fc.constant(ec.sec1Pem), junk, fc.constant(NAME)),
        algorithm: fc.oneof(fc.constantFrom('ES256', 'EdDSA', 'RS256', ''), junk),
        __proto__: junk,
        constructor: junk,
      },
      { requiredKeys: [] },
    )
    await fc.assert(
      fc.asyncProperty(file, fc.boolean(), async (input, asText) => {
        const source = asText ? JSON.stringify(input) : input
        await checkSource(source ?? {}, ec.sec1Pem)
      }),
      { numRuns: RUNS },
    )
  })

  it('structurally random sources never escape as a raw error', async () => {
    const hostile = fc.oneof(
      fc.anything({ maxDepth: 3, withNullPrototype: true, withBigInt: true, withBoxedValues: true }),
      fc.string({ maxLength: 200 }),
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.json({ maxDepth: 3 }),
      fc.base64String({ maxLength: 200 }).map((body) => ({ name: NAME, privateKey: body })),
      fc.base64String({ maxLength: 400 }).map((body) => ({
        name: NAME,
        privateKey: `-----BEGIN EC PRIVATE KEY-----\n${body}\n-----END EC PRIVATE KEY-----`,
      })),
      fc.base64String({ maxLength: 400 }).map((body) => ({
        name: NAME,
        privateKey: `-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----`,
      })),
      fc.constant({
        name: NAME,
        privateKey: `-----BEGIN EC PRIVATE KEY-----\n${'A'.repeat(200_000)}\n-----END EC PRIVATE KEY-----`,
      }),
      fc.constant({ name: NAME, privateKey: `${'-----BEGIN A-----'.repeat(5_000)}` }),
    )
    await fc.assert(
      fc.asyncProperty(hostile, async (source) => {
        const key =
          typeof source === 'object' && source !== null
            ? String((source as { privateKey?: unknown }).privateKey ?? '')
            : ''
        await checkSource(source, key)
      }),
      { numRuns: RUNS / 4 },
    )
  })

  it('a key made of 20,000 BEGIN lines is rejected at once, not after a quadratic scan', () => {
    const started = performance.now()
    expect(() =>
      parseCredentials({ name: NAME, privateKey: '-----BEGIN A-----'.repeat(20_000) }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[InvalidCredentials: Invalid credentials: privateKey is 340000 characters long; an EC P-256 or Ed25519 key is under 1,000]`,
    )
    expect(performance.now() - started).toBeLessThan(500)
  })

  it('legacy HMAC input: credentials or InvalidCredentials that never quote the secret', () => {
    const secret = 'c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0'
    fc.assert(
      fc.property(fc.anything({ maxDepth: 2 }), fc.anything({ maxDepth: 1 }), (apiKey, apiSecret) => {
        for (const input of [
          { apiKey, apiSecret },
          { apiKey, apiSecret: secret },
          { apiKey: 'k', apiSecret },
        ]) {
          try {
            expect(parseLegacyHmacCredentials(input as never).kind).toBe('hmac')
          } catch (error) {
            expect(isInvalidCredentialsError(error), String(error)).toBe(true)
            expect((error as Error).message).not.toContain(secret)
          }
        }
      }),
      { numRuns: RUNS },
    )
  })
})
