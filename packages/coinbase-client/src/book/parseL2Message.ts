import { ParseError } from '../errors/ParseError.js'
import { SchemaError } from '../errors/SchemaError.js'

/**
 * One `l2_data` event, validated and converted for the order book.
 *
 * `prices` and `sizes` are numbers for the hot, read-only book path only; the exact decimal strings
 * from the wire are kept in `priceStrings` / `sizeStrings` for anything that needs exactness.
 */
export interface L2Event {
  readonly type: 'snapshot' | 'update'
  readonly productId: string
  /** `0` = bid, `1` = offer, per level update. */
  readonly sides: Uint8Array
  /** `Number(price_level)` per level update (> 0). */
  readonly prices: Float64Array
  /** `Number(new_quantity)` per level update (>= 0; `0` deletes the level). */
  readonly sizes: Float64Array
  /** `price_level` exactly as sent. */
  readonly priceStrings: readonly string[]
  /** `new_quantity` exactly as sent. */
  readonly sizeStrings: readonly string[]
  /** `event_time` of the last level update that carried one (`''` when none did). */
  readonly eventTime: string
}

/** A validated `l2_data` message. */
export interface L2Message {
  readonly channel: 'l2_data'
  /** Per-connection sequence number (`sequence_num`). */
  readonly sequence: number
  /** Server timestamp (RFC 3339 with nanoseconds), as sent. */
  readonly timestamp: string
  readonly events: readonly L2Event[]
}

const SOURCE = 'ws l2_data'

/**
 * Parses and validates one `l2_data` frame (JSON text) without zod: this is the hottest path of the
 * client — a BTC-USD snapshot carries tens of thousands of levels.
 *
 * A dedicated scanner reads well-formed frames straight into typed arrays, skipping the objects
 * `JSON.parse` would build. Anything it does not recognise (escapes, unexpected shapes, bad values)
 * goes through `JSON.parse` + {@link parseL2Message}, which gives the exact error: `ParseError` for
 * text that is not JSON, `SchemaError` naming the first bad field otherwise. Nothing is applied
 * anywhere, so a book fed through this function is never touched by a bad frame.
 *
 * @example
 * const message = parseL2Frame(text)
 * for (const event of message.events) book.apply(event)
 */
export function parseL2Frame(text: string): L2Message {
  const fast = scanL2Frame(text)
  if (fast !== undefined) return fast
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (cause) {
    throw new ParseError('l2_data frame is not valid JSON', { source: SOURCE, snippet: text, cause })
  }
  return parseL2Message(value)
}

/**
 * Validates an already JSON-parsed `l2_data` message (see {@link parseL2Frame} for text).
 *
 * @example
 * const message = parseL2Message(JSON.parse(text))
 */
export function parseL2Message(value: unknown): L2Message {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw fail([], 'expected an object', value)
  const message = value as Record<string, unknown>
  if (message.channel !== 'l2_data') throw fail(['channel'], 'expected "l2_data"', message.channel)
  const sequence = message.sequence_num
  if (typeof sequence !== 'number' || !Number.isSafeInteger(sequence) || sequence < 0)
    throw fail(['sequence_num'], 'expected a non-negative integer', sequence)
  const timestamp = message.timestamp
  if (typeof timestamp !== 'string') throw fail(['timestamp'], 'expected a string', timestamp)
  const rawEvents = message.events
  if (!Array.isArray(rawEvents)) throw fail(['events'], 'expected an array', rawEvents)
  const events: L2Event[] = []
  for (let e = 0; e < rawEvents.length; e++) events.push(parseEvent(rawEvents[e], e))
  return { channel: 'l2_data', sequence, timestamp, events }
}

