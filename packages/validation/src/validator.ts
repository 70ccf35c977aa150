import type { z } from 'zod'
import { booleanish, commaList, decimalish, duration, percent } from './coerce.js'
import { ValidationError, type ValidationIssue } from './errors.js'
import { showValue } from './showValue.js'

/** Where a value sits inside the input being validated. */
export type Path = ReadonlyArray<string | number>

/** Outcome of {@link Validator.validate}: the (coerced) value, or every issue found. */
export type ValidationResult<T> = { ok: true; value: T } | { ok: false; issues: ValidationIssue[] }

/** Something that checks a value: a {@link Validator} or any zod schema. */
export type Schema<T = unknown> = Validator<T> | z.ZodType<T>

/** The value a {@link Schema} produces. */
export type Infer<S> = S extends Validator<infer T> ? T : S extends z.ZodType ? z.output<S> : never

/**
 * Built-in coercions applied before a predicate runs: `boolean` ({@link booleanish}), `list`
 * ({@link commaList}), `duration` (ms), `percent` (fraction as Decimal), `decimal` (Decimal); or
 * any function from raw input to the value to check (throw to reject).
 */
export type Coercion = 'boolean' | 'list' | 'duration' | 'percent' | 'decimal' | ((input: unknown) => unknown)

export interface ValidatorOptions {
  /** Issue message when the predicate fails; a function receives the (coerced) value. */
  message?: string | ((value: unknown) => string)
  /** Issue code when the predicate fails (default `INVALID_VALUE`). */
  code?: string
  /** Coerce raw input (strings from env/config) before checking it. */
  coerce?: Coercion
}

const COERCIONS = {
  boolean: booleanish,
  list: commaList,
  duration,
  percent,
  decimal: decimalish,
} as const

/**
 * A small, composable check: runs on `unknown` input and either produces a typed (possibly coerced)
 * value or lists every issue with its path and code. Build one from an inline predicate with
 * {@link validator}, from a zod schema with {@link Validator.from}, and combine them with `and`,
 * `or`, `optional`, {@link arrayOf} and {@link objectOf}.
 *
 * @example
 * const port = validator((v): v is number => Number.isInteger(v) && v > 0 && v < 65536, {
 *   message: 'must be a TCP port', coerce: Number,
 * })
 * port.parse('8080') // 8080
 */
export class Validator<T> {
  readonly #run: (input: unknown, path: Path) => ValidationResult<T>

  constructor(run: (input: unknown, path: Path) => ValidationResult<T>) {
    this.#run = run
  }

  /**
   * Wraps a zod schema (mapping zod issues to ours), or returns a validator unchanged (a validator
   * from another installed copy of this package is recognised by its shape).
   */
  static from<S extends Schema>(schema: S): Validator<Infer<S>> {
    if (schema instanceof Validator) return schema as Validator<Infer<S>>
    // A validator from another installed copy of this package: same shape, different class.
    const foreign = schema as { validate?: unknown; safeParse?: unknown }
    if (typeof foreign.validate === 'function' && typeof foreign.safeParse !== 'function') {
      const validate = foreign.validate as (input: unknown, path: Path) => ValidationResult<Infer<S>>
      return new Validator((input, path) => validate.call(schema, input, path))
    }
    const zodSchema = schema as z.ZodType
    return new Validator((input, path) => {
      const result = zodSchema.safeParse(input)
      if (result.success) return { ok: true, value: result.data as Infer<S> }
      return { ok: false, issues: issuesFromZod(result.error, path, input) }
    })
  }

  /** Checks `input`; `path` prefixes every issue path. Never throws for bad input. */
  validate(input: unknown, path: Path = []): ValidationResult<T> {
    return this.#run(input, path)
  }

  /**
   * Returns the (coerced) value or throws a `ValidationError` listing every issue.
   * @param subject What is being validated, for the message (`'config'`, `'order'`).
   */
  parse(input: unknown, subject?: string): T {
    const result = this.#run(input, [])
    if (result.ok) return result.value
    throw new ValidationError(result.issues, subject === undefined ? {} : { subject })
  }

  /** True if `input` passes. */
  is(input: unknown): boolean {
    return this.#run(input, []).ok
  }

  /** Adds an inline predicate on the value this validator produces. */
  refine(
    predicate: (value: T) => boolean,
    message: string | ((value: T) => string),
    code = 'INVALID_VALUE',
  ): Validator<T> {
    return new Validator((input, path) => {
      const result = this.#run(input, path)
      if (!result.ok) return result
      const pass = safely(() => predicate(result.value))
      if (pass === true) return result
      const text = typeof message === 'function' ? message(result.value) : message
      return fail(path, code, pass === false ? text : `${text} (the check threw)`)
    })
  }

