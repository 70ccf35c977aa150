/** The market regimes the default configuration knows. Custom regimes can be added through the config. */
export type MarketRegime =
  | 'bull_quiet'
  | 'bull_volatile'
  | 'bear_quiet'
  | 'bear_volatile'
  | 'sideways_quiet'
  | 'sideways_volatile'
  | 'crisis'

/**
 * Size multiplier per market regime (defaults of the original sizer). Unknown regimes are an error,
 * never silently 1.
 */
export const defaultRegimeMultipliers: Readonly<Record<MarketRegime, string>> = Object.freeze({
  bull_quiet: '1.5',
  bull_volatile: '0.9',
  bear_quiet: '0.6',
  bear_volatile: '0.4',
  sideways_quiet: '1.0',
  sideways_volatile: '0.7',
  crisis: '0.2',
})
