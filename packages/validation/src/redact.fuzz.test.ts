import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { REDACTED, redact, redactString } from './redact.js'

// Fuzzing (issue #10 item 5): `redact` is fed whatever a log call gets (error bodies, config
// objects, exotic values). It never throws, terminates on deep or huge input, and a secret placed
// under a secret-named key never comes out.

const RUNS = 300
const SECRET = 'MHcCAQEEIBkg4LVWM9nuwNSk3yByxZpYRTBnVJk5oQzz'

const deep = fc.integer({ min: 60, max: 5_000 }).map((depth) => {
  let value: unknown = { privateKey: SECRET }
  for (let i = 0; i < depth; i++) value = i % 3 === 0 ? [value] : { nested: value, ['__proto__']: i }
  return value
})

const hostile: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({
    maxDepth: 4,
    withBigInt: true,
    withBoxedValues: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withObjectString: true,
    withSparseArray: true,
    withTypedArray: true,
  }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.json({ maxDepth: 4 }).map((text) => JSON.parse(text) as unknown),
  deep,
)

describe('redact under fuzzing', () => {
  it('never throws and hides a secret placed anywhere under a secret-named key', () => {
    fc.assert(
      fc.property(
        hostile,
        fc.constantFrom('privateKey', 'apiSecret', 'Authorization', 'token'),
        (input, key) => {
          const wrapped = { payload: input, [key]: SECRET, list: [input, { [key]: SECRET }] }
          const out = redact(wrapped)
          const text = JSON.stringify(out, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))
          expect(text).not.toContain(SECRET)
          expect((out as Record<string, unknown>)[key]).toBe(REDACTED)
        },
      ),
      { numRuns: RUNS },
    )
  })

  it('an object graph with shared branches (a DAG, not a cycle) is copied in linear time', () => {
    let node: Record<string, unknown> = { privateKey: SECRET, size: '0.1' }
    for (let i = 0; i < 40; i++) node = { left: node, right: node }
    const started = performance.now()
    const out = redact(node)
    expect(performance.now() - started).toBeLessThan(1_000)
    // Walk the copy visiting each distinct object once (JSON.stringify would expand 2^40 paths).
    let leaf: unknown = out
    for (let i = 0; i < 40; i++) leaf = (leaf as { left: unknown }).left
    expect(leaf).toEqual({ privateKey: REDACTED, size: '0.1' })
  })

  it('redactString terminates on long adversarial strings', () => {
    const pieces = fc.constantFrom(
      '-----BEGIN ',
      'Bearer ',
      'eyJ',
      '"key":"',
      'token=',
      'A',
      'a',
      '1',
      '+',
      '=',
      '.',
      ' ',
      '\n',
    )
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 200 }), fc.integer({ min: 1, max: 50 }), (parts, times) => {
        const text = parts.join('').repeat(times)
        const started = performance.now()
        expect(typeof redactString(text)).toBe('string')
        expect(performance.now() - started).toBeLessThan(2_000)
      }),
      { numRuns: 60 },
    )
  })
})
