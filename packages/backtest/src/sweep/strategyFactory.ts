import { pathToFileURL } from 'node:url'
import { MomentumStrategy, MovingAverageCrossStrategy, type Strategy } from '@gpt-trader/live-trade'
import { BacktestError } from '../BacktestError.js'

/** Parameters of one sweep point: plain JSON values. */
export type SweepParams = Readonly<Record<string, number | string | boolean>>

/**
 * Which strategy a sweep builds for each parameter set. Built-ins: `'ma-cross'`
 * (MovingAverageCrossStrategy) and `'momentum'` (MomentumStrategy), whose options are the params.
 * Or a module (absolute path or `file:` URL) exporting `export` (default `createStrategy`), a function
 * `(params) => Strategy`: workers import it themselves, because a function cannot cross threads.
 */
export type StrategySpec = 'ma-cross' | 'momentum' | { module: string; export?: string | undefined }

/** Builds the strategy of `spec` for `params`. @internal */
export async function loadStrategyFactory(spec: StrategySpec): Promise<(params: SweepParams) => Strategy> {
  if (spec === 'ma-cross') return (params) => new MovingAverageCrossStrategy(params)
  if (spec === 'momentum') return (params) => new MomentumStrategy(params)
  const name = spec.export ?? 'createStrategy'
  // Absolute paths (POSIX or Windows) become file URLs; URLs pass through.
  const url = /^(file|data|node):/.test(spec.module) ? spec.module : pathToFileURL(spec.module).href
  let mod: Record<string, unknown>
  try {
    mod = (await import(url)) as Record<string, unknown>
  } catch (cause) {
    throw new BacktestError(`Cannot import the strategy module ${spec.module}.`, 'SWEEP_FAILED', { cause })
  }
  const factory = mod[name]
  if (typeof factory !== 'function') {
    throw new BacktestError(
      `The strategy module ${spec.module} has no function export ${name}.`,
      'SWEEP_FAILED',
    )
  }
  return factory as (params: SweepParams) => Strategy
}