function parseEvent(value: unknown, e: number): L2Event {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw fail(['events', e], 'expected an object', value)
  const event = value as Record<string, unknown>
  const type = event.type
  if (type !== 'snapshot' && type !== 'update')
    throw fail(['events', e, 'type'], 'expected "snapshot" or "update"', type)
  const productId = event.product_id
  if (typeof productId !== 'string' || productId.length === 0)
    throw fail(['events', e, 'product_id'], 'expected a product id', productId)
  const updates = event.updates
  if (!Array.isArray(updates)) throw fail(['events', e, 'updates'], 'expected an array', updates)
  const n = updates.length
  const sides = new Uint8Array(n)
  const prices = new Float64Array(n)
  const sizes = new Float64Array(n)
  const priceStrings: string[] = new Array(n)
  const sizeStrings: string[] = new Array(n)
  let eventTime = ''
  for (let i = 0; i < n; i++) {
    const u: unknown = updates[i]
    if (typeof u !== 'object' || u === null || Array.isArray(u))
      throw fail(['events', e, 'updates', i], 'expected an object', u)
    const {
      side,
      price_level: priceLevel,
      new_quantity: newQuantity,
      event_time: time,
    } = u as Record<string, unknown>
    if (side === 'bid') sides[i] = 0
    else if (side === 'offer') sides[i] = 1
    else throw fail(['events', e, 'updates', i, 'side'], 'expected "bid" or "offer"', side)
    const price = typeof priceLevel === 'string' ? decimalToNumber(priceLevel) : -1
    if (!(price > 0))
      throw fail(['events', e, 'updates', i, 'price_level'], 'expected a positive decimal string', priceLevel)
    prices[i] = price
    priceStrings[i] = priceLevel as string
    const size = typeof newQuantity === 'string' ? decimalToNumber(newQuantity) : -1
    if (!(size >= 0))
      throw fail(['events', e, 'updates', i, 'new_quantity'], 'expected a decimal string >= 0', newQuantity)
    sizes[i] = size
    sizeStrings[i] = newQuantity as string
    if (typeof time === 'string') eventTime = time
    else if (time !== undefined)
      throw fail(['events', e, 'updates', i, 'event_time'], 'expected a string', time)
  }
  return { type, productId, sides, prices, sizes, priceStrings, sizeStrings, eventTime }
}

/**
 * Plain unsigned decimal (`123`, `0.5`, `83277.25`) → number; anything else (sign, exponent, hex,
 * spaces, empty) → -1. Checking the characters first keeps `Number()`'s lenient forms out.
 */
function decimalToNumber(s: string): number {
  const n = s.length
  if (n === 0 || n > 64) return -1
  let dot = false
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i)
    if (c === 46) {
      if (dot || i === 0 || i === n - 1) return -1
      dot = true
    } else if (c < 48 || c > 57) return -1
  }
  return +s
}

function fail(path: ReadonlyArray<string | number>, expected: string, got: unknown): SchemaError {
  return new SchemaError(SOURCE, [
    { path, code: 'invalid_value', message: `${expected}, received ${describe(got)}` },
  ])
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined'
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)
  if (value === null || typeof value !== 'object') return String(value)
  return Array.isArray(value) ? 'an array' : 'an object'
}

// ---------------------------------------------------------------------------------------------
// Fast path: a strict scanner for the subset of JSON that l2_data frames use. It returns
// undefined (never throws) on anything unexpected, and the caller falls back to JSON.parse.
// ---------------------------------------------------------------------------------------------

/** Thrown internally to abandon the fast path; never escapes this module. */
const BAIL: unique symbol = Symbol('bail')

let scratchSides = new Uint8Array(1024)
let scratchPrices = new Float64Array(1024)
let scratchSizes = new Float64Array(1024)

function grow(min: number): void {
  let cap = scratchPrices.length
  while (cap < min) cap *= 2
  const sides = new Uint8Array(cap)
  sides.set(scratchSides)
  const prices = new Float64Array(cap)
  prices.set(scratchPrices)
  const sizes = new Float64Array(cap)
  sizes.set(scratchSizes)
  scratchSides = sides
  scratchPrices = prices
  scratchSizes = sizes
}

