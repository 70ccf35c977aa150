export {
  type ErrorCode,
  errorCodes,
  type IssueCode,
  issueCodes,
  type OrderIssueCode,
  orderIssueCodes,
} from './codes.js'
export { booleanish, commaList, decimalish, duration, percent } from './coerce.js'
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
export { OrderSide, orderSide } from './orderSide.js'
export { OrderType, orderType } from './orderType.js'
export {
  isProductId,
  type ParsedProductId,
  type ProductId,
  type ProductKind,
  parseProductId,
  productId,
} from './productId.js'
export { type ProductSpec, type ProductSpecInput, productSpec } from './productSpec.js'
export { decimalPlaces, isMultipleOf, type QuantizeMode, quantize } from './quantize.js'
export { isSecretKey, REDACTED, redact, redactString } from './redact.js'
export { TimeInForce, timeInForce } from './timeInForce.js'
export { TradingState, tradingState } from './tradingState.js'
export { type InputOf, type ValidatedOptions, validated } from './validated.js'
export { assertValidOrder, type BookTop, type OrderInput, validateOrder } from './validateOrder.js'
export {
  all,
  arrayOf,
  type Coercion,
  fromZodError,
  type Infer,
  issuesFromZod,
  objectOf,
  optional,
  or,
  type Path,
  type Schema,
  type ValidationResult,
  Validator,
  type ValidatorOptions,
  validator,
} from './validator.js'
