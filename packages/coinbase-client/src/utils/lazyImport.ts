/**
 * Defers a dynamic import to the first call and shares the pending promise; a failed load is not
 * cached, so the next call tries again. Keeps optional dependencies (jose, ky) out of a process that
 * never uses them. Pass the `import()` itself so bundlers still see the specifier.
 *
 * @example
 * const loadJose = lazyImport(() => import('jose'))
 * const { SignJWT } = await loadJose()
 */
export function lazyImport<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined
  return () => {
    if (!pending) {
      const loading = load()
      pending = loading
      loading.catch(() => {
        if (pending === loading) pending = undefined
      })
    }
    return pending
  }
}
