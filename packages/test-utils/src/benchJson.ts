/**
 * Machine-readable bench output for `scripts/bench-report.mjs` (which writes BENCHMARKS.md): when
 * `BENCH_JSON=<file>` is set, the bench also writes its figures there as a JSON array. The human
 * table is printed either way.
 */
import { mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs'

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

/**
 * Adds (or replaces, by name) one figure in `$BENCH_JSON`, under a lock directory: vitest may run
 * bench files in parallel workers that write the same file. Figures are kept sorted by name so the
 * report does not depend on which file finished first. Does nothing when `BENCH_JSON` is unset.
 */
export function mergeBenchJson(figure: BenchFigure): void {
  const file = process.env.BENCH_JSON
  if (!file) return
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
    figures.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    writeFileSync(file, `${JSON.stringify(figures, null, 2)}\n`)
  } finally {
    rmdirSync(lock)
  }
}

/**
 * vitest `bench` options that record the bench's ops/s into `$BENCH_JSON` (see
 * {@link mergeBenchJson}). A bench without `baseline` is the baseline itself: it is only kept in
 * memory, for the benches of the same file that name it.
 */
export function recordBench(
  group: string,
  baseline?: string,
): { setup: (task: { name: string; result?: { hz: number } } & EventTarget, mode?: string) => void } {
  return {
    setup: (task, mode) => {
      if (mode !== 'run' || !process.env.BENCH_JSON) return
      task.addEventListener('complete', () => {
        hz.set(task.name, task.result?.hz ?? 0)
        if (baseline === undefined) return
        const base = hz.get(baseline)
        mergeBenchJson({
          name: `${group}: ${task.name}`,
          value: task.result?.hz ?? 0,
          unit: 'ops/s',
          higherIsBetter: true,
          ...(base === undefined ? {} : { baseline: { name: baseline, value: base } }),
        })
      })
    },
  }
}
const hz = new Map<string, number>()
