#!/usr/bin/env node
// Adds up the vitest JSON reports every package wrote (`test-results.json`) and prints one closing
// line, so a CI log shows the total test count. Fails if any package reported a failure or no tests.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '..')
let passed = 0
let failed = 0
let skipped = 0
const rows = []
for (const group of ['packages', 'apps']) {
  const base = join(root, group)
  if (!existsSync(base)) continue
  for (const dir of readdirSync(base)) {
    const file = join(base, dir, 'test-results.json')
    if (!existsSync(join(base, dir, 'package.json'))) continue
    if (!existsSync(file)) {
      rows.push([`${group}/${dir}`, 'no report'])
      failed += 1
      continue
    }
    // `test-results.json` is the package's unit suite; `<suite>-results.json` (chaos, crash) are the
    // extra suites some workspaces run as their own turbo task.
    const reports = readdirSync(join(base, dir))
      .filter((f) => f.endsWith('-results.json'))
      .sort()
    for (const name of reports) {
      const report = JSON.parse(readFileSync(join(base, dir, name), 'utf8'))
      passed += report.numPassedTests
      failed += report.numFailedTests
      skipped += report.numPendingTests + (report.numTodoTests ?? 0)
      const suite = name === 'test-results.json' ? '' : ` (${name.slice(0, -'-results.json'.length)})`
      rows.push([
        `${group}/${dir}${suite}`,
        `${report.numPassedTests} passed, ${report.numFailedTests} failed`,
      ])
    }
  }
}
for (const [name, text] of rows) console.log(`  ${name.padEnd(32)} ${text}`)
console.log(`Tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`)
if (failed > 0 || skipped > 0 || passed === 0) process.exitCode = 1
