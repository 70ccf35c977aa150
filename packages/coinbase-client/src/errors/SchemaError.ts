import { BaseError } from './BaseError.js'

/** One field that did not match: where, what zod said. */
export interface SchemaIssue {
  /** Path to the field, e.g. `['products', 3, 'price']`. */
  path: ReadonlyArray<PropertyKey>
  /** zod issue code, e.g. `invalid_type`. */
  code: string
  message: string
}

/** Formats an issue path: `products[3].price`. */
export function formatIssuePath(path: ReadonlyArray<PropertyKey>): string {
  let out = ''
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`
    else out += out ? `.${String(part)}` : String(part)
  }
  return out || '(root)'
}

/**
 * A JSON payload from the server does not match the expected schema. `issues` names each field
 * (`products[3].price: expected a decimal string`); `source` says which endpoint or channel.
 */
export class SchemaError extends BaseError {
  override name = 'SchemaError'
  readonly issues: readonly SchemaIssue[]
  readonly source: string
  constructor(source: string, issues: readonly SchemaIssue[], options: { cause?: unknown } = {}) {
    const count = issues.length
    super(
      `Unexpected payload from ${source}: ${count === 1 ? '1 field does' : `${count} fields do`} not match`,
      {
        code: 'SCHEMA_MISMATCH',
        cause: options.cause,
        details: '',
        metaMessages: issues.slice(0, 10).map((i) => `- ${formatIssuePath(i.path)}: ${i.message}`),
      },
    )
    this.issues = issues
    this.source = source
  }
}
