/**
 * Schemas are built on first use, not at import. A zod 4 schema instance carries some 50 closures and a
 * dictionary of properties (about 8 KB of heap each); the client defines several hundred of them, and a
 * process that talks to a few endpoints needs only a handful. Building them all at import cost ~7 MB of
 * heap in Node and the same at page load in a browser.
 *
 * Two forms:
 * - {@link memo}: a memoising thunk for internal pieces (`primitives()`, the WebSocket frame schemas).
 *   The built schema is cached, so a hot path pays one closure call and one comparison per message,
 *   never a rebuild.
 * - {@link lazySchema}: the same thunk behind a `Proxy` that looks like the schema itself, for the
 *   exported names (`productSchema.parse(x)`, `productSchema.extend(...)`, `instanceof z.ZodObject`).
 *   Internal code embeds {@link resolveSchema}`(x)` (the real schema) so that parsing never goes
 *   through a proxy trap.
 */

const RESOLVE: unique symbol = Symbol.for('@gpt-trader/coinbase-client/lazySchema')

const INSPECT: unique symbol = Symbol.for('nodejs.util.inspect.custom')

const builtNames: string[] = []

/**
 * @internal Names of the schemas built so far in this process, in build order. Tests use it to prove
 * that importing the package builds nothing and that one endpoint does not build the others.
 */
export function builtSchemas(): readonly string[] {
  return builtNames
}

/**
 * @internal A memoising thunk: `build` runs once, on the first call, and its result is returned from
 * then on. `name` is recorded in {@link builtSchemas}.
 */
/*#__NO_SIDE_EFFECTS__*/
export function memo<T>(name: string, build: () => T): () => T {
  let value: T | undefined
  let done = false
  return () => {
    if (!done) {
      value = build()
      done = true
      builtNames.push(name)
    }
    return value as T
  }
}

/** Non-configurable own properties of the real schema (zod's `_zod`) are reported as configurable: a
 *  proxy may not claim a non-configurable property its target does not have. */
function configurable(descriptor: PropertyDescriptor | undefined): PropertyDescriptor | undefined {
  return descriptor === undefined ? undefined : { ...descriptor, configurable: true }
}

/**
 * @internal An object that stands for `get()`'s result: every property read, `in`, `Object.keys`,
 * `instanceof` and prototype lookup is forwarded to it, building it on first touch.
 */
/*#__NO_SIDE_EFFECTS__*/
export function lazyProxy<T extends object>(get: () => T): T {
  const handler: ProxyHandler<object> = {
    get: (_target, key) => {
      if (key === RESOLVE) return get
      const real = get() as Record<PropertyKey, unknown>
      return real[key]
    },
    set: (_target, key, value) => Reflect.set(get(), key, value),
    has: (_target, key) => key === RESOLVE || key in get(),
    ownKeys: () => Reflect.ownKeys(get()),
    getOwnPropertyDescriptor: (_target, key) => configurable(Reflect.getOwnPropertyDescriptor(get(), key)),
    defineProperty: (_target, key, descriptor) => Reflect.defineProperty(get(), key, descriptor),
    deleteProperty: (_target, key) => Reflect.deleteProperty(get(), key),
    getPrototypeOf: () => Reflect.getPrototypeOf(get()),
  }
  // Node's util.inspect looks at a proxy's target, bypassing the traps: show the real object there.
  const target = {
    [INSPECT]: (_depth: number, options: object, inspect: (value: unknown, options: object) => string) =>
      inspect(get(), options),
  }
  return new Proxy(target, handler) as T
}

/**
 * @internal A schema built on first use. The result behaves as the schema (same type, same methods);
 * `name` is recorded in {@link builtSchemas} when it is built.
 *
 * @example
 * export const fooSchema = lazySchema('fooSchema', () => z.looseObject({ id: z.string() }))
 * fooSchema.parse({ id: 'a' }) // builds, then parses
 */
/*#__NO_SIDE_EFFECTS__*/
export function lazySchema<T extends object>(name: string, build: () => T): T {
  return lazyProxy(memo(name, build))
}

/**
 * @internal The real schema behind a {@link lazySchema} (built if needed); any other value is returned
 * as is. Embed this, not the proxy, inside other schemas and on hot paths.
 */
export function resolveSchema<T>(schema: T): T {
  if (typeof schema === 'object' && schema !== null) {
    const get = (schema as { [RESOLVE]?: () => T })[RESOLVE]
    if (typeof get === 'function') return get()
  }
  return schema
}
