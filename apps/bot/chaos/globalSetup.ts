import { existsSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { ChaosRow } from './harness.js'
import { formatTable, TABLE_FILE } from './table.js'

const file = join(import.meta.dirname, '..', TABLE_FILE)

/** Clears the previous run's rows. */
export default function setup(): () => void {
  rmSync(file, { force: true })
  return teardown
}

/** Prints the fault table once every chaos test has finished. */
function teardown(): void {
  if (!existsSync(file)) return
  const rows = JSON.parse(readFileSync(file, 'utf8')) as ChaosRow[]
  process.stdout.write(`\n${formatTable(rows)}\n`)
}
