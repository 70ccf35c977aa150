import { fieldMutation, loadFixture } from '@gpt-trader/test-utils'
import { Decimal } from 'decimal.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isSchemaError } from '../errors/guards.js'
import { formatIssuePath } from '../errors/SchemaError.js'
import { parseResponse } from '../schemas/parseResponse.js'
import { type ParsedChannel, wsErrorFrameSchema, wsMessageSchemas } from './wsSchemas.js'

// Fuzzing (issue #10 item 5): every zod-parsed WebSocket channel gets real frames with one field
// dropped, retyped or replaced, and random JSON. WsConnection parses a frame with its channel's
// schema and wraps a mismatch in a SchemaError, as parseResponse does here.

const RUNS = 80
const FIXTURES: Record<string, ParsedChannel> = {
  'ws/candles.json': 'candles',
  'ws/futures_balance_summary.json': 'futures_balance_summary',
  'ws/heartbeats.json': 'heartbeats',
  'ws/market_trades.json': 'market_trades',
  'ws/status.json': 'status',
  'ws/subscriptions.json': 'subscriptions',
  'ws/ticker.json': 'ticker',
  'ws/ticker_batch.json': 'ticker_batch',
  'ws/user.json': 'user',
  'ws/user_snapshot_empty.json': 'user',
}

const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, 0, -1, 1e308, Number.NaN, {}, [], ''),
  fc.constantFrom(
    'NaN',
    'Infinity',
    '1e999999999999999999',
    '-1',
    'abc',
    'not-a-date',
    '__proto__',
    'constructor',
    '9'.repeat(2_000),
  ),
  fc.string({ maxLength: 16 }),
  fc.anything({ maxDepth: 2, maxKeys: 3 }),
)

function expectSaneOutput(value: unknown, where = ''): void {
  if (Decimal.isDecimal(value)) expect(value.isFinite(), `${where} is ${value.toString()}`).toBe(true)
  else if (value instanceof Date)
    expect(Number.isNaN(value.getTime()), `${where} is an invalid Date`).toBe(false)
  else if (typeof value === 'number') expect(Number.isNaN(value), `${where} is NaN`).toBe(false)
  else if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) expectSaneOutput(item, `${where}[${i}]`)
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) expectSaneOutput(item, where ? `${where}.${key}` : key)
  }
}

const startsWith = (a: readonly PropertyKey[], b: readonly PropertyKey[]) =>
  b.every((part, i) => a[i] === part)

describe('WebSocket frame schemas under fuzzing', () => {
  for (const [file, channel] of Object.entries(FIXTURES)) {
    it(`mutated ${file}: a sane frame or a SchemaError naming the field`, () => {
      const fixture = loadFixture(file)
      const schema = wsMessageSchemas[channel]
      fc.assert(
        fc.property(fieldMutation(fixture, junk, { json: true }), ({ value, path }) => {
          let parsed: unknown
          try {
            parsed = parseResponse(schema, value, `ws ${channel}`)
          } catch (error) {
            expect(isSchemaError(error), String(error)).toBe(true)
            if (!isSchemaError(error)) return
            const related = error.issues.find(
              (issue) => startsWith(path, issue.path) || startsWith(issue.path, path),
            )
            expect(related, `${formatIssuePath(path)} vs ${error.message}`).toBeDefined()
            if (related && error.issues.indexOf(related) < 10)
              expect(error.message).toContain(formatIssuePath(related.path))
            return
          }
          expectSaneOutput(parsed)
        }),
        { numRuns: RUNS },
      )
    })
  }

  it('random JSON and error frames: a value or a SchemaError for every channel', () => {
    const channels = Object.keys(wsMessageSchemas) as ParsedChannel[]
    const hostile = fc.oneof(
      fc.json({ maxDepth: 4 }).map((text) => JSON.parse(text) as unknown),
      fc.anything({ maxDepth: 3, withNullPrototype: true, withBigInt: true }),
      fc.record(
        { channel: fc.constantFrom(...channels), events: junk, sequence_num: junk, timestamp: junk },
        { requiredKeys: [] },
      ),
      fc.record({ type: fc.constant('error'), message: junk }, { requiredKeys: [] }),
    )
    fc.assert(
      fc.property(fc.constantFrom(...channels), hostile, (channel, input) => {
        try {
          expectSaneOutput(parseResponse(wsMessageSchemas[channel], input, `ws ${channel}`))
        } catch (error) {
          expect(isSchemaError(error), String(error)).toBe(true)
        }
        expect(typeof wsErrorFrameSchema.safeParse(input).success).toBe('boolean')
      }),
      { numRuns: RUNS * 3 },
    )
  })
})
