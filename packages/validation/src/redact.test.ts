import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Decimal } from './decimal.js'
import { BaseError, ValidationError } from './errors.js'
import { isSecretKey, redact, redactString } from './redact.js'

const PEM =
  '-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIBkg4LVWM9nuwNSk3yByxZpYRTBnVJk5oQ==\n-----END EC PRIVATE KEY-----\n'
const JWT = 'eyJhbGciOiJFUzI1NiIsImtpZCI6Im9yZy9rZXkifQ.eyJzdWIiOiJvcmcva2V5IiwiaXNzIjoiY2RwIn0.c2lnbmF0dXJl'

describe('isSecretKey', () => {
  it.each([
    'api_key',
    'apiKey',
    'privateKey',
    'x-api-secret',
    'Authorization',
    'PASSPHRASE',
    'accessToken',
    'jwt',
    'signature',
    'password',
    'apiKeyName',
    'kid',
    'set-cookie',
    'COINBASE_API_SECRET',
  ])('%s is secret', (key) => {
    expect(isSecretKey(key)).toBe(true)
  })
  it.each([
    'product_id',
    'size',
    'price',
    'side',
    'message',
    'order_id',
    'status',
    'signal',
    'kind',
  ])('%s is not', (key) => {
    expect(isSecretKey(key)).toBe(false)
  })
})

describe('redactString', () => {
  it('scrubs PEM blocks, Bearer values, JWTs, JSON pairs, query pairs and base64 blobs', () => {
    expect(redactString(`key:\n${PEM}done`)).toBe('key:\n[REDACTED]\ndone')
    expect(redactString('-----BEGIN PRIVATE KEY-----\\nMC4CAQAwBQYDK2VwBCIEI')).toBe('[REDACTED]')
    expect(redactString('GET /x failed: Authorization: Bearer abc.def')).toBe(
      'GET /x failed: Authorization: Bearer [REDACTED]',
    )
    expect(redactString(`ws subscribe {"jwt":"${JWT}"}`)).toBe('ws subscribe {"jwt":"[REDACTED]"}')
    expect(redactString(`token ${JWT} expired`)).toBe('token [REDACTED] expired')
    expect(redactString('body {"api_secret": "hunter2", "size": "1"}')).toBe(
      'body {"api_secret": "[REDACTED]", "size": "1"}',
    )
    expect(redactString('GET /feed?api_key=abc123&product_id=BTC-USD')).toBe(
      'GET /feed?api_key=[REDACTED]&product_id=BTC-USD',
    )
    const ed25519 =
      'qU3fJz9Q8e1nJxZrG5yZb2Yk0H7m3cV2y1Q9pX4tL6sWmR8aD0bE3fG5hJ7kL9nP2rT4vX6zB8dF0hK2mN4qS6uW8g=='
    expect(redactString(`secret=${ed25519.slice(0, 10)} raw ${ed25519}`)).toBe(
      'secret=[REDACTED] raw [REDACTED]',
    )
  })

  it('leaves ordinary text alone', () => {
    const text =
      'order 1f2e3d4c-0000-4000-8000-000000000000 BTC-USD BUY 0.001 @ 67000.01 rejected: INVALID_SIZE_PRECISION'
    expect(redactString(text)).toBe(text)
    const path =
      '    at copy (file:///home/runner/work/gpt-trader/gpt-trader/packages/validation/src/redact.ts:1:2)'
    expect(redactString(path)).toBe(path)
  })
})

