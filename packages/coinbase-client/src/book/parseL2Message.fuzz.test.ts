import { fieldMutation, loadFixture } from '@gpt-trader/test-utils'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isParseError, isSchemaError } from '../errors/guards.js'
import { formatIssuePath } from '../errors/SchemaError.js'
import { type L2Message, parseL2Frame, parseL2Message } from './parseL2Message.js'

// Fuzzing (issue #10 item 5): the level2 parser has a hand-written fast scanner and an exact path.
// For any text: a valid L2Message or a typed error (ParseError for bad JSON, SchemaError naming the
// field), and whenever the text is valid JSON the fast path agrees with JSON.parse + parseL2Message.

const RUNS = 150
const FIXTURES = ['ws/level2_snapshot.json', 'ws/level2_update.json', 'ws/level2_docs.json'] as const

const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, 0, -1, 1.5, 1e308, 2 ** 53, {}, [], ''),
  fc.constantFrom(
    'NaN',
    'Infinity',
    '-1',
    '0',
    '1e5',
    '.5',
    '5.',
    '1.2.3',
    '0x10',
    'bid',
    'offer',
    'ask',
    '__proto__',
  ),
  fc.constantFrom('9'.repeat(64), '9'.repeat(65), `0.${'0'.repeat(62)}1`, '\u0000', 'a"b', 'a\\b', 'l2_data'),
  fc.string({ maxLength: 16 }),
  fc.anything({ maxDepth: 2, maxKeys: 3 }),
)

/** Plain-data view of a message so fast-path and exact-path results compare with toEqual. */
function plain(message: L2Message) {
  return {
    ...message,
    events: message.events.map((event) => ({
      ...event,
      sides: [...event.sides],
      prices: [...event.prices],
      sizes: [...event.sizes],
    })),
  }
}

function expectSane(message: L2Message): void {
  expect(message.channel).toBe('l2_data')
  expect(Number.isSafeInteger(message.sequence) && message.sequence >= 0).toBe(true)
  for (const event of message.events) {
    expect(event.prices.length).toBe(event.priceStrings.length)
    for (const price of event.prices) expect(Number.isFinite(price) && price > 0).toBe(true)
    for (const size of event.sizes) expect(Number.isFinite(size) && size >= 0).toBe(true)
  }
}

/** Runs the frame parser and checks the outcome against the exact path. */
function checkFrame(text: string): L2Message | Error {
  let exact: L2Message | Error
  try {
    exact = parseL2Message(JSON.parse(text))
  } catch (error) {
    exact = error as Error
  }
  let fast: L2Message | Error
  try {
    fast = parseL2Frame(text)
  } catch (error) {
    expect(isParseError(error) || isSchemaError(error), String(error)).toBe(true)
    fast = error as Error
  }
  if (fast instanceof Error) {
    // Bad JSON is a ParseError; valid JSON with a bad field is the exact path's SchemaError.
    if (exact instanceof SyntaxError) expect(isParseError(fast)).toBe(true)
    else expect(fast.message).toBe((exact as Error).message)
  } else {
    expectSane(fast)
    if (!(exact instanceof SyntaxError)) {
      expect(exact instanceof Error ? exact.message : plain(exact)).toEqual(plain(fast))
    }
  }
  return fast
}

describe('level2 parser under fuzzing', () => {
  for (const name of FIXTURES) {
    it(`mutated ${name}: fast and exact paths agree, errors name the field`, () => {
      const fixture = loadFixture(name)
      fc.assert(
        fc.property(fieldMutation(fixture, junk), fc.boolean(), ({ value, path }, pretty) => {
          const text = JSON.stringify(value, null, pretty ? 2 : undefined)
          const result = checkFrame(text)
          if (result instanceof Error && isSchemaError(result)) {
            const where = formatIssuePath(result.issues[0]?.path ?? [])
            // The issue sits on the mutated field, or on its parent when a whole member went missing.
            expect(formatIssuePath(path).startsWith(where) || where.startsWith(formatIssuePath(path))).toBe(
              true,
            )
            expect(result.message).toContain(where)
          }
        }),
        { numRuns: RUNS },
      )
    })
  }

  it('random and cut-off text: a message or a ParseError / SchemaError, never a raw error', () => {
    const base = JSON.stringify(loadFixture('ws/level2_snapshot.json'))
    const text = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.json({ maxDepth: 4 }),
      fc.nat({ max: base.length }).map((cut) => base.slice(0, cut)),
      fc
        .tuple(fc.nat({ max: base.length }), fc.string({ maxLength: 4 }))
        .map(([at, insert]) => `${base.slice(0, at)}${insert}${base.slice(at)}`),
      fc
        .integer({ min: 1, max: 2_000 })
        .map((depth) => `{"channel":"l2_data","x":${'['.repeat(depth)}${']'.repeat(depth)}}`),
    )
    fc.assert(
      fc.property(text, (input) => void checkFrame(input)),
      { numRuns: 80 },
    )
  })

  it('a huge level count parses without pathological time', () => {
    const levels = Array.from({ length: 50_000 }, (_, i) => ({
      side: i % 2 ? 'offer' : 'bid',
      price_level: `${i + 1}.5`,
      new_quantity: '1',
    }))
    const text = JSON.stringify({
      channel: 'l2_data',
      timestamp: 't',
      sequence_num: 1,
      events: [{ type: 'snapshot', product_id: 'BTC-USD', updates: levels }],
    })
    const started = performance.now()
    expect(parseL2Frame(text).events[0]?.prices.length).toBe(50_000)
    expect(performance.now() - started).toBeLessThan(2_000)
  })
})
