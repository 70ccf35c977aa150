/**
 * Derives a client order id from a decision id: `prefix` + 16 hex digits of a 64-bit FNV-1a hash.
 * The same decision always gets the same id, so placing it again (after a crash, a retry, a
 * duplicated cycle) is recognised as the same order instead of sent twice. The prefix lets the
 * `Reconciler` tell this bot's orders from others.
 *
 * @example
 * deriveClientOrderId('gt-', 'ma-cross:BTC-USD:1767225600000') // 'gt-' + 16 hex digits, always the same
 */
export function deriveClientOrderId(prefix: string, decisionId: string): string {
  // The trading loop asks for a decision's id and then places it, which asks again: the last answer
  // is remembered (the same string instance also keeps its hash for the map lookups that follow).
  if (decisionId === lastDecisionId && prefix === lastPrefix) return lastId
  const id = derive(prefix, decisionId)
  lastPrefix = prefix
  lastDecisionId = decisionId
  lastId = id
  return id
}

let lastPrefix: string | undefined
let lastDecisionId: string | undefined
let lastId = ''

function derive(prefix: string, decisionId: string): string {
  // Two 32-bit FNV-1a lanes with different offsets: cheap, stable across platforms, no crypto needed
  // (the id must be unique per decision, not secret).
  let a = 0x811c9dc5
  let b = 0x050c5d1f
  for (let i = 0; i < decisionId.length; i++) {
    const c = decisionId.charCodeAt(i)
    a = Math.imul(a ^ c, 0x01000193)
    b = Math.imul(b ^ c, 0x01000193) ^ (a >>> 15)
  }
  return prefix + (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0')
}
