/**
 * Seeded generator of Coinbase `l2_data` frames (JSON text, exactly the wire shape) for BTC-USD:
 * one snapshot with `levelsPerSide` levels on each side, then update frames that modify, add and
 * delete levels, mostly near the top of the book like the live feed, sometimes deep.
 */

export interface L2FrameSet {
  snapshot: string
  updates: string[]
  snapshotLevels: number
  updateLevels: number
}

export interface L2FrameOptions {
  seed?: number
  levelsPerSide?: number
  frames?: number
  levelsPerFrame?: number
}

/** mulberry32: small, fast, good enough for test data. */
function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const TICK_CENTS = 1

function priceString(cents: number): string {
  const whole = Math.floor(cents / 100)
  const frac = cents % 100
  if (frac === 0) return String(whole)
  return frac % 10 === 0 ? `${whole}.${frac / 10}` : `${whole}.${String(frac).padStart(2, '0')}`
}

function sizeString(random: () => number): string {
  // 8 decimals like BTC; trailing zeros trimmed as Coinbase does.
  const sats = 1 + Math.floor(random() ** 3 * 200_000_000)
  const s = (sats / 1e8).toFixed(8).replace(/0+$/, '').replace(/\.$/, '')
  return s
}

export function generateL2Frames(options: L2FrameOptions = {}): L2FrameSet {
  const random = rng(options.seed ?? 42)
  const levelsPerSide = options.levelsPerSide ?? 20_000
  const frames = options.frames ?? 2_000
  const perFrame = options.levelsPerFrame ?? 50
  const midCents = 8_327_725
  const eventTime = '2026-09-30T02:39:53.407329Z'
  let sequence = 0
  // Live levels per side, in cents; bids below the mid, asks above.
  const bids = new Set<number>()
  const asks = new Set<number>()
  let cursor = midCents - 1
  while (bids.size < levelsPerSide) {
    bids.add(cursor)
    cursor -= TICK_CENTS * (1 + Math.floor(random() * 3))
  }
  cursor = midCents + 1
  while (asks.size < levelsPerSide) {
    asks.add(cursor)
    cursor += TICK_CENTS * (1 + Math.floor(random() * 3))
  }
  const level = (side: 'bid' | 'offer', cents: number, qty: string) =>
    `{"side":"${side}","event_time":"${eventTime}","price_level":"${priceString(cents)}","new_quantity":"${qty}"}`
  const frame = (type: 'snapshot' | 'update', levels: string[]) =>
    `{"channel":"l2_data","client_id":"","timestamp":"2026-09-30T02:39:53.670986313Z","sequence_num":${sequence++},"events":[{"type":"${type}","product_id":"BTC-USD","updates":[${levels.join(',')}]}]}`

  const snapshotLevels: string[] = []
  for (const c of bids) snapshotLevels.push(level('bid', c, sizeString(random)))
  for (const c of asks) snapshotLevels.push(level('offer', c, sizeString(random)))
  const snapshot = frame('snapshot', snapshotLevels)

  const bidList = [...bids].sort((a, b) => b - a)
  const askList = [...asks].sort((a, b) => a - b)
  const updates: string[] = []
  let updateLevels = 0
  for (let f = 0; f < frames; f++) {
    const levels: string[] = []
    for (let k = 0; k < perFrame; k++) {
      const isBid = random() < 0.5
      const list = isBid ? bidList : askList
      const live = isBid ? bids : asks
      const side = isBid ? 'bid' : 'offer'
      // Distance from the top: mostly within ~200 levels, 5% anywhere in the book.
      const depth =
        random() < 0.95
          ? Math.floor(random() ** 2 * Math.min(200, list.length))
          : Math.floor(random() * list.length)
      const r = random()
      if (r < 0.6 || list.length < 100) {
        const cents = list[depth] as number
        levels.push(level(side, cents, sizeString(random)))
      } else if (r < 0.78) {
        const cents = list[depth] as number
        list.splice(depth, 1)
        live.delete(cents)
        levels.push(level(side, cents, '0'))
      } else {
        // New level between existing ones (or one tick outside), never crossing the other side.
        const at = list[depth] as number
        let next = isBid ? at - 1 : at + 1
        for (let step = 0; step < 3 && live.has(next); step++) next += isBid ? -1 : 1
        const between = isBid
          ? next > (list[depth + 1] ?? -1)
          : next < (list[depth + 1] ?? Number.POSITIVE_INFINITY)
        if (live.has(next) || !between) {
          levels.push(level(side, at, sizeString(random)))
        } else {
          list.splice(depth + 1, 0, next)
          live.add(next)
          levels.push(level(side, next, sizeString(random)))
        }
      }
    }
    updateLevels += levels.length
    updates.push(frame('update', levels))
  }
  return { snapshot, updates, snapshotLevels: snapshotLevels.length, updateLevels }
}
