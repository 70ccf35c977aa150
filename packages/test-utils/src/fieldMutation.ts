import fc from 'fast-check'

/** The keys leading to one value inside a JSON-like value. */
export type FieldPath = (string | number)[]

/** Every path to a value inside `value` (object keys and array indexes, depth first), the root excluded. */
export function fieldPaths(value: unknown, prefix: FieldPath = [], out: FieldPath[] = []): FieldPath[] {
  if (prefix.length > 0) out.push(prefix)
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) fieldPaths(item, [...prefix, index], out)
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) fieldPaths(item, [...prefix, key], out)
  }
  return out
}

/**
 * Near-valid variants of a real payload for fuzzing: a deep copy of `fixture` with one field, picked
 * at random, dropped or replaced by a value from `junk`, together with that field's path. Keys such
 * as `__proto__` are set as own properties, never through the prototype. With `json: true` the copy
 * is round-tripped through JSON, so only what could arrive on the wire remains.
 *
 * @example
 * fc.assert(fc.property(fieldMutation(loadFixture('rest/get_product.json'), fc.anything()), ({ value, path }) => …))
 */
export function fieldMutation(
  fixture: unknown,
  junk: fc.Arbitrary<unknown>,
  options: { json?: boolean } = {},
): fc.Arbitrary<{ value: unknown; path: FieldPath }> {
  const all = fieldPaths(fixture)
  return fc
    .tuple(fc.nat({ max: Math.max(0, all.length - 1) }), fc.boolean(), junk)
    .map(([index, drop, value]) => {
      const path = all[index] ?? []
      const copy = structuredClone(fixture) as Record<string | number, unknown>
      let parent: Record<string | number, unknown> = copy
      for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>
      const last = path[path.length - 1]
      if (last !== undefined) {
        if (drop) delete parent[last]
        else
          Object.defineProperty(parent, last, { value, enumerable: true, writable: true, configurable: true })
      }
      return { value: options.json ? (JSON.parse(JSON.stringify(copy)) as unknown) : (copy as unknown), path }
    })
}
