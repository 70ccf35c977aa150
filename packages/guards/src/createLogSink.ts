import type { Alert, AlertDelivery, AlertSink } from './AlertSink.js'

/** The part of a pino / console-style logger the log sink uses: `logger.warn(fields, message)`. */
export interface AlertLogger {
  info(fields: Record<string, unknown>, message: string): void
  warn(fields: Record<string, unknown>, message: string): void
  error(fields: Record<string, unknown>, message: string): void
}

/**
 * An alert sink that writes to an injected logger: breaches of critical guards at `error`, other
 * breaches and warnings at `warn`, recoveries at `info`. Fields carry guard, kind, severity, value,
 * threshold and context.
 *
 * @example
 * const sink = createLogSink(pino())
 */
export function createLogSink(logger: AlertLogger, options: { name?: string } = {}): AlertSink {
  return {
    name: options.name ?? 'log',
    async send(alert: Alert): Promise<AlertDelivery> {
      const fields = {
        guard: alert.guard,
        kind: alert.kind,
        severity: alert.severity,
        status: alert.status,
        value: alert.value,
        threshold: alert.threshold,
        at: alert.at,
        ...(Object.keys(alert.context).length > 0 ? { context: alert.context } : {}),
      }
      if (alert.kind === 'recover') logger.info(fields, alert.message)
      else if (alert.kind === 'breach' && alert.severity === 'critical') logger.error(fields, alert.message)
      else logger.warn(fields, alert.message)
      return { delivered: true }
    },
  }
}
