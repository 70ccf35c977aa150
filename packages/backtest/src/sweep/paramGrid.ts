import { BacktestError } from '../BacktestError.js'
import { seededRandom } from '../sim/random.js'
import type { SweepParams } from './strategyFactory.js'

type Value = number | string | boolean

/**
 * Every combination of the listed values (cartesian product), in order: the last key varies fastest.
 *
 * @example
 * gridParams({ shortPeriod: [5, 10], longPeriod: [20, 50] })
 * // [{ shortPeriod: 5, longPeriod: 20 }, { shortPeriod: 5, longPeriod: 50 }, { shortPeriod: 10, longPeriod: 20 }, …]
 */
export function gridParams(grid: Readonly<Record<string, readonly Value[]>>): SweepParams[] {
  let out: Record<string, Value>[] = [{}]
  for (const [key, values] of Object.entries(grid)) {
    if (values.length === 0) throw new BacktestError(`grid.${key} has no values.`, 'INVALID_OPTIONS')
    const next: Record<string, Value>[] = []
    for (const partial of out) for (const v of values) next.push({ ...partial, [key]: v })
    out = next
  }
  return out
}

/** A range for {@link randomParams}: uniform in [min, max], whole numbers when `integer`. */
export interface ParamRange {
  min: number
  max: number
  integer?: boolean | undefined
}

/**
 * `samples` random parameter sets from ranges or value lists, reproducible from `seed`.
 *
 * @example
 * randomParams({ shortPeriod: { min: 3, max: 20, integer: true }, trailingStop: [0.01, 0.02] }, 50, 7)
 */
export function randomParams(
  space: Readonly<Record<string, ParamRange | readonly Value[]>>,
  samples: number,
  seed = 1,
): SweepParams[] {
  const next = seededRandom(seed)
  const out: SweepParams[] = []
  for (let i = 0; i < samples; i++) {
    const params: Record<string, Value> = {}
    for (const [key, range] of Object.entries(space)) {
      if (Array.isArray(range)) {
        const values = range as readonly Value[]
        params[key] = values[Math.floor(next() * values.length)]!
      } else {
        const r = range as ParamRange
        params[key] = r.integer
          ? Math.floor(r.min + next() * (Math.floor(r.max) - Math.ceil(r.min) + 1))
          : r.min + next() * (r.max - r.min)
      }
    }
    out.push(params)
  }
  return out
}
