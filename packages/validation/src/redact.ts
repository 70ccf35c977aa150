/** What a secret is replaced with. */
export const REDACTED = '[REDACTED]'

/**
 * Key names whose values are secrets: any key containing key, secret, private, passphrase, token,
 * jwt, auth (authorization, x-auth), signature, password, credential or cookie, in any case and
 * any spelling (`api_key`, `privateKey`, `x-api-secret`, `Authorization`, `set-cookie`). Identifiers
 * of secrets are redacted too (`apiKeyName`, `keyId`, JWT header `kid`): they are half of a
 * credential, and logs are easier to share without them. This over-redacts harmless names such as
 * `cacheKey`; that is the intended trade-off.
 */
const SECRET_KEY = /key|secret|private|passphrase|token|jwt|auth|signature|password|passwd|credential|cookie/i
const SECRET_EXACT = /^(kid|pwd|pass|sig|nonce_secret)$/i

const SECRET_PATTERNS: readonly [RegExp, string][] = [
  // PEM blocks, complete or cut off, with real or escaped (`\n`) newlines.
  [/-----BEGIN [A-Z0-9 ]*-----[\s\S]*?(?:-----END [A-Z0-9 ]*-----|$)/g, REDACTED],
  // Authorization header values (a Bearer token runs to the next whitespace).
  [/Bearer\s+\S+/gi, `Bearer ${REDACTED}`],
  [/\bBasic\s+[A-Za-z0-9+/=]{8,}/g, `Basic ${REDACTED}`],
  // JSON Web Tokens: base64url header starting `{"` (eyJ), payload, optional signature.
  [/eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.?[A-Za-z0-9_-]*/g, REDACTED],
]

// A bare base64 blob of 60+ bytes (an Ed25519 CDP secret is 88 characters). Mixed case plus a digit
// tells it apart from long lower-case paths in stack traces.
// (`{80}` then `*` rather than `{80,}`: V8 runs it an order of magnitude faster on long runs.)
const BASE64_BLOB = /(?<![A-Za-z0-9+/=])[A-Za-z0-9+/]{80}[A-Za-z0-9+/]*={0,2}(?![A-Za-z0-9+/=])/g
const looksRandom = (blob: string) => /[A-Z]/.test(blob) && /[a-z]/.test(blob) && /\d/.test(blob)

