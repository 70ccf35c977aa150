import { readdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { fixturePath, loadFixture } from '@gpt-trader/test-utils'
import { describe, expect, it } from 'vitest'
import { parseL2Message } from '../book/parseL2Message.js'
import { type ParsedChannel, wsErrorFrameSchema, wsMessageSchemas } from './wsSchemas.js'

const dir = dirname(fixturePath('ws/heartbeats.json'))
const files = readdirSync(dir).filter((f) => f.endsWith('.json'))

describe('every WebSocket fixture parses', () => {
  it('has fixtures', () => {
    expect(files.length).toBeGreaterThanOrEqual(20)
  })

  for (const file of files) {
    it(file, () => {
      const value = loadFixture(`ws/${file}`) as Record<string, unknown>
      if (value.type === 'subscribe') {
        // Client → server requests: the shape our client sends.
        expect(typeof value.channel).toBe('string')
        return
      }
      if (value.type === 'error') {
        expect(wsErrorFrameSchema.parse(value).message.length).toBeGreaterThan(0)
        return
      }
      if (value.channel === 'l2_data') {
        const message = parseL2Message(value)
        expect(message.events[0]?.prices.length).toBeGreaterThan(0)
        return
      }
      const schema = wsMessageSchemas[value.channel as ParsedChannel]
      expect(schema).toBeDefined()
      const parsed = schema.parse(value) as { events: unknown[] }
      expect(parsed.events.length).toBeGreaterThan(0)
    })
  }

  it('turns money into Decimal and times into Date', () => {
    const ticker = wsMessageSchemas.ticker.parse(loadFixture('ws/ticker.json')) as {
      events: { tickers: { price: { toString(): string }; best_bid?: { toString(): string } }[] }[]
    }
    expect(ticker.events[0]?.tickers[0]?.price.toString()).toBe('21932.98')
    const user = wsMessageSchemas.user.parse(loadFixture('ws/user.json')) as {
      events: {
        orders: { cumulative_quantity: { toString(): string }; stop_price: unknown; creation_time: Date }[]
      }[]
    }
    const o = user.events[0]?.orders[0]
    expect(o?.cumulative_quantity.toString()).toBe('0.01')
    expect(o?.stop_price).toBeNull()
    expect(o?.creation_time.toISOString()).toBe('2024-06-21T18:29:13.909Z')
  })
})
