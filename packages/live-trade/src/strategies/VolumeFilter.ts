import type { Filter, FilterVerdict } from './FilterPipeline.js'
import type { Signal, StrategyContext } from './Strategy.js'

/** Options of {@link VolumeFilter}. */
export interface VolumeFilterOptions {
  /** Candles in the average (before the last one). Default 20. */
  window?: number | undefined
  /** The last candle's volume must be at least this multiple of the average. Default 1. */
  minRatio?: number | undefined
  /** And at least this absolute volume. Default 0. */
  minVolume?: number | undefined
}

/**
 * Blocks signals on thin volume: the last candle's volume must reach `minRatio` × the average of the
 * previous `window` candles (and `minVolume`). Blocks while there is not enough history.
 *
 * @example
 * new VolumeFilter({ window: 20, minRatio: 1.2 })
 */
export class VolumeFilter implements Filter {
  readonly name = 'volume'
  readonly window: number
  readonly minRatio: number
  readonly minVolume: number

  constructor(options: VolumeFilterOptions = {}) {
    this.window = options.window ?? 20
    this.minRatio = options.minRatio ?? 1
    this.minVolume = options.minVolume ?? 0
  }

  check(_signal: Signal, { snapshot }: StrategyContext): FilterVerdict {
    const candles = snapshot.candles
    if (candles.length < this.window + 1) {
      return {
        pass: false,
        reason: `not enough candles for the volume average: ${candles.length} of ${this.window + 1}`,
      }
    }
    const last = candles[candles.length - 1]!.volume
    let sum = 0
    for (let i = candles.length - 1 - this.window; i < candles.length - 1; i++) sum += candles[i]!.volume
    const average = sum / this.window
    if (last < this.minVolume) {
      return { pass: false, reason: `volume ${round(last)} below the minimum ${this.minVolume}` }
    }
    if (last < average * this.minRatio) {
      return {
        pass: false,
        reason: `volume ${round(last)} below ${this.minRatio} × the ${this.window}-candle average ${round(average)}`,
      }
    }
    return { pass: true, reason: `volume ${round(last)} vs average ${round(average)}` }
  }
}

function round(n: number): string {
  return String(Math.round(n * 1000) / 1000)
}