/** V8 keeps substrings of 13+ characters as views into the whole frame; copy those so a level never pins a multi-MB snapshot. */
function own(s: string): string {
  return s.length < 13 ? s : (JSON.parse(`"${s}"`) as string)
}

class Scanner {
  i = 0
  constructor(readonly s: string) {}

  ws(): void {
    const s = this.s
    let i = this.i
    let c = s.charCodeAt(i)
    while (c === 32 || c === 10 || c === 13 || c === 9) c = s.charCodeAt(++i)
    this.i = i
  }

  expect(code: number): void {
    this.ws()
    if (this.s.charCodeAt(this.i) !== code) throw BAIL
    this.i++
  }

  /** Reads a string; the frame has no backslash (checked up front), so the next quote ends it. */
  string(): string {
    this.ws()
    const s = this.s
    if (s.charCodeAt(this.i) !== 34) throw BAIL
    const end = s.indexOf('"', this.i + 1)
    if (end < 0) throw BAIL
    const out = s.slice(this.i + 1, end)
    this.i = end + 1
    return out
  }

  /** Reads a key and the colon after it. */
  key(): string {
    const k = this.string()
    this.expect(58)
    return k
  }

  /** After a member: true if another follows (`,`), false at the closing bracket. */
  more(close: number): boolean {
    this.ws()
    const c = this.s.charCodeAt(this.i)
    this.i++
    if (c === 44) return true
    if (c === close) return false
    throw BAIL
  }

  /** True (and consumes it) when the next token is the closing bracket of an empty container. */
  empty(close: number): boolean {
    this.ws()
    if (this.s.charCodeAt(this.i) === close) {
      this.i++
      return true
    }
    return false
  }

  integer(): number {
    this.ws()
    const s = this.s
    const start = this.i
    let i = start
    let c = s.charCodeAt(i)
    while (c >= 48 && c <= 57) c = s.charCodeAt(++i)
    if (i === start || i - start > 15 || (s.charCodeAt(start) === 48 && i - start > 1)) throw BAIL
    this.i = i
    return +s.slice(start, i)
  }

  /** Skips any JSON value (used for fields the book does not need, like `client_id`). */
  skip(): void {
    this.ws()
    const c = this.s.charCodeAt(this.i)
    if (c === 34) {
      this.string()
    } else if (c === 123) {
      this.i++
      if (this.empty(125)) return
      do {
        this.key()
        this.skip()
      } while (this.more(125))
    } else if (c === 91) {
      this.i++
      if (this.empty(93)) return
      do this.skip()
      while (this.more(93))
    } else {
      const s = this.s
      const start = this.i
      let i = start
      let d = s.charCodeAt(i)
      while (
        (d >= 48 && d <= 57) ||
        d === 45 ||
        d === 43 ||
        d === 46 ||
        d === 101 ||
        d === 69 ||
        (d >= 97 && d <= 122)
      )
        d = s.charCodeAt(++i)
      const word = s.slice(start, i)
      if (
        word !== 'true' &&
        word !== 'false' &&
        word !== 'null' &&
        !/^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(word)
      )
        throw BAIL
      this.i = i
    }
  }
}

function scanL2Frame(text: string): L2Message | undefined {
  // Escapes are legal JSON but never appear in real l2_data frames; leave them to JSON.parse.
  if (text.indexOf('\\') !== -1) return undefined
  try {
    return scanMessage(new Scanner(text))
  } catch (error) {
    if (error === BAIL) return undefined
    // Anything else is a bug in the scanner: let the exact path decide.
    return undefined
  }
}

