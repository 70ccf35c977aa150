import { mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs'
import { bench, describe } from 'vitest'
import { Decimal } from './decimal.js'
import { quantize } from './quantize.js'

// With BENCH_JSON=<file>, each bench's ops/s also goes into that file (the JSON array read by
// scripts/bench-report.mjs), merged by name under a lock directory because vitest may run bench files
// in parallel workers (sorted by name, so the order does not depend on which file finishes first).
interface BenchFigure {
  name: string
  value: number
  unit: string
  higherIsBetter: boolean
  baseline?: { name: string; value: number }
}
const hz = new Map<string, number>()
/** Bench options that record the result; the baseline itself (no `baseline` argument) is only kept. */
function recordTo(group: string, baseline?: string) {
  return {
    setup: (task: { name: string; result?: { hz: number } } & EventTarget, mode?: string) => {
      if (mode !== 'run' || !process.env.BENCH_JSON) return
      task.addEventListener('complete', () => {
        hz.set(task.name, task.result?.hz ?? 0)
        if (baseline === undefined) return
        const base = hz.get(baseline)
        mergeFigure({
          name: `${group}: ${task.name}`,
          value: task.result?.hz ?? 0,
          unit: 'ops/s',
          higherIsBetter: true,
          ...(baseline !== undefined && base !== undefined
            ? { baseline: { name: baseline, value: base } }
            : {}),
        })
      })
    },
  }
}
function mergeFigure(figure: BenchFigure): void {
  const file = process.env.BENCH_JSON as string
  const lock = `${file}.lock`
  for (let i = 0; i < 400; i++) {
    try {
      mkdirSync(lock)
      break
    } catch {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5)
    }
  }
  try {
    let figures: BenchFigure[] = []
    try {
      figures = JSON.parse(readFileSync(file, 'utf8')) as BenchFigure[]
    } catch {
      // No file yet (or a partial one from an earlier crash): start afresh.
    }
    figures = figures.filter((f) => f.name !== figure.name)
    figures.push(figure)
    // Files finish in either order: sort so the report is the same from run to run.
    figures.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    writeFileSync(file, `${JSON.stringify(figures, null, 2)}\n`)
  } finally {
    rmdirSync(lock)
  }
}

// Baseline in the same run: decimal.js `toNearest` (precision-bound, so not exact for every input,
// which is why quantize scales to BigInt instead).
const group = 'quantize 0.123456789 to 0.00000001'
const baseline = 'Decimal#toNearest (baseline)'
describe(group, () => {
  bench(
    baseline,
    () => {
      new Decimal('0.123456789').toNearest('0.00000001', Decimal.ROUND_FLOOR)
    },
    recordTo(group),
  )
  bench(
    'quantize floor',
    () => {
      quantize('0.123456789', '0.00000001', 'floor')
    },
    recordTo(group, baseline),
  )
  bench(
    'quantize half-even (67000.015 to 0.01)',
    () => {
      quantize('67000.015', '0.01', 'half-even')
    },
    recordTo(group, baseline),
  )
})
