#!/usr/bin/env node
// Adds up the vitest JSON reports every workspace wrote and prints one closing line, so a CI log
// shows the total test count. Fails if any workspace has no unit-suite report, if any report shows a
// failure or a skipped test, if a report is not a vitest JSON report, or if nothing passed. Failed
// tests are listed last with the first lines of their message, so they show at the end of a CI log
// (`verify` also runs this when a turbo stage fails).
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '..')
// `test-results.json` is each workspace's unit suite (required); `chaos-results.json` and
// `crash-results.json` are the bot's own turbo tasks (counted when present).
const SUITES = ['test', 'chaos', 'crash']
let passed = 0
let failed = 0
let skipped = 0
const rows = []
const failures = []
const firstLines = (text) =>
  String(text ?? '')
    .split('\n')
    .slice(0, 6)
    .join('\n      ')
for (const group of ['packages', 'apps']) {
  const base = join(root, group)
  if (!existsSync(base)) continue
  for (const dir of readdirSync(base)) {
    if (!existsSync(join(base, dir, 'package.json'))) continue
    if (!existsSync(join(base, dir, 'test-results.json'))) {
      rows.push([`${group}/${dir}`, 'no report'])
      failed += 1
      continue
    }
    for (const suite of SUITES) {
      const file = join(base, dir, `${suite}-results.json`)
      if (!existsSync(file)) continue
      const label = `${group}/${dir}${suite === 'test' ? '' : ` (${suite})`}`
      const report = JSON.parse(readFileSync(file, 'utf8'))
      if (![report.numPassedTests, report.numFailedTests].every(Number.isInteger)) {
        rows.push([label, 'not a vitest JSON report'])
        failed += 1
        continue
      }
      passed += report.numPassedTests
      failed += report.numFailedTests
      skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0)
      rows.push([label, `${report.numPassedTests} passed, ${report.numFailedTests} failed`])
      for (const file of report.testResults ?? []) {
        // A file that failed to load has no failed test, only its own message.
        if (file.status === 'failed' && !(file.assertionResults ?? []).some((t) => t.status === 'failed'))
          failures.push(`  ${label}: ${file.name}\n      ${firstLines(file.message)}`)
        for (const test of file.assertionResults ?? []) {
          if (test.status !== 'failed') continue
          failures.push(`  ${label}: ${test.fullName}\n      ${firstLines(test.failureMessages?.[0])}`)
        }
      }
    }
  }
}
for (const [name, text] of rows) console.log(`  ${name.padEnd(32)} ${text}`)
if (failures.length > 0) console.log(`Failed tests:\n${failures.join('\n')}`)
console.log(`Tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`)
if (failed > 0 || skipped > 0 || passed === 0) process.exitCode = 1
