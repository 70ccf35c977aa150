/**
 * One side of an L2 book: price levels kept in price order.
 *
 * Numbers are deliberate here. This is a hot, read-only market-data path: prices are numeric keys
 * and quantities are `number`s. Nothing read from the book becomes an order field without going
 * through `Decimal` first (the exact decimal strings from the wire are kept beside each level).
 *
 * Layout: a two-level sorted structure (a flat B+-tree). Levels live in chunks of at most
 * `CHUNK` entries; each chunk holds sort keys (`Float64Array`, ascending), sizes (`Float64Array`)
 * and slots (`Int32Array`) that point at the wire strings. Chunks are ordered, and the BEST level
 * is the last entry of the last chunk. Bids use `price` as key and asks `-price`, so both sides
 * share one implementation. A lookup is two short binary searches (the top of the book is checked
 * first); inserting or deleting moves at most one chunk's worth of numbers, wherever the level is,
 * so a 20k-level side costs the same as a 200-level one. No object is allocated per level.
 *
 * @internal
 */

const CHUNK = 256
/** Fill ratio for bulk loads, leaving room to insert without splitting at once. */
const LOAD_FILL = 192

class Chunk {
  keys = new Float64Array(CHUNK)
  sizes = new Float64Array(CHUNK)
  slots = new Int32Array(CHUNK)
  n = 0
}

/** Visitor for {@link BookSide.walk}: return false to stop. */
export type LevelVisitor = (price: number, size: number, slot: number, rank: number) => boolean

/** @internal */
export class BookSide {
  private chunks: Chunk[] = []
  private total = 0
  /** Wire strings by slot; freed slots are reused. */
  private priceStrings: string[] = []
  private sizeStrings: string[] = []
  private freeSlots: number[] = []
  /** +1 for bids (key = price), -1 for asks (key = -price). */
  private readonly sign: 1 | -1

  constructor(side: 'bid' | 'ask') {
    this.sign = side === 'bid' ? 1 : -1
  }

  /** Number of price levels. */
  get count(): number {
    return this.total
  }

  /** Sets (size > 0) or deletes (size === 0) a level. Deleting an absent level is a no-op. */
  set(price: number, size: number, priceString: string, sizeString: string): void {
    const key = price * this.sign
    const chunks = this.chunks
    const last = chunks.length - 1
    if (last < 0) {
      if (size === 0) return
      const chunk = new Chunk()
      chunks.push(chunk)
      this.insertInto(chunk, 0, key, size, priceString, sizeString, 0)
      return
    }
    // Chunk: the first whose last key >= key (the top chunk is checked first).
    let c: number
    const top = chunks[last] as Chunk
    if (
      (top.keys[top.n - 1] as number) < key ||
      last === 0 ||
      ((chunks[last - 1] as Chunk).keys[(chunks[last - 1] as Chunk).n - 1] as number) < key
    ) {
      c = last
    } else {
      let lo = 0
      let hi = last
      while (lo < hi) {
        const mid = (lo + hi) >>> 1
        const m = chunks[mid] as Chunk
        if ((m.keys[m.n - 1] as number) < key) lo = mid + 1
        else hi = mid
      }
      c = lo
    }
    const chunk = chunks[c] as Chunk
    const keys = chunk.keys
    let lo = 0
    let hi = chunk.n
    if ((keys[hi - 1] as number) < key) lo = hi
    else {
      while (lo < hi) {
        const mid = (lo + hi) >>> 1
        if ((keys[mid] as number) < key) lo = mid + 1
        else hi = mid
      }
    }
    const found = lo < chunk.n && keys[lo] === key
    if (size === 0) {
      if (found) this.removeFrom(c, lo)
      return
    }
    if (found) {
      chunk.sizes[lo] = size
      this.sizeStrings[chunk.slots[lo] as number] = sizeString
      return
    }
    this.insertInto(chunk, lo, key, size, priceString, sizeString, c)
  }

  /** Best price, or NaN when empty. */
  bestPrice(): number {
    const top = this.chunks[this.chunks.length - 1]
    if (top === undefined) return Number.NaN
    return (top.keys[top.n - 1] as number) * this.sign
  }

  /** Removes the best level. */
  popBest(): void {
    const c = this.chunks.length - 1
    const top = this.chunks[c]
    if (top === undefined) return
    this.removeFrom(c, top.n - 1)
  }

