/**
 * Machine-readable bench output for `scripts/bench-report.mjs` (which writes BENCHMARKS.md): when
 * `BENCH_JSON=<file>` is set, the bench also writes its figures there as a JSON array. The human
 * table is printed either way.
 */
import { writeFileSync } from 'node:fs'

/** One figure: `target` and `baseline` (the peer or floor measured in the same run) are optional. */
export interface BenchFigure {
  name: string
  value: number
  unit: string
  target?: number
  higherIsBetter: boolean
  baseline?: { name: string; value: number }
}

/** Writes `figures` to `$BENCH_JSON` when that variable is set; does nothing otherwise. */
export function writeBenchJson(figures: readonly BenchFigure[]): void {
  const file = process.env.BENCH_JSON
  if (!file) return
  writeFileSync(file, `${JSON.stringify(figures, null, 2)}\n`)
}