  /** Maps the value after a successful check. */
  transform<U>(map: (value: T) => U): Validator<U> {
    return new Validator((input, path) => {
      const result = this.#run(input, path)
      return result.ok ? { ok: true, value: map(result.value) } : result
    })
  }

  /** Feeds this validator's value into `next` (e.g. coerce, then check the coerced value). */
  pipe<U>(next: Schema<U>): Validator<U> {
    const then = Validator.from(next) as Validator<U>
    return new Validator((input, path) => {
      const result = this.#run(input, path)
      return result.ok ? then.validate(result.value, path) : result
    })
  }

  /** Also accepts `undefined` (returned as is). */
  optional(): Validator<T | undefined> {
    return optional(this)
  }

  /** Passes if this or `other` passes (tried in that order). */
  or<U>(other: Schema<U>): Validator<T | U> {
    return or(this, Validator.from(other) as Validator<U>)
  }

  /** Passes if this and `other` both pass on the same input; reports the issues of both. Yields `other`'s value. */
  and<U>(other: Schema<U>): Validator<U> {
    return all(this, Validator.from(other) as Validator<U>)
  }
}

/**
 * Builds a validator from an inline predicate, with an optional coercion run first. A type-guard
 * predicate types the result.
 *
 * @example
 * const enabled = validator((v): v is boolean => typeof v === 'boolean', { coerce: 'boolean' })
 * enabled.parse('on') // true
 * const positive = validator((v) => typeof v === 'number' && v > 0, { message: 'must be positive' })
 */
export function validator<T>(
  predicate: (value: unknown) => value is T,
  options?: ValidatorOptions,
): Validator<T>
export function validator(
  predicate: (value: unknown) => boolean,
  options?: ValidatorOptions,
): Validator<unknown>
export function validator(
  predicate: (value: unknown) => boolean,
  options: ValidatorOptions = {},
): Validator<unknown> {
  const code = options.code ?? 'INVALID_VALUE'
  const coerce = options.coerce
  return new Validator((input, path) => {
    let value: unknown = input
    if (coerce !== undefined) {
      if (typeof coerce === 'string') {
        const result = Validator.from(COERCIONS[coerce] as z.ZodType).validate(input, path)
        if (!result.ok) return result
        value = result.value
      } else {
        const coerced = safely(() => coerce(input))
        if (coerced === THREW) return fail(path, code, `could not be converted (${showValue(input)})`)
        value = coerced
      }
    }
    const pass = safely(() => predicate(value))
    if (pass === true) return { ok: true, value }
    const message = options.message ?? 'is invalid'
    return fail(path, code, typeof message === 'function' ? message(value) : message)
  })
}

/** Every validator runs on the same input and every issue is reported; the value is the last one's. */
export function all<V extends readonly [Schema, ...Schema[]]>(...validators: V): Validator<LastOf<V>> {
  const checks = validators.map((v) => Validator.from(v))
  return new Validator((input, path) => {
    const issues: ValidationIssue[] = []
    let value: unknown
    for (const check of checks) {
      const result = check.validate(input, path)
      if (result.ok) value = result.value
      else issues.push(...result.issues)
    }
    return issues.length > 0 ? { ok: false, issues } : { ok: true, value: value as LastOf<V> }
  })
}

/**
 * The first validator that passes wins; if none does, one issue (code of the first alternative's
 * first issue) names every alternative's complaint.
 */
export function or<V extends readonly [Schema, ...Schema[]]>(...validators: V): Validator<Infer<V[number]>> {
  const checks = validators.map((v) => Validator.from(v))
  return new Validator((input, path) => {
    const failures: ValidationIssue[] = []
    for (const check of checks) {
      const result = check.validate(input, path)
      if (result.ok) return { ok: true, value: result.value as Infer<V[number]> }
      failures.push(...result.issues)
    }
    const messages = [...new Set(failures.map((issue) => issue.message))]
    return fail(path, failures[0]?.code ?? 'INVALID_VALUE', messages.join(', or '))
  })
}

/** Accepts `undefined` as well as whatever `schema` accepts. */
export function optional<T>(schema: Schema<T>): Validator<T | undefined> {
  const check = Validator.from(schema) as Validator<T>
  return new Validator<T | undefined>((input, path) =>
    input === undefined ? { ok: true, value: undefined } : check.validate(input, path),
  )
}