function scanMessage(p: Scanner): L2Message {
  p.expect(123)
  let channel: string | undefined
  let sequence = -1
  let timestamp: string | undefined
  let events: L2Event[] | undefined
  if (!p.empty(125)) {
    do {
      const k = p.key()
      if (k === 'channel') channel = p.string()
      else if (k === 'sequence_num') sequence = p.integer()
      else if (k === 'timestamp') timestamp = p.string()
      else if (k === 'events') events = scanEvents(p)
      else p.skip()
    } while (p.more(125))
  }
  p.ws()
  if (p.i !== p.s.length) throw BAIL
  if (
    channel !== 'l2_data' ||
    sequence < 0 ||
    !Number.isSafeInteger(sequence) ||
    timestamp === undefined ||
    !events
  )
    throw BAIL
  return { channel, sequence, timestamp, events }
}

function scanEvents(p: Scanner): L2Event[] {
  p.expect(91)
  const events: L2Event[] = []
  if (p.empty(93)) return events
  do events.push(scanEvent(p))
  while (p.more(93))
  return events
}

function scanEvent(p: Scanner): L2Event {
  p.expect(123)
  let type: string | undefined
  let productId: string | undefined
  let result: Omit<L2Event, 'type' | 'productId'> | undefined
  if (!p.empty(125)) {
    do {
      const k = p.key()
      if (k === 'type') type = p.string()
      else if (k === 'product_id') productId = p.string()
      else if (k === 'updates') {
        if (result) throw BAIL
        result = scanUpdates(p)
      } else p.skip()
    } while (p.more(125))
  }
  if ((type !== 'snapshot' && type !== 'update') || !productId || !result) throw BAIL
  return { type, productId, ...result }
}

const SIDE = 1
const PRICE = 2
const QTY = 4
const TIME = 8

function scanUpdates(p: Scanner): Omit<L2Event, 'type' | 'productId'> {
  p.expect(91)
  const priceStrings: string[] = []
  const sizeStrings: string[] = []
  let timeStart = 0
  let timeEnd = 0
  let n = 0
  const s = p.s
  if (!p.empty(93)) {
    do {
      if (n === scratchPrices.length) grow(n + 1)
      p.ws()
      // Canonical Coinbase layout first (compact, keys in wire order); anything else takes the
      // general object loop below.
      const end = canonicalLevel(s, p.i, n)
      if (end > 0) {
        p.i = end
        if (canonicalTimeStart >= 0) {
          timeStart = canonicalTimeStart
          timeEnd = canonicalTimeEnd
        }
        priceStrings.push(canonicalPrice)
        sizeStrings.push(canonicalSize)
        n++
        continue
      }
      p.expect(123)
      let seen = 0
      do {
        p.ws()
        const q = p.i
        if (s.charCodeAt(q) !== 34) throw BAIL
        const keyEnd = s.indexOf('"', q + 1)
        if (keyEnd < 0) throw BAIL
        const keyLength = keyEnd - q - 1
        p.i = keyEnd + 1
        p.expect(58)
        let bit = 0
        // Match the four known keys in place, without allocating the key string.
        if (keyLength === 11 && s.startsWith('price_level', q + 1)) {
          bit = PRICE
          const v = p.string()
          const price = decimalToNumber(v)
          if (!(price > 0)) throw BAIL
          scratchPrices[n] = price
          priceStrings.push(own(v))
        } else if (keyLength === 12 && s.startsWith('new_quantity', q + 1)) {
          bit = QTY
          const v = p.string()
          const size = decimalToNumber(v)
          if (!(size >= 0)) throw BAIL
          scratchSizes[n] = size
          sizeStrings.push(own(v))
        } else if (keyLength === 4 && s.startsWith('side', q + 1)) {
          bit = SIDE
          p.ws()
          if (s.startsWith('"bid"', p.i)) {
            scratchSides[n] = 0
            p.i += 5
          } else if (s.startsWith('"offer"', p.i)) {
            scratchSides[n] = 1
            p.i += 7
          } else throw BAIL
        } else if (keyLength === 10 && s.startsWith('event_time', q + 1)) {
          bit = TIME
          // Only the last event_time is kept: remember where it is instead of copying each one.
          p.ws()
          if (s.charCodeAt(p.i) !== 34) throw BAIL
          const end = s.indexOf('"', p.i + 1)
          if (end < 0) throw BAIL
          timeStart = p.i + 1
          timeEnd = end
          p.i = end + 1
        } else {
          p.skip()
        }
        if (seen & bit) throw BAIL // duplicate key: JSON.parse semantics are "last wins"; let it decide
        seen |= bit
      } while (p.more(125))
      if ((seen & 7) !== 7) throw BAIL
      n++
    } while (p.more(93))
  }
  return {
    sides: scratchSides.slice(0, n),
    prices: scratchPrices.slice(0, n),
    sizes: scratchSizes.slice(0, n),
    priceStrings,
    sizeStrings,
    eventTime: own(s.slice(timeStart, timeEnd)),
  }
}

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15]
let canonicalTimeStart = 0
let canonicalTimeEnd = 0
let canonicalPrice = ''
let canonicalSize = ''
let decimalEnd = 0

