/** JSON type tag used by the structural comparator. */
export function kindOf(v: unknown): string {
  if (v === null) return 'null'
  if (Array.isArray(v)) return 'array'
  return typeof v
}

/**
 * Structural comparison of a fixture (`expected`) and a sim answer (`actual`): every key of the
 * fixture must exist with the same JSON type, recursively; arrays compare every actual element with
 * the fixture's first element. A `null` in the fixture accepts anything (nullable field); extra keys
 * in the sim's answer are allowed. Returns the list of differences (empty = same shape).
 */
export function shapeDiff(expected: unknown, actual: unknown, path = '$'): string[] {
  const ek = kindOf(expected)
  const ak = kindOf(actual)
  if (ek === 'null') return []
  if (ek !== ak) return [`${path}: expected ${ek}, got ${ak}`]
  if (ek === 'array') {
    const e = (expected as unknown[])[0]
    if (e === undefined) return []
    return (actual as unknown[]).flatMap((a, i) => shapeDiff(e, a, `${path}[${i}]`))
  }
  if (ek === 'object') {
    const eo = expected as Record<string, unknown>
    const ao = actual as Record<string, unknown>
    return Object.keys(eo).flatMap((k) =>
      k in ao ? shapeDiff(eo[k], ao[k], `${path}.${k}`) : [`${path}.${k}: missing`],
    )
  }
  return []
}
