import { generateKeyPairSync } from 'node:crypto'
import fc from 'fast-check'
import { decodeProtectedHeader, jwtVerify } from 'jose'
import { describe, expect, it } from 'vitest'
import { makeEcKey, makeEdKey } from '../../test/rest-helpers/keys.js'
import { isInvalidCredentialsError } from '../errors/guards.js'
import { parseCredentials } from './credentials.js'
import { createRestJwt, createWsJwt } from './jwt.js'

const ecName =
  'organizations/11111111-2222-3333-4444-555555555555/apiKeys/66666666-7777-8888-9999-000000000000'
const edName = '0b7a3e0c-1f7f-4c77-9d44-8e1c2b3a4d5e'
const fixedClock = { now: () => Date.UTC(2026, 0, 1, 0, 0, 0, 400) }

function messageOf(fn: () => unknown): string {
  try {
    fn()
  } catch (error) {
    expect(isInvalidCredentialsError(error)).toBe(true)
    return (error as Error).message
  }
  throw new Error('expected a throw')
}

describe('parseCredentials', () => {
  it('recognises SEC1 and PKCS#8 EC PEMs and Ed25519 keys in all forms', () => {
    const ec = makeEcKey()
    const ed = makeEdKey()
    expect(parseCredentials({ apiKeyName: ecName, privateKey: ec.sec1Pem }).algorithm).toBe('ES256')
    expect(parseCredentials({ apiKeyName: ecName, privateKey: ec.pkcs8Pem }).algorithm).toBe('ES256')
    expect(parseCredentials({ apiKeyName: edName, privateKey: ed.base64Pair }).algorithm).toBe('EdDSA')
    expect(parseCredentials({ apiKeyName: edName, privateKey: ed.base64Seed }).algorithm).toBe('EdDSA')
    expect(parseCredentials({ apiKeyName: edName, privateKey: ed.pkcs8Pem }).algorithm).toBe('EdDSA')
    // .env style: literal \n escapes
    const escaped = ec.sec1Pem.replace(/\n/g, '\\n')
    expect(parseCredentials({ apiKeyName: ecName, privateKey: escaped }).keyName).toBe(ecName)
  })

  it('accepts downloaded key files with "name" or "id"', () => {
    const ec = makeEcKey()
    const ed = makeEdKey()
    const a = parseCredentials(JSON.stringify({ name: ecName, privateKey: ec.sec1Pem }))
    const b = parseCredentials(JSON.stringify({ id: edName, privateKey: ed.base64Pair }))
    expect([a.keyName, a.algorithm, b.keyName, b.algorithm]).toEqual([ecName, 'ES256', edName, 'EdDSA'])
  })

  it('keeps key material off the returned object', () => {
    const ec = makeEcKey()
    const creds = parseCredentials({ apiKeyName: ecName, privateKey: ec.sec1Pem })
    expect(JSON.stringify(creds)).toBe(JSON.stringify({ kind: 'cdp', keyName: ecName, algorithm: 'ES256' }))
    expect(parseCredentials(creds)).toBe(creds)
  })

  it('names what is wrong with a malformed key and never echoes it', () => {
    const ed = makeEdKey()
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({
      format: 'pem',
      type: 'pkcs8',
    })
    const k1 = generateKeyPairSync('ec', { namedCurve: 'secp256k1' }).privateKey.export({
      format: 'pem',
      type: 'sec1',
    })
    const cases = {
      notKey: messageOf(() => parseCredentials({ apiKeyName: edName, privateKey: 'hunter2 is not a key!' })),
      short: messageOf(() =>
        parseCredentials({ apiKeyName: edName, privateKey: ed.base64Pair.slice(0, 40) }),
      ),
      rsa: messageOf(() => parseCredentials({ apiKeyName: ecName, privateKey: rsa.toString() })),
      k1: messageOf(() => parseCredentials({ apiKeyName: ecName, privateKey: k1.toString() })),
      noName: messageOf(() => parseCredentials({ privateKey: ed.base64Pair })),
      swapped: messageOf(() => parseCredentials({ apiKeyName: makeEcKey().sec1Pem, privateKey: 'x' })),
      notString: messageOf(() =>
        parseCredentials({ apiKeyName: edName, privateKey: 42 as unknown as string }),
      ),
      badPemBody: messageOf(() =>
        parseCredentials({
          apiKeyName: ecName,
          privateKey: '-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----',
        }),
      ),
      mismatch: messageOf(() =>
        parseCredentials({ apiKeyName: edName, privateKey: ed.base64Pair, algorithm: 'ES256' }),
      ),
      notJson: messageOf(() => parseCredentials('organizations/x')),
    }
    expect(cases).toMatchInlineSnapshot(`
      {
        "badPemBody": "Invalid credentials: privateKey has an EC PRIVATE KEY header but its body is not a valid SEC1 key",
        "k1": "Invalid credentials: privateKey is an EC key on secp256k1; Coinbase keys use P-256 (ES256)",
        "mismatch": "Invalid credentials: algorithm is "ES256" but privateKey is an Ed25519 key (EdDSA)",
        "noName": "Invalid credentials: apiKeyName is missing (a key file calls it "name" or "id")",
        "notJson": "Invalid credentials: a string was given, but it is not the JSON of a key file ({"name" or "id", "privateKey"})",
        "notKey": "Invalid credentials: privateKey is not a PEM EC key nor a base64 Ed25519 key",
        "notString": "Invalid credentials: privateKey must be a string, got a number",
        "rsa": "Invalid credentials: privateKey is an RSA key; Coinbase CDP keys are EC P-256 or Ed25519",
        "short": "Invalid credentials: privateKey is not a PEM EC key nor a base64 Ed25519 key (base64 decodes to 30 bytes; an Ed25519 key is 64 bytes, seed + public key, or a 32-byte seed)",
        "swapped": "Invalid credentials: apiKeyName looks like a private key; are apiKeyName and privateKey swapped?",
      }
    `)
    for (const message of Object.values(cases)) {
      expect(message).not.toContain(ed.base64Pair.slice(0, 16))
      expect(message).not.toContain('hunter2')
    }
  })

  it('rejects a 64-byte Ed25519 key whose public half does not match its seed, before signing', async () => {
    const a = makeEdKey()
    const b = makeEdKey()
    const mixed = Buffer.concat([a.seed, Buffer.from(b.base64Pair, 'base64').subarray(32)]).toString('base64')
    const creds = parseCredentials({ apiKeyName: edName, privateKey: mixed })
    await expect(createWsJwt(creds)).rejects.toThrowErrorMatchingInlineSnapshot(
      `[InvalidCredentials: Invalid credentials: privateKey is 64 bytes but its last 32 bytes are not the public key of its first 32 (seed ‖ public key expected)]`,
    )
  })

  it('never leaks random key bytes into error messages (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 100 }), (bytes) => {
        const key = Buffer.from(bytes).toString('base64')
        try {
          parseCredentials({ apiKeyName: edName, privateKey: key })
          return bytes.length === 32 || bytes.length === 64
        } catch (error) {
          return !(error as Error).message.includes(key) && isInvalidCredentialsError(error)
        }
      }),
      { numRuns: 200 },
    )
  })
})

