export { type ErrorCode, errorCodes } from './codes.js'
export {
  Decimal,
  type DecimalInput,
  decimal,
  formatDecimal,
  isDecimal,
  signedDecimal,
  toDecimal,
} from './decimal.js'
export {
  BaseError,
  type BaseErrorOptions,
  formatPath,
  isBaseError,
  isValidationError,
  ValidationError,
  type ValidationErrorOptions,
  type ValidationIssue,
} from './errors.js'