// `"apiSecret": "…"` inside serialized JSON (e.g. an error message quoting a request body), and
// `api_key=…` in query strings and env-style text. The key is matched loosely and then checked with
// `isSecretKey`, and a match only starts where a key can start, so megabyte strings scan in linear time.
const JSON_PAIR = /"([^"\\\n]{1,80})"(\s*:\s*)"(?:[^"\\]|\\.)*"/g
const QUERY_PAIR = /(?<![A-Za-z0-9_-])([A-Za-z0-9_-]{1,80})=([^&\s#"']+)/g

/**
 * True if a property / header / Map key names a secret (see the list on {@link redact}).
 *
 * @example
 * isSecretKey('x-api-secret') // true
 * isSecretKey('product_id') // false
 */
export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key) || SECRET_EXACT.test(key)
}

/**
 * Scrubs secrets out of free text: PEM blocks, `Bearer …` / `Basic …` credentials, JWTs,
 * `"secretKey":"…"` pairs in embedded JSON, `token=…` pairs in query strings, and long bare base64
 * blobs. Everything else is left as is. Never throws.
 *
 * @example
 * redactString('GET /x failed: Authorization: Bearer abc.def') // 'GET /x failed: Authorization: Bearer [REDACTED]'
 */
export function redactString(text: string): string {
  if (typeof text !== 'string') return REDACTED
  let out = text
  for (const [pattern, replacement] of SECRET_PATTERNS) out = out.replace(pattern, replacement)
  out = out.replace(JSON_PAIR, (pair, key: string, colon: string) =>
    isSecretKey(key) ? `"${key}"${colon}"${REDACTED}"` : pair,
  )
  out = out.replace(QUERY_PAIR, (pair, key: string) => (isSecretKey(key) ? `${key}=${REDACTED}` : pair))
  return out.replace(BASE64_BLOB, (blob) => (looksRandom(blob) ? REDACTED : blob))
}

const MAX_DEPTH = 64

/**
 * Returns a deep copy of `value` that is safe to log: values under secret-named keys (see
 * {@link isSecretKey}) become `'[REDACTED]'` (except `null`, `undefined` and booleans, so "not
 * configured" stays visible), and every string anywhere goes through {@link redactString}.
 *
 * - Plain objects, class instances and null-prototype objects become plain objects of their own
 *   enumerable properties (getters that throw are reported as `'[Unreadable]'`); objects with a
 *   `toJSON` method (Decimal, URL) are replaced by its redacted result.
 * - Arrays, `Map`s (keys and values) and `Set`s are copied; `Date`s are cloned.
 * - `Error`s become `{ name, message, stack, cause, ...own properties }` with message and stack
 *   scrubbed and the cause redacted in turn (AggregateError's `errors` too).
 * - Typed arrays, `ArrayBuffer`s and Node `Buffer`s become `'[Uint8Array(32)]'`-style summaries:
 *   their bytes may be key material.
 * - Cycles become `'[Circular]'`, nesting deeper than 64 levels `'[Truncated]'`, functions
 *   `'[Function name]'`.
 *
 * Never throws. Every logger in the project passes what it writes through this.
 *
 * @example
 * redact({ apiKeyName: 'organizations/1/apiKeys/2', privateKey: '-----BEGIN EC PRIVATE KEY-----…', size: '0.1' })
 * // { apiKeyName: '[REDACTED]', privateKey: '[REDACTED]', size: '0.1' }
 */
export function redact(value: unknown): unknown {
  const outer = copies
  copies = new Map()
  try {
    return copy(value, new Set(), 0)
  } catch {
    return '[Unredactable]'
  } finally {
    copies = outer
  }
}

/**
 * Objects already copied during the current `redact` call. An object reachable along many paths (a
 * DAG such as `a = { x: b, y: b }`, `b = { x: c, y: c }`, …) is copied once: without this, 40 levels
 * of sharing meant 2^40 copies.
 */
let copies: Map<object, unknown> | undefined

function copy(value: unknown, ancestors: Set<object>, depth: number): unknown {
  try {
    const shared = typeof value === 'object' && value !== null && !ancestors.has(value)
    if (shared && copies?.has(value)) return copies.get(value)
    const out = copyValue(value, ancestors, depth)
    if (shared) copies?.set(value, out)
    return out
  } catch {
    // e.g. a revoked Proxy, which throws on every inspection.
    return '[Unredactable]'
  }
}

function copyValue(value: unknown, ancestors: Set<object>, depth: number): unknown {
  if (typeof value === 'string') return redactString(value)
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'function') return `[Function ${value.name || 'anonymous'}]`
    if (typeof value === 'symbol') return value.toString()
    return value
  }
  if (ancestors.has(value)) return '[Circular]'
  if (depth >= MAX_DEPTH) return '[Truncated]'
  if (ArrayBuffer.isView(value)) return `[${value.constructor?.name ?? 'Binary'}(${value.byteLength})]`
  if (value instanceof ArrayBuffer) return `[ArrayBuffer(${value.byteLength})]`
  if (value instanceof Date) return new Date(value.getTime())
  ancestors.add(value)
  try {
    const next = depth + 1
    if (Array.isArray(value)) return value.map((item) => guarded(() => copy(item, ancestors, next)))
    if (value instanceof Map) {
      const out = new Map<unknown, unknown>()
      for (const [key, item] of value) {
        const secret = typeof key === 'string' && isSecretKey(key)
        out.set(copy(key, ancestors, next), secret ? hide(item) : guarded(() => copy(item, ancestors, next)))
      }
      return out
    }
    if (value instanceof Set) {
      const out = new Set<unknown>()
      for (const item of value) out.add(guarded(() => copy(item, ancestors, next)))
      return out
    }
    if (value instanceof Error) return copyError(value, ancestors, next)
    const toJSON = (value as { toJSON?: unknown }).toJSON
    if (typeof toJSON === 'function') {
      return guarded(() => copy(toJSON.call(value), ancestors, next))
    }
    return copyProperties(value, {}, ancestors, next)
  } finally {
    ancestors.delete(value)
  }
}

function copyError(error: Error, ancestors: Set<object>, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {
    name: guarded(() => redactString(String(error.name))),
    message: guarded(() => redactString(String(error.message))),
  }
  const stack = guarded(() => error.stack)
  if (typeof stack === 'string') out.stack = redactString(stack)
  copyProperties(error, out, ancestors, depth)
  const cause = guarded(() => error.cause)
  if (cause !== undefined) out.cause = copy(cause, ancestors, depth)
  const errors = guarded(() => (error as { errors?: unknown }).errors)
  if (Array.isArray(errors)) out.errors = copy(errors, ancestors, depth)
  return out
}

function copyProperties(
  source: object,
  out: Record<string, unknown>,
  ancestors: Set<object>,
  depth: number,
): Record<string, unknown> {
  for (const key of Object.keys(source)) {
    const item = guarded(() => (source as Record<string, unknown>)[key])
    // `defineProperty` so that a key named `__proto__` stays an own property of the copy.
    Object.defineProperty(out, redactString(key), {
      value: isSecretKey(key) ? hide(item) : copy(item, ancestors, depth),
      enumerable: true,
      writable: true,
      configurable: true,
    })
  }
  return out
}

/** Value for a secret-named key: keep "absent" and flags visible, hide everything else. */
function hide(value: unknown): unknown {
  return value === null || value === undefined || typeof value === 'boolean' ? value : REDACTED
}

const UNREADABLE = '[Unreadable]'

function guarded<T>(read: () => T): T | typeof UNREADABLE {
  try {
    return read()
  } catch {
    return UNREADABLE
  }
}