describe('CDP JWT', () => {
  const url = 'http://127.0.0.1:4321/api/v3/brokerage/orders/historical/batch?order_status=OPEN&limit=5'

  for (const kind of [
    'ES256 (SEC1)',
    'ES256 (PKCS#8)',
    'EdDSA (seed+pub)',
    'EdDSA (seed)',
    'EdDSA (PKCS#8)',
  ] as const) {
    it(`${kind}: header, claims, 120 s window, uri without query; verified with the public key`, async () => {
      const ec = makeEcKey()
      const ed = makeEdKey()
      const [privateKey, publicKey, name] =
        kind === 'ES256 (SEC1)'
          ? [ec.sec1Pem, ec.publicKey, ecName]
          : kind === 'ES256 (PKCS#8)'
            ? [ec.pkcs8Pem, ec.publicKey, ecName]
            : kind === 'EdDSA (seed+pub)'
              ? [ed.base64Pair, ed.publicKey, edName]
              : kind === 'EdDSA (seed)'
                ? [ed.base64Seed, ed.publicKey, edName]
                : [ed.pkcs8Pem, ed.publicKey, edName]
      const creds = parseCredentials({ apiKeyName: name, privateKey })
      const jwt = await createRestJwt(creds, { method: 'get', url }, fixedClock)
      const header = decodeProtectedHeader(jwt)
      const alg = kind.startsWith('ES256') ? 'ES256' : 'EdDSA'
      expect(header).toMatchObject({ alg, kid: name, typ: 'JWT' })
      expect(header.nonce).toMatch(/^[0-9a-f]{32}$/)
      const { payload } = await jwtVerify(jwt, publicKey, {
        currentDate: new Date(fixedClock.now()),
        algorithms: [alg],
      })
      const nbf = Math.floor(fixedClock.now() / 1000)
      expect(payload).toEqual({
        iss: 'cdp',
        sub: name,
        nbf,
        exp: nbf + 120,
        uri: 'GET 127.0.0.1:4321/api/v3/brokerage/orders/historical/batch',
      })
      // Outside the window the token is refused.
      await expect(
        jwtVerify(jwt, publicKey, { currentDate: new Date((nbf + 121) * 1000), algorithms: [alg] }),
      ).rejects.toThrow(/exp/)
    })
  }

  it('mints a fresh token (new nonce) each time; WS tokens carry no uri', async () => {
    const ed = makeEdKey()
    const creds = parseCredentials({ apiKeyName: edName, privateKey: ed.base64Pair })
    const a = await createWsJwt(creds, fixedClock)
    const b = await createWsJwt(creds, fixedClock)
    expect(a).not.toBe(b)
    expect(decodeProtectedHeader(a).nonce).not.toBe(decodeProtectedHeader(b).nonce)
    const { payload } = await jwtVerify(a, ed.publicKey, { currentDate: new Date(fixedClock.now()) })
    expect(payload.uri).toBeUndefined()
    expect(payload.sub).toBe(edName)
  })

  it('signs the default Coinbase host', async () => {
    const ec = makeEcKey()
    const jwt = await createRestJwt(
      { apiKeyName: ecName, privateKey: ec.sec1Pem },
      { method: 'POST', url: 'https://api.coinbase.com/api/v3/brokerage/orders' },
      fixedClock,
    )
    const { payload } = await jwtVerify(jwt, ec.publicKey, { currentDate: new Date(fixedClock.now()) })
    expect(payload.uri).toBe('POST api.coinbase.com/api/v3/brokerage/orders')
  })
})