/**
 * An array whose every item passes `item` (issues carry the index). With `coerce: true` a
 * comma-separated string is split first (`'a, b'` → `['a', 'b']`).
 */
export function arrayOf<T>(item: Schema<T>, options: { coerce?: boolean } = {}): Validator<T[]> {
  const check = Validator.from(item) as Validator<T>
  return new Validator((input, path) => {
    const items = options.coerce && typeof input === 'string' ? commaList.parse(input) : input
    if (!Array.isArray(items)) return fail(path, 'INVALID_TYPE', `expected an array, got ${showValue(input)}`)
    const issues: ValidationIssue[] = []
    const out: T[] = []
    items.forEach((element: unknown, index) => {
      const result = check.validate(element, [...path, index])
      if (result.ok) out.push(result.value)
      else issues.push(...result.issues)
    })
    return issues.length > 0 ? { ok: false, issues } : { ok: true, value: out }
  })
}

/**
 * A plain object with the given fields, each checked by its schema (issues carry the field name;
 * every field is checked). Unknown fields are dropped from the value.
 */
export function objectOf<Shape extends Record<string, Schema>>(
  shape: Shape,
): Validator<{ [K in keyof Shape]: Infer<Shape[K]> }> {
  const entries = Object.entries(shape).map(([key, schema]) => [key, Validator.from(schema)] as const)
  return new Validator((input, path) => {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      return fail(path, 'INVALID_TYPE', `expected an object, got ${showValue(input)}`)
    }
    const issues: ValidationIssue[] = []
    const out: Record<string, unknown> = {}
    for (const [key, check] of entries) {
      const raw = (input as Record<string, unknown>)[key]
      const result = check.validate(raw, [...path, key])
      if (!result.ok) issues.push(...result.issues)
      else if (result.value !== undefined || key in input) out[key] = result.value
    }
    return issues.length > 0
      ? { ok: false, issues }
      : { ok: true, value: out as { [K in keyof Shape]: Infer<Shape[K]> } }
  })
}

/**
 * Converts zod issues to this package's issues: a custom issue carrying `params.code` keeps that
 * code (this package's schemas set `INVALID_DECIMAL`, `INVALID_PRODUCT_ID`), `invalid_type` on a
 * missing value becomes `REQUIRED`, other `invalid_type` `INVALID_TYPE`, everything else
 * `INVALID_VALUE`; paths are prefixed with `path`. Pass the parsed `input` so that a missing value
 * gets `REQUIRED` whatever zod called it.
 */
export function issuesFromZod(
  error: z.ZodError,
  path: Path = [],
  ...input: [] | [unknown]
): ValidationIssue[] {
  return error.issues.map((issue) => {
    const fullPath = [...path, ...issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part))]
    const own: unknown = issue.code === 'custom' ? issue.params?.code : undefined
    let code = 'INVALID_VALUE'
    if (typeof own === 'string') code = own
    else if (input.length > 0 && valueAt(input[0], issue.path) === undefined) code = 'REQUIRED'
    else if (issue.code === 'invalid_type') code = 'INVALID_TYPE'
    return { path: fullPath, code, message: issue.message }
  })
}

/**
 * A `ValidationError` from a `ZodError`, e.g. after `schema.safeParse(config)`; pass the parsed
 * `input` so that missing fields get `REQUIRED`.
 */
export function fromZodError(
  error: z.ZodError,
  options: { subject?: string; path?: Path; input?: unknown } = {},
): ValidationError {
  const issues =
    'input' in options
      ? issuesFromZod(error, options.path ?? [], options.input)
      : issuesFromZod(error, options.path ?? [])
  return new ValidationError(issues, {
    cause: error,
    ...(options.subject === undefined ? {} : { subject: options.subject }),
  })
}

type LastOf<V extends readonly Schema[]> = V extends readonly [...Schema[], infer L] ? Infer<L> : never

const THREW: unique symbol = Symbol('threw')

function safely<R>(run: () => R): R | typeof THREW {
  try {
    return run()
  } catch {
    return THREW
  }
}

function fail(path: Path, code: string, message: string): { ok: false; issues: ValidationIssue[] } {
  return { ok: false, issues: [{ path: [...path], code, message }] }
}

function valueAt(input: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let current: unknown = input
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined
    current = (current as Record<PropertyKey, unknown>)[key]
  }
  return current
}
