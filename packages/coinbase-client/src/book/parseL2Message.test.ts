import { readFileSync } from 'node:fs'
import { fixturePath, loadFixture } from '@gpt-trader/test-utils'
import { describe, expect, it } from 'vitest'
import { isParseError, isSchemaError } from '../errors/index.js'
import { OrderBook } from './OrderBook.js'
import { parseL2Frame, parseL2Message } from './parseL2Message.js'

const good = {
  channel: 'l2_data',
  timestamp: '2026-09-30T02:39:53.670986313Z',
  sequence_num: 7,
  events: [
    {
      type: 'update',
      product_id: 'BTC-USD',
      updates: [
        { side: 'bid', event_time: 'T1', price_level: '100.5', new_quantity: '0.25' },
        { side: 'offer', event_time: 'T2', price_level: '101', new_quantity: '0' },
      ],
    },
  ],
}

function errorOf(fn: () => unknown): unknown {
  try {
    fn()
  } catch (error) {
    return error
  }
  throw new Error('expected a throw')
}

describe('parseL2Frame', () => {
  it('parses every l2_data fixture the same way on the fast path and the JSON.parse path', () => {
    for (const name of ['ws/level2_snapshot.json', 'ws/level2_update.json', 'ws/level2_docs.json']) {
      const pretty = readFileSync(fixturePath(name), 'utf8')
      const compact = JSON.stringify(loadFixture(name))
      const a = parseL2Frame(pretty)
      const b = parseL2Frame(compact)
      const c = parseL2Message(loadFixture(name))
      expect(b).toEqual(a)
      expect(c).toEqual(a)
      expect(a.events[0]?.productId).toBe('BTC-USD')
    }
  })

  it('reads the canonical compact layout into typed arrays', () => {
    const m = parseL2Frame(JSON.stringify(good))
    expect(m.sequence).toBe(7)
    const e = m.events[0]
    expect(e?.type).toBe('update')
    expect([...(e?.sides ?? [])]).toEqual([0, 1])
    expect([...(e?.prices ?? [])]).toEqual([100.5, 101])
    expect([...(e?.sizes ?? [])]).toEqual([0.25, 0])
    expect(e?.priceStrings).toEqual(['100.5', '101'])
    expect(e?.sizeStrings).toEqual(['0.25', '0'])
    expect(e?.eventTime).toBe('T2')
  })

  it('accepts other key orders, extra fields, whitespace and escapes through the exact path', () => {
    const shuffled = `{ "events": [ { "updates": [ { "new_quantity": "1", "extra": [1, {"a": null}], "price_level": "5", "side": "bid" } ], "product_id": "B\\u002DX", "type": "snapshot" } ], "sequence_num": 3, "timestamp": "t", "channel": "l2_data", "client_id": "" }`
    const m = parseL2Frame(shuffled)
    expect(m.events[0]?.productId).toBe('B-X')
    expect([...(m.events[0]?.prices ?? [])]).toEqual([5])
  })

  it('rejects bad frames with typed errors that name the field', () => {
    const bad = (patch: (f: typeof good) => unknown) =>
      errorOf(() => parseL2Frame(JSON.stringify(patch(structuredClone(good)))))
    const price = bad((f) => {
      ;(f.events[0]?.updates[1] as { price_level: string }).price_level = '1e3'
      return f
    })
    expect(isSchemaError(price)).toBe(true)
    expect((price as Error).message).toMatchInlineSnapshot(`
      "Unexpected payload from ws l2_data: 1 field does not match

      - events[0].updates[1].price_level: expected a positive decimal string, received "1e3""
    `)
    const side = bad((f) => {
      ;(f.events[0]?.updates[0] as { side: string }).side = 'ask'
      return f
    })
    expect((side as Error).message).toContain(
      'events[0].updates[0].side: expected "bid" or "offer", received "ask"',
    )
    const qty = bad((f) => {
      ;(f.events[0]?.updates[0] as { new_quantity: unknown }).new_quantity = -1
      return f
    })
    expect((qty as Error).message).toContain('new_quantity: expected a decimal string >= 0, received -1')
    const seq = bad((f) => ({ ...f, sequence_num: 1.5 }))
    expect((seq as Error).message).toContain('sequence_num: expected a non-negative integer')
    const channel = bad((f) => ({ ...f, channel: 'ticker' }))
    expect((channel as Error).message).toContain('channel: expected "l2_data"')
    const json = errorOf(() => parseL2Frame('{"channel":"l2_data",'))
    expect(isParseError(json)).toBe(true)
    expect((json as Error).message.split('\n')[0]).toMatchInlineSnapshot(`"l2_data frame is not valid JSON"`)
    for (const text of [
      '',
      '[]',
      'null',
      '{"channel":"l2_data"} x',
      JSON.stringify({ ...good, events: [{ ...good.events[0], updates: [{}] }] }),
    ]) {
      expect(
        isSchemaError(errorOf(() => parseL2Frame(text))) || isParseError(errorOf(() => parseL2Frame(text))),
      ).toBe(true)
    }
  })

  it('leaves the book untouched when a frame is bad', () => {
    const book = new OrderBook('BTC-USD')
    for (const e of parseL2Frame(JSON.stringify(good)).events) book.apply(e)
    const before = book.toArrays()
    const broken = JSON.stringify(good).replace('"0.25"', '"0.2.5"')
    expect(() => {
      for (const e of parseL2Frame(broken).events) book.apply(e)
    }).toThrow()
    expect(book.toArrays()).toEqual(before)
  })
})
