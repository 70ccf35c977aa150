import type { Comparator, GuardMessageContext } from './Guard.js'

/** @internal The default template. */
export const DEFAULT_TEMPLATE = '{label} {verb} {threshold}{units} (current: {value}{units})'
/** @internal Default for a warning when no template is given. */
export const WARNING_TEMPLATE = '{label} close to {threshold}{units} (current: {value}{units})'
/** @internal Default for a recovery when no template is given. */
export const RECOVER_TEMPLATE = '{label} back within {threshold}{units} (current: {value}{units})'

/** @internal */
export function verbFor(comparator: Comparator): string {
  switch (comparator) {
    case 'lt':
    case 'lte':
    case 'abs_lt':
      return 'fell below'
    case 'eq':
      return 'reached'
    case 'ne':
      return 'differs from'
    default:
      return 'exceeded'
  }
}

/**
 * Fills a guard message template: `{key}` is looked up in the message context, then in its
 * `context`; unknown keys stay as written.
 *
 * @example
 * formatGuardMessage('{label} {verb} {threshold}{units}', ctx) // 'daily loss exceeded 250 USD'
 */
export function formatGuardMessage(template: string, context: GuardMessageContext): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    if (key !== 'context' && Object.hasOwn(context, key))
      return String(context[key as keyof GuardMessageContext])
    if (Object.hasOwn(context.context, key)) return String(context.context[key])
    return whole
  })
}
