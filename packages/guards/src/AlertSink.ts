import type { GuardSeverity, GuardStatus } from './Guard.js'

/** What happened to a guard. */
export type AlertKind = 'warning' | 'breach' | 'recover'

/** One alert, ready to send anywhere. Values are pre-formatted strings (money stays exact). */
export interface Alert {
  kind: AlertKind
  guard: string
  severity: GuardSeverity
  status: GuardStatus
  previous: GuardStatus
  /** The guard's message, e.g. `daily loss exceeded 250 USD (current: 263.10 USD)`. */
  message: string
  value: string
  threshold: string
  /** Epoch milliseconds from the injected clock. */
  at: number
  context: Readonly<Record<string, string | number>>
}

/** Result of one delivery attempt. */
export interface AlertDelivery {
  delivered: boolean
  /** Why it was not delivered (`'duplicate'`, `'rate_limited'`), when `delivered` is false. */
  reason?: 'duplicate' | 'rate_limited'
}

/** Where alerts go. `send` may reject; the manager counts that as a recoverable telemetry failure. */
export interface AlertSink {
  readonly name: string
  send(alert: Alert): Promise<AlertDelivery>
}