  /**
   * Visits levels from the best outwards (`rank` 0 = best) until `visit` returns false.
   * Read the wire strings of a visited level with {@link priceString} / {@link sizeString}.
   */
  walk(visit: LevelVisitor): void {
    const sign = this.sign
    let rank = 0
    for (let c = this.chunks.length - 1; c >= 0; c--) {
      const chunk = this.chunks[c] as Chunk
      for (let j = chunk.n - 1; j >= 0; j--) {
        if (
          !visit((chunk.keys[j] as number) * sign, chunk.sizes[j] as number, chunk.slots[j] as number, rank++)
        )
          return
      }
    }
  }

  /** Wire price string of a level visited by {@link walk}. */
  priceString(slot: number): string {
    return this.priceStrings[slot] ?? ''
  }

  /** Wire size string of a level visited by {@link walk}. */
  sizeString(slot: number): string {
    return this.sizeStrings[slot] ?? ''
  }

  /** Removes every level. */
  clear(): void {
    this.chunks = []
    this.total = 0
    this.priceStrings = []
    this.sizeStrings = []
    this.freeSlots = []
  }

  /**
   * Replaces the whole side at once (snapshots) when the levels come best first with no zero size,
   * as Coinbase sends them, and returns true. Otherwise returns false and changes nothing (the
   * caller then applies the levels one by one).
   */
  load(
    prices: Float64Array,
    sizes: Float64Array,
    priceStrings: readonly string[],
    sizeStrings: readonly string[],
    indices: readonly number[],
  ): boolean {
    const n = indices.length
    const sign = this.sign
    // Best first on the wire means keys strictly decreasing.
    let sorted = true
    let previous = Number.POSITIVE_INFINITY
    for (let j = 0; j < n; j++) {
      const i = indices[j] as number
      const key = (prices[i] as number) * sign
      if (!(key < previous) || (sizes[i] as number) === 0) {
        sorted = false
        break
      }
      previous = key
    }
    if (!sorted) return false
    this.clear()
    const ps: string[] = new Array(n)
    const ss: string[] = new Array(n)
    const chunks: Chunk[] = []
    // Ascending order = the wire order reversed; fill chunks from the worst level up.
    let chunk: Chunk | undefined
    for (let j = n - 1, slot = 0; j >= 0; j--, slot++) {
      if (chunk === undefined || chunk.n === LOAD_FILL) {
        chunk = new Chunk()
        chunks.push(chunk)
      }
      const i = indices[j] as number
      const at = chunk.n++
      chunk.keys[at] = (prices[i] as number) * sign
      chunk.sizes[at] = sizes[i] as number
      chunk.slots[at] = slot
      ps[slot] = priceStrings[i] as string
      ss[slot] = sizeStrings[i] as string
    }
    this.chunks = chunks
    this.priceStrings = ps
    this.sizeStrings = ss
    this.total = n
    return true
  }

  private insertInto(
    chunk: Chunk,
    at: number,
    key: number,
    size: number,
    priceString: string,
    sizeString: string,
    c: number,
  ): void {
    let slot = this.freeSlots.pop()
    if (slot === undefined) {
      slot = this.priceStrings.length
      this.priceStrings.push(priceString)
      this.sizeStrings.push(sizeString)
    } else {
      this.priceStrings[slot] = priceString
      this.sizeStrings[slot] = sizeString
    }
    this.total++
    if (chunk.n === CHUNK) {
      // Split in half; the new chunk takes the upper half.
      const upper = new Chunk()
      const half = CHUNK >>> 1
      upper.keys.set(chunk.keys.subarray(half, CHUNK))
      upper.sizes.set(chunk.sizes.subarray(half, CHUNK))
      upper.slots.set(chunk.slots.subarray(half, CHUNK))
      upper.n = CHUNK - half
      chunk.n = half
      this.chunks.splice(c + 1, 0, upper)
      if (at > half) {
        chunk = upper
        at -= half
      }
    }
    const n = chunk.n
    if (at < n) {
      chunk.keys.copyWithin(at + 1, at, n)
      chunk.sizes.copyWithin(at + 1, at, n)
      chunk.slots.copyWithin(at + 1, at, n)
    }
    chunk.keys[at] = key
    chunk.sizes[at] = size
    chunk.slots[at] = slot
    chunk.n = n + 1
  }

  private removeFrom(c: number, at: number): void {
    const chunk = this.chunks[c] as Chunk
    this.freeSlots.push(chunk.slots[at] as number)
    const n = chunk.n
    if (at < n - 1) {
      chunk.keys.copyWithin(at, at + 1, n)
      chunk.sizes.copyWithin(at, at + 1, n)
      chunk.slots.copyWithin(at, at + 1, n)
    }
    chunk.n = n - 1
    this.total--
    if (chunk.n === 0) this.chunks.splice(c, 1)
  }
}
