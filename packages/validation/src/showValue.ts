import { redactString } from './redact.js'

/**
 * Describes a rejected input for an issue message: strings quoted, cut to 40 characters and scrubbed
 * (the value being checked may be a credential), other values by type.
 * @internal
 */
export function showValue(input: unknown): string {
  if (typeof input === 'string') {
    return JSON.stringify(redactString(input.length > 40 ? `${input.slice(0, 40)}…` : input))
  }
  if (input === null) return 'null'
  if (input === undefined) return 'nothing'
  if (Array.isArray(input)) return 'an array'
  if (typeof input === 'number' || typeof input === 'boolean') return String(input)
  return typeof input
}
