import { spotTop10Preset } from '@gpt-trader/risk'
import type { BotConfig } from './loadConfig.js'

function isPlain(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype
}

function merge(base: unknown, override: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = isPlain(base) ? { ...base } : {}
  if (!isPlain(override)) return out
  for (const [key, value] of Object.entries(override)) {
    out[key] = isPlain(out[key]) && isPlain(value) ? merge(out[key], value) : value
  }
  return out
}

/**
 * The profile's risk settings as a plain `RiskConfigInput` (preset + overrides, nested objects
 * merged key by key as `resolveRiskConfig` does), for tools that resolve it themselves (backtest,
 * sweep workers). Plain JSON: safe to send to a worker thread.
 *
 * @example
 * runBacktest({ data, strategy, risk: riskInputFor(config) })
 */
export function riskInputFor(config: BotConfig): Record<string, unknown> {
  return config.riskPreset === 'spot_top10'
    ? merge(spotTop10Preset, config.riskInput)
    : { ...config.riskInput }
}
