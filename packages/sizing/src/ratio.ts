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

/** @internal Converts a ratio; pushes an issue naming `field` and returns null when invalid. */
export function readRatio(value: unknown, field: string, issues: ValidationIssue[]): Decimal | null {
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return new Decimal(value)
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
  try {
    return toDecimal(value, field)
  } catch (error) {
    if (isValidationError(error)) {
      issues.push(...error.issues)
      return null
    }
    throw error
  }
}
