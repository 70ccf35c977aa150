import { mkdirSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'

/**
 * Writes `data` as JSON to `file` atomically: to `file.<pid>.tmp` first, then `rename` over the
 * target, so a reader (or a crash) never sees half a file.
 *
 * @example
 * writeJsonAtomic('var/data/dev/metrics.json', { cycles: 3 })
 */
export function writeJsonAtomic(file: string, data: unknown): void {
  mkdirSync(dirname(file), { recursive: true })
  const tmp = `${file}.${process.pid}.tmp`
  writeFileSync(tmp, `${JSON.stringify(data, null, 2)}\n`)
  renameSync(tmp, file)
}