/**
 * Reads a plain decimal that ends with a quote, starting at `i`; returns its value (or -1) and sets
 * `decimalEnd` to the quote. Up to 15 significant digits the value is the integer mantissa divided by
 * a power of ten: both exact, so the one division is correctly rounded, exactly like `Number(text)`.
 */
function readDecimal(s: string, i: number): number {
  const start = i
  let mantissa = 0
  let fraction = -1
  let c = s.charCodeAt(i)
  while (true) {
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48)
      if (fraction >= 0) fraction++
    } else if (c === 46) {
      if (fraction >= 0 || i === start) return -1
      fraction = 0
    } else break
    c = s.charCodeAt(++i)
  }
  // Same 64-character cap as decimalToNumber, so the fast path never accepts what the exact path rejects.
  if (c !== 34 || i === start || fraction === 0 || i - start > 64) return -1
  decimalEnd = i
  const digits = i - start - (fraction >= 0 ? 1 : 0)
  if (digits > 15) return +s.slice(start, i)
  return fraction > 0 ? mantissa / (POW10[fraction] as number) : mantissa
}

/**
 * `{"side":"bid","event_time":"…","price_level":"…","new_quantity":"…"}` at `i` (event_time
 * optional). Fills the scratch arrays at `n` and returns the index after the closing brace, or -1
 * when the text is laid out any other way.
 */
function canonicalLevel(s: string, i: number, n: number): number {
  if (!s.startsWith('{"side":"', i)) return -1
  i += 9
  canonicalTimeStart = -1
  const c = s.charCodeAt(i)
  if (c === 98 && s.startsWith('bid",', i)) {
    scratchSides[n] = 0
    i += 5
  } else if (c === 111 && s.startsWith('offer",', i)) {
    scratchSides[n] = 1
    i += 7
  } else return -1
  if (s.startsWith('"event_time":"', i)) {
    const start = i + 14
    const end = s.indexOf('"', start)
    if (end < 0 || s.charCodeAt(end + 1) !== 44) return -1
    canonicalTimeStart = start
    canonicalTimeEnd = end
    i = end + 2
  }
  if (!s.startsWith('"price_level":"', i)) return -1
  i += 15
  const price = readDecimal(s, i)
  if (!(price > 0)) return -1
  const priceEnd = decimalEnd
  if (!s.startsWith('","new_quantity":"', priceEnd)) return -1
  const sizeStart = priceEnd + 18
  const size = readDecimal(s, sizeStart)
  if (!(size >= 0)) return -1
  const sizeEnd = decimalEnd
  if (s.charCodeAt(sizeEnd + 1) !== 125) return -1
  scratchPrices[n] = price
  scratchSizes[n] = size
  canonicalPrice = own(s.slice(i, priceEnd))
  canonicalSize = own(s.slice(sizeStart, sizeEnd))
  return sizeEnd + 2
}
