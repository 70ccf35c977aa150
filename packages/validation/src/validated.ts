import type { z } from 'zod'
import { ValidationError, type ValidationIssue } from './errors.js'
import { type Infer, type Schema, Validator } from './validator.js'

/** What a caller may pass for a schema: zod's input type, or `unknown` for a {@link Validator}. */
export type InputOf<S> = S extends z.ZodType ? z.input<S> : unknown

type Outputs<S extends readonly Schema[]> = { -readonly [K in keyof S]: Infer<S[K]> }
type Inputs<S extends readonly Schema[]> = { -readonly [K in keyof S]: InputOf<S[K]> }

export interface ValidatedOptions {
  /** Function name for the error message (defaults to `fn.name`). */
  name?: string
  /** Argument names for issue paths in the positional form (default `args[0]`, `args[1]`, …). */
  argNames?: readonly string[]
}

/**
 * Wraps `fn` so that its arguments are checked (and coerced) before it runs; bad arguments throw a
 * `ValidationError` naming the function and the argument or field, with every issue.
 *
 * - `validated(schema, fn)`: `fn` takes one argument (typically a parameters object); issue paths
 *   are the fields inside it (`size`, `legs[1].price`).
 * - `validated([s0, s1], fn)`: one schema per positional argument; paths start with the argument
 *   name from `options.argNames`, or `args[i]`.
 *
 * Checks run synchronously: for an async `fn` the error is thrown, not returned as a rejection.
 *
 * @example
 * const placeOrder = validated(
 *   z.object({ productId, size: decimal }),
 *   ({ productId, size }) => `${productId} ${size}`,
 *   { name: 'placeOrder' },
 * )
 * placeOrder({ productId: 'btc-usd', size: '0.1' }) // 'BTC-USD 0.1'
 * placeOrder({ productId: 'BTCUSD', size: '1e5' }) // throws ValidationError: placeOrder(): 2 validation issues …
 */
export function validated<const S extends readonly [Schema, ...Schema[]], R>(
  schemas: S,
  fn: (...args: Outputs<S>) => R,
  options?: ValidatedOptions,
): (...args: Inputs<S>) => R
export function validated<S extends Schema, R>(
  schema: S,
  fn: (arg: Infer<S>) => R,
  options?: ValidatedOptions,
): (arg: InputOf<S>) => R
export function validated(
  schema: Schema | readonly Schema[],
  fn: (...args: unknown[]) => unknown,
  options: ValidatedOptions = {},
): (...args: unknown[]) => unknown {
  const name = options.name ?? (fn.name || 'function')
  const subject = `${name}()`
  if (Array.isArray(schema)) {
    const checks = (schema as readonly Schema[]).map((s) => Validator.from(s))
    return function checkedArguments(...args: unknown[]): unknown {
      const issues: ValidationIssue[] = []
      const values = checks.map((check, index) => {
        const label = options.argNames?.[index]
        const result = check.validate(args[index], label === undefined ? ['args', index] : [label])
        if (result.ok) return result.value
        issues.push(...result.issues)
        return undefined
      })
      if (issues.length > 0) throw new ValidationError(issues, { subject })
      return fn(...values)
    }
  }
  const check = Validator.from(schema as Schema)
  return function checkedArgument(arg: unknown): unknown {
    const result = check.validate(arg, options.argNames?.[0] === undefined ? [] : [options.argNames[0]])
    if (!result.ok) throw new ValidationError(result.issues, { subject })
    return fn(result.value)
  }
}
