import { createRequire } from 'node:module'
import { redact, redactString } from '@gpt-trader/validation'
import pino, { type DestinationStream, type LevelWithSilent, type Logger } from 'pino'
import type Pretty from 'pino-pretty'

/** pino-pretty is loaded only when a terminal shows the lines (a service writing JSON never needs it). */
const loadPretty = (): typeof Pretty => createRequire(import.meta.url)('pino-pretty') as typeof Pretty

/** Options of {@link createLogger}. */
export interface CreateLoggerOptions {
  level?: LevelWithSilent | undefined
  /** Human-readable lines instead of JSON. Default: when `destination` is a TTY (stderr by default). */
  pretty?: boolean | undefined
  /** Where lines go. Default: stderr (stdout is kept for command output such as `--json`). */
  destination?: DestinationStream | undefined
  /** Fields on every line (e.g. `{ profile: 'dev' }`). */
  base?: Record<string, unknown> | undefined
}

/**
 * The bot's pino logger. Every argument of every log call passes through `redact` /
 * `redactString` from `@gpt-trader/validation` before pino serialises it, so credentials, JWTs, PEM
 * blocks and secret-named fields never reach a log line.
 *
 * @example
 * const log = createLogger({ level: 'info' })
 * log.info({ apiKeyName: 'organizations/1/apiKeys/2' }, 'started') // apiKeyName: "[REDACTED]"
 */
export function createLogger(options: CreateLoggerOptions = {}): Logger {
  const usePretty = options.pretty ?? (options.destination === undefined && process.stderr.isTTY === true)
  const stream: DestinationStream = usePretty
    ? loadPretty()({
        destination: options.destination ?? 2,
        colorize: options.destination === undefined,
        translateTime: 'SYS:HH:MM:ss.l',
        ignore: 'pid,hostname',
        sync: true,
      })
    : (options.destination ?? pino.destination({ dest: 2, sync: true }))
  return pino(
    {
      level: options.level ?? 'info',
      base: options.base ?? {},
      hooks: {
        logMethod(args, method) {
          const safe = args.map((arg) => (typeof arg === 'string' ? redactString(arg) : redact(arg)))
          method.apply(this, safe as Parameters<typeof method>)
        },
      },
      // Errors are redacted (message and stack scrubbed) before pino's serializer sees them.
      serializers: { err: (value: unknown) => redact(value) },
    },
    stream,
  )
}