describe('redact', () => {
  it('redacts keys, strings, Maps, Sets, Errors and keeps the rest', () => {
    const when = new Date('2026-01-02T03:04:05Z')
    const input = {
      apiKeyName: 'organizations/abc/apiKeys/def',
      privateKey: PEM,
      enabled: true,
      secret: null,
      headers: { Authorization: `Bearer ${JWT}`, 'content-type': 'application/json' },
      order: { product_id: 'BTC-USD', size: new Decimal('0.001'), at: when, note: `signed with ${JWT}` },
      lists: [1, 'two', { password: 'p4ss' }],
      map: new Map<unknown, unknown>([
        ['token', 'abc'],
        ['plain', 'value'],
      ]),
      set: new Set(['Bearer xyz', 'ok']),
    }
    const out = redact(input) as typeof input
    expect(out).toMatchInlineSnapshot(`
      {
        "apiKeyName": "[REDACTED]",
        "enabled": true,
        "headers": {
          "Authorization": "[REDACTED]",
          "content-type": "application/json",
        },
        "lists": [
          1,
          "two",
          {
            "password": "[REDACTED]",
          },
        ],
        "map": Map {
          "token" => "[REDACTED]",
          "plain" => "value",
        },
        "order": {
          "at": 2026-01-02T03:04:05.000Z,
          "note": "signed with [REDACTED]",
          "product_id": "BTC-USD",
          "size": "0.001",
        },
        "privateKey": "[REDACTED]",
        "secret": null,
        "set": Set {
          "Bearer [REDACTED]",
          "ok",
        },
      }
    `)
    expect(out.order.at).not.toBe(when)
    expect(input.privateKey).toBe(PEM)
  })

  it('copies Errors with scrubbed message, stack, own fields and cause chain', () => {
    const root = new Error(`signing failed for ${PEM}`)
    const error = new BaseError('request failed: Bearer abc', { code: 'NETWORK', cause: root })
    Object.assign(error, { request: { headers: { authorization: 'Bearer abc' }, url: '/orders' } })
    const out = redact(error) as Record<string, unknown>
    const text = JSON.stringify(out)
    expect(text).not.toContain('abc')
    expect(text).not.toContain('MHcC')
    expect(out).toMatchObject({
      name: 'BaseError',
      code: 'NETWORK',
      message: expect.stringContaining('request failed: Bearer [REDACTED]'),
      request: { headers: { authorization: '[REDACTED]' }, url: '/orders' },
      cause: { name: 'Error', message: 'signing failed for [REDACTED]\n' },
    })
    const invalid = redact(new ValidationError([{ path: ['apiKey'], code: 'REQUIRED', message: 'missing' }]))
    expect(invalid).toMatchObject({
      name: 'ValidationError',
      issues: [{ path: ['apiKey'], code: 'REQUIRED' }],
    })
  })

  it('replaces cycles, survives hostile objects, never throws', () => {
    const a: Record<string, unknown> = { name: 'a' }
    a.self = a
    a.list = [a]
    const shared = { x: 1 }
    const hostile = Object.defineProperty({}, 'boom', {
      enumerable: true,
      get() {
        throw new Error('getter exploded')
      },
    })
    const revoked = Proxy.revocable({}, {})
    revoked.revoke()
    const error = new Error('loop')
    error.cause = error
    const out = redact({
      a,
      pair: [shared, shared],
      hostile,
      proxy: revoked.proxy,
      fn: function sign() {},
      error,
    })
    expect(out).toMatchObject({
      a: { name: 'a', self: '[Circular]', list: ['[Circular]'] },
      pair: [{ x: 1 }, { x: 1 }],
      hostile: { boom: '[Unreadable]' },
      fn: '[Function sign]',
      error: { message: 'loop', cause: '[Circular]' },
    })
    expect(redact(Buffer.from('secret bytes'))).toBe('[Buffer(12)]')
    let deep: unknown = 'bottom'
    for (let i = 0; i < 200; i++) deep = { next: deep }
    expect(JSON.stringify(redact(deep))).toContain('[Truncated]')
    fc.assert(
      fc.property(
        fc.anything({ withMap: true, withSet: true, withDate: true, withTypedArray: true, withBigInt: true }),
        (value) => {
          expect(() => redact(value)).not.toThrow()
        },
      ),
      { numRuns: 300 },
    )
  })

  it('property: no generated secret survives at any nesting depth (1,000 runs)', () => {
    const token = fc.stringMatching(/^[A-Za-z0-9]{20,40}$/).map((s) => `Q9${s}`)
    const secretKey = fc
      .constantFrom(
        'apiKey',
        'api_key',
        'privateKey',
        'x-api-secret',
        'Authorization',
        'passphrase',
        'accessToken',
        'jwt',
        'signature',
        'password',
        'kid',
        'apiKeyName',
        'COINBASE_API_SECRET',
      )
      .chain((key) => fc.constantFrom(key, key.toUpperCase(), key.toLowerCase()))
    const safeKey = fc.constantFrom(
      'a',
      'b',
      'data',
      'items',
      'meta',
      'note',
      'size',
      'price',
      'product_id',
      'side',
    )
    const filler = fc.stringMatching(/^[a-z ]{0,12}$/)
    const b64 = (s: string) => Buffer.from(s).toString('base64')
    const b64url = (s: string) => Buffer.from(s).toString('base64url')
    // A planted secret: where it sits, and the text that must never reappear.
    const planted = fc
      .tuple(token, filler, filler)
      .chain(([secret, before, after]) =>
        fc.constantFrom<[unknown, string, 'key' | 'free']>(
          [secret, secret, 'key'],
          [{ nested: secret, list: [secret] }, secret, 'key'],
          [`${before}Bearer ${secret} ${after}`, secret, 'free'],
          [
            `${before}-----BEGIN PRIVATE KEY-----\n${b64(secret)}\n-----END PRIVATE KEY-----${after}`,
            b64(secret),
            'free',
          ],
          [
            `${before}-----BEGIN EC PRIVATE KEY-----\\n${b64(secret)}\\n-----END EC PRIVATE KEY-----\\n`,
            b64(secret),
            'free',
          ],
          [
            `${before} eyJhbGciOiJFUzI1NiJ9.${b64url(`{"sub":"${secret}"}`)}.${secret} ${after}`,
            secret,
            'free',
          ],
        ),
      )
    const tree = fc.letrec<{ node: [unknown, string[]] }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', maxDepth: 8, withCrossShrink: true },
        fc
          .oneof(filler, fc.integer(), fc.boolean(), fc.constant(null))
          .map((v): [unknown, string[]] => [v, []]),
        fc
          .tuple(secretKey, safeKey, planted)
          .map(([key, safe, [value, secret, kind]]): [unknown, string[]] => [
            { [kind === 'key' ? key : safe]: value },
            [secret],
          ]),
        fc
          .array(fc.tuple(safeKey, tie('node')), { maxLength: 4 })
          .map((entries): [unknown, string[]] => [
            Object.fromEntries(entries.map(([k, [v]]) => [k, v])),
            Object.entries(Object.fromEntries(entries.map(([k, [, s]]) => [k, s]))).flatMap(([, s]) => s),
          ]),
        fc
          .array(tie('node'), { maxLength: 4 })
          .map((items): [unknown, string[]] => [items.map(([v]) => v), items.flatMap(([, s]) => s)]),
        fc
          .array(fc.tuple(fc.oneof(safeKey, secretKey), tie('node')), { maxLength: 3 })
          .map((entries): [unknown, string[]] => [
            new Map(entries.map(([k, [v]]) => [k, v])),
            [...new Map(entries.map(([k, [, s]]) => [k, s])).values()].flat(),
          ]),
        fc
          .array(tie('node'), { maxLength: 3 })
          .map((items): [unknown, string[]] => [new Set(items.map(([v]) => v)), items.flatMap(([, s]) => s)]),
        fc
          .tuple(token, tie('node'))
          .map(([secret, [cause, secrets]]): [unknown, string[]] => [
            new Error(`call failed: Bearer ${secret}`, { cause }),
            [secret, ...secrets],
          ]),
      ),
    }))
    fc.assert(
      // The tree is wrapped in up to 40 extra levels of objects, arrays, Maps and Sets, so secrets
      // also sit deep below the surface.
      fc.property(
        tree.node,
        fc.array(fc.constantFrom('object', 'array', 'map', 'set'), { maxLength: 40 }),
        ([tree, secrets], wrappers) => {
          let value: unknown = tree
          for (const wrapper of wrappers) {
            if (wrapper === 'object') value = { data: value }
            else if (wrapper === 'array') value = [value]
            else if (wrapper === 'map') value = new Map([['items', value]])
            else value = new Set([value])
          }
          const text = dump(redact(value))
          expect(text).not.toContain('[Truncated]')
          for (const secret of secrets) {
            expect(text).not.toContain(secret)
            expect(text).not.toContain(secret.slice(2, 18))
          }
        },
      ),
      { numRuns: 1000 },
    )
  })
})

/** Every string reachable in a redacted value (keys, Map keys, Set members included). */
function dump(value: unknown, out: string[] = []): string {
  if (typeof value === 'string') {
    out.push(value)
  } else if (value instanceof Map) {
    for (const [k, v] of value) {
      dump(k, out)
      dump(v, out)
    }
  } else if (value instanceof Set || Array.isArray(value)) {
    for (const v of value) dump(v, out)
  } else if (typeof value === 'object' && value !== null && !(value instanceof Date)) {
    for (const [k, v] of Object.entries(value)) {
      out.push(k)
      dump(v, out)
    }
  } else {
    out.push(String(value))
  }
  return out.join('\n')
}
