import type { ChaosRow } from './harness.js'

/** Where the chaos suite leaves its rows for the closing table (next to chaos-results.json). */
export const TABLE_FILE = 'chaos-table.json'

/** The closing table: fault → expected → observed → PASS/FAIL. */
export function formatTable(rows: readonly ChaosRow[]): string {
  const header: ChaosRow = { fault: 'fault', expected: 'expected', observed: 'observed', pass: true }
  const all = [header, ...rows]
  const width = (key: 'fault' | 'expected') => Math.max(...all.map((r) => r[key].length))
  const wf = width('fault')
  const we = width('expected')
  const line = (r: ChaosRow, i: number) =>
    `${String(i === 0 ? '#' : i).padStart(2)}  ${r.fault.padEnd(wf)}  ${r.expected.padEnd(we)}  ${i === 0 ? 'result' : r.pass ? 'PASS  ' : 'FAIL  '}  ${r.observed}`
  const passed = rows.filter((r) => r.pass).length
  return [...all.map(line), '', `chaos: ${passed} / ${rows.length} faults handled`].join('\n')
}
