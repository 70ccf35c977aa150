import type { Signal, StrategyContext } from './Strategy.js'

/** A filter's verdict: pass, or block with the reason. */
export type FilterVerdict = { pass: true; reason?: string | undefined } | { pass: false; reason: string }

/**
 * A check on a strategy's BUY/SELL signal before sizing (volume, momentum, trend, …). Filters are
 * read-only and must say why they block.
 *
 * @example
 * const weekdays: Filter = { name: 'weekdays', check: (_s, ctx) => new Date(ctx.snapshot.at).getUTCDay() % 6 ? { pass: true } : { pass: false, reason: 'weekend' } }
 */
export interface Filter {
  readonly name: string
  check(signal: Signal, context: StrategyContext): FilterVerdict
}

/** What one filter said. */
export interface FilterStep {
  filter: string
  passed: boolean
  reason: string
}

/** Outcome of a {@link FilterPipeline} run. */
export interface FilterOutcome {
  passed: boolean
  /** The first filter that blocked, if any. */
  blockedBy?: FilterStep | undefined
  /** Each filter that ran, in order (the pipeline stops at the first block). */
  steps: FilterStep[]
}

/** Options of {@link FilterPipeline}. */
export interface FilterPipelineOptions {
  /**
   * Also filter signals that reduce the current position (a SELL while long, a BUY while short).
   * Default false: an exit such as a trailing stop is never held back by an entry filter.
   */
  filterExits?: boolean | undefined
}

/**
 * Runs filters in order on a BUY/SELL signal and stops at the first that blocks. With no filters it
 * passes everything (the seed's pass-through pipeline). HOLD signals pass without running filters.
 *
 * @example
 * const pipeline = new FilterPipeline([new VolumeFilter(), new MomentumFilter(), new TrendFilter()])
 * const outcome = pipeline.run(signal, context)
 * if (!outcome.passed) log(outcome.blockedBy?.reason)
 */
export class FilterPipeline {
  readonly filters: readonly Filter[]
  readonly filterExits: boolean

  constructor(filters: readonly Filter[] = [], options: FilterPipelineOptions = {}) {
    this.filters = [...filters]
    this.filterExits = options.filterExits ?? false
  }

  run(signal: Signal, context: StrategyContext): FilterOutcome {
    if (signal.side === 'HOLD') return { passed: true, steps: [] }
    const qty = context.position.quantity
    const exit = (signal.side === 'SELL' && qty.gt(0)) || (signal.side === 'BUY' && qty.lt(0))
    if (exit && !this.filterExits) return { passed: true, steps: [] }
    const steps: FilterStep[] = []
    for (const filter of this.filters) {
      const verdict = filter.check(signal, context)
      const step = { filter: filter.name, passed: verdict.pass, reason: verdict.reason ?? 'ok' }
      steps.push(step)
      if (!verdict.pass) return { passed: false, blockedBy: step, steps }
    }
    return { passed: true, steps }
  }
}
