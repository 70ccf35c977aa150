/**
 * WS ticker frames: JSON.parse + the zod frame schema, the way WsConnection handles every non-level2
 * frame. Schemas are built on first use (src/schemas/lazySchema.ts); this checks that the per-frame
 * lookup of the cached schema costs nothing measurable next to a schema held in a local variable
 * (what an eagerly built module constant gave), and shows what going through the exported proxy on
 * every frame would cost. All cases parse the same frames with the same schema instance.
 */
import type { BenchFigure } from '@gpt-trader/test-utils'
import { wsMessageSchemaFor, wsMessageSchemas } from '../src/ws/wsSchemas.js'

type Row = Record<string, string>

const FRAMES = 5_000

function tickerFrames(count: number): string[] {
  const frames: string[] = []
  let price = 65_000
  for (let i = 0; i < count; i++) {
    // Deterministic walk: the figures do not depend on a random seed.
    price += ((i * 7919) % 200) / 100 - 1
    frames.push(
      JSON.stringify({
        channel: 'ticker',
        client_id: '',
        timestamp: '2026-01-01T00:00:00.000000000Z',
        sequence_num: i,
        events: [
          {
            type: 'update',
            tickers: [
              {
                type: 'ticker',
                product_id: 'BTC-USD',
                price: price.toFixed(2),
                volume_24_h: '16038.28770938',
                low_24_h: '64000.01',
                high_24_h: '66000.99',
                low_52_w: '15460',
                high_52_w: '108240',
                price_percent_chg_24_h: '-0.15775596190603',
                best_bid: (price - 0.01).toFixed(2),
                best_bid_quantity: '0.21',
                best_ask: (price + 0.01).toFixed(2),
                best_ask_quantity: '0.07770938',
              },
            ],
          },
        ],
      }),
    )
  }
  return frames
}

export function runWsTicker(rounds: number): { rows: Row[]; figures: BenchFigure[] } {
  const frames = tickerFrames(FRAMES)
  const held = wsMessageSchemaFor('ticker')
  if (!held) throw new Error('no ticker schema')
  let sink = 0
  const cases: Record<string, () => void> = {
    floor: () => {
      for (const f of frames) sink += (JSON.parse(f) as { sequence_num: number }).sequence_num
    },
    held: () => {
      for (const f of frames) {
        const value = JSON.parse(f) as { channel: unknown }
        if (held.safeParse(value).success) sink++
      }
    },
    lookup: () => {
      for (const f of frames) {
        const value = JSON.parse(f) as { channel: unknown }
        if (wsMessageSchemaFor(value.channel)?.safeParse(value).success) sink++
      }
    },
    proxy: () => {
      for (const f of frames) {
        const value = JSON.parse(f) as { channel: unknown }
        if (wsMessageSchemas.ticker.safeParse(value).success) sink++
      }
    },
  }
  // One untimed pass each first, so no case pays for the JIT warming up the shared zod code.
  for (const fn of Object.values(cases)) fn()
  const best: Record<string, number> = {}
  for (const name of Object.keys(cases)) best[name] = Number.POSITIVE_INFINITY
  for (let r = 0; r < rounds; r++) {
    for (const [name, fn] of Object.entries(cases)) {
      const t0 = performance.now()
      fn()
      best[name] = Math.min(best[name] as number, performance.now() - t0)
    }
  }
  if (sink === -1) process.stdout.write('')
  const rate = (name: string) => (frames.length / (best[name] as number)) * 1000
  const fmt = (n: number) => `${(n / 1e3).toFixed(1)} k/s`
  const rows: Row[] = [
    ['floor', 'JSON.parse only (floor)'],
    ['held', 'schema held in a local (eager baseline)'],
    ['lookup', 'wsMessageSchemaFor(channel) per frame (WsConnection)'],
    ['proxy', 'exported lazy proxy per frame (not used internally)'],
  ].map(([key, label]) => ({
    case: label as string,
    'frames/s': fmt(rate(key as string)),
    'vs eager baseline': `${(rate(key as string) / rate('held')).toFixed(2)}x`,
  }))
  const figures: BenchFigure[] = [
    {
      name: 'WS ticker frames, JSON.parse + cached lazy schema',
      value: rate('lookup'),
      unit: 'frames/s',
      higherIsBetter: true,
      baseline: { name: 'schema held in a local (eager)', value: rate('held') },
    },
  ]
  return { rows, figures }
}
