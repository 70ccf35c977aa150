import {
  Decimal,
  type DecimalInput,
  isValidationError,
  toDecimal,
  type ValidationIssue,
} from '@gpt-trader/validation'

/**
 * A dimensionless value (win rate, confidence, drawdown, return): a `Decimal`, a decimal string, or a
 * finite JS number. Numbers are accepted here because these are statistics, not money; they are
 * converted through their shortest decimal representation (`0.65` → `'0.65'`), so the math stays exact.
 */
export type RatioInput = DecimalInput | number

// Sizing inputs repeat from one order to the next (strategy statistics, increments, caps), so their
// conversions are remembered. Decimals are immutable, so sharing one instance is safe. Bounded: the
// whole cache is dropped when it fills, which keeps the cost of a miss at one Map insert.
const CACHE_LIMIT = 512
const fromString = new Map<string, Decimal>()

// Numbers are mostly per-order values (a signal's confidence) that never come back, plus a few that
// repeat on every call (statistics passed as numbers). A map of 512 would keep each one-off value
// alive for hundreds of orders — long enough to be copied by the young-generation GC and promoted —
// so numbers get a small ring instead: what repeats stays, a one-off is dropped 8 conversions later.
const RING = 8
const ringKeys = new Float64Array(RING)
const ringValues: (Decimal | undefined)[] = new Array(RING).fill(undefined)
let ringNext = 0

function remember<K>(cache: Map<K, Decimal>, key: K, value: Decimal): Decimal {
  if (cache.size >= CACHE_LIMIT) cache.clear()
  cache.set(key, value)
  return value
}

/**
 * @internal `new Decimal(value)` for a finite number, through the cache. Zero is never cached (the map
 * would not tell 0 from −0).
 */
export function numberToDecimal(value: number): Decimal {
  if (value === 0) return new Decimal(value)
  for (let i = 0; i < RING; i++) {
    // NaN never equals itself and zero is not cached, so an empty slot (key 0) never matches.
    if (ringKeys[i] === value) return ringValues[i]!
  }
  const decimal = new Decimal(value)
  ringKeys[ringNext] = value
  ringValues[ringNext] = decimal
  ringNext = (ringNext + 1) % RING
  return decimal
}

/** @internal Converts a ratio; pushes an issue naming `field` and returns null when invalid. */
export function readRatio(value: unknown, field: string, issues: ValidationIssue[]): Decimal | null {
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return numberToDecimal(value)
    issues.push({
      path: field.split('.'),
      code: 'INVALID_DECIMAL',
      message: `must be a finite number, got ${value}`,
    })
    return null
  }
  return readDecimal(value, field, issues)
}

/** @internal Converts money (Decimal or decimal string only); pushes an issue and returns null when invalid. */
export function readDecimal(value: unknown, field: string, issues: ValidationIssue[]): Decimal | null {
  if (typeof value === 'string') {
    const known = fromString.get(value)
    if (known !== undefined) return known
  }
  try {
    const decimal = toDecimal(value, field)
    return typeof value === 'string' ? remember(fromString, value, decimal) : decimal
  } catch (error) {
    if (isValidationError(error)) {
      issues.push(...error.issues)
      return null
    }
    throw error
  }
}
