/** Selects which REST requests a fault applies to. */
export interface FaultMatch {
  method?: string
  /** Exact path (e.g. `/api/v3/brokerage/orders`) or a RegExp tested against the path. */
  path?: string | RegExp
}

/**
 * A fault to inject with `control.injectFault` (or `--fault` on the CLI). `count` defaults to
 * Infinity (until removed).
 */
export type SimFault =
  | { kind: 'latency'; ms: number; match?: FaultMatch; count?: number }
  | {
      kind: 'rateLimit'
      count?: number
      match?: FaultMatch
      /** Sent as the `Retry-After` header (whole seconds); none by default. */
      retryAfterSeconds?: number
    }
  | { kind: 'serverError'; status?: 500 | 502 | 503; count?: number; match?: FaultMatch }
  | { kind: 'hang'; count?: number; match?: FaultMatch }
  | { kind: 'dropResponse'; count?: number; match?: FaultMatch }
  | { kind: 'wsDisconnect'; code?: number }
  | { kind: 'wsSkipSequence'; count?: number }
  | { kind: 'wsDuplicate'; count?: number }
  | { kind: 'wsMalformed'; count?: number }
  | { kind: 'staleFeed'; products?: string[] }
  /**
   * Level2 snapshots owed to new subscriptions (a client resyncing after a gap) are held back while
   * the fault is active, so the client's book stays out of sync; they go out at the first flush after
   * the fault is removed.
   */
  | { kind: 'wsHoldSnapshots' }
  | { kind: 'clockSkew'; ms: number }
  /** Answers authenticated REST requests with 401 (a revoked or rejected key) and refuses WS auth. */
  | { kind: 'authReject'; count?: number; match?: FaultMatch }

/** An injected fault with its remaining uses. */
export interface ActiveFault {
  fault: SimFault
  remaining: number
}

/** True when `match` selects `method path`. */
export function faultMatches(match: FaultMatch | undefined, method: string, path: string): boolean {
  if (!match) return true
  if (match.method && match.method.toUpperCase() !== method) return false
  if (match.path === undefined) return true
  return typeof match.path === 'string' ? match.path === path : match.path.test(path)
}

/**
 * Parses a CLI fault spec: `latency=200`, `rateLimit`, `rateLimit=3`, `serverError=503`, `hang`,
 * `dropResponse`, `wsSkipSequence=2`, `wsDuplicate`, `wsMalformed`, `staleFeed=BTC-USD`,
 * `clockSkew=-3000`, `authReject`, `authReject=2`, `wsHoldSnapshots`. Returns null for an unknown spec.
 */
export function parseFaultSpec(spec: string): SimFault | null {
  const eq = spec.indexOf('=')
  const kind = eq < 0 ? spec : spec.slice(0, eq)
  const arg = eq < 0 ? '' : spec.slice(eq + 1)
  const n = arg === '' ? Number.NaN : Number(arg)
  const count = Number.isFinite(n) ? { count: n } : {}
  switch (kind) {
    case 'latency':
      return Number.isFinite(n) ? { kind: 'latency', ms: n } : null
    case 'rateLimit':
      return { kind: 'rateLimit', ...count }
    case 'serverError':
      return n === 500 || n === 502 || n === 503
        ? { kind: 'serverError', status: n }
        : { kind: 'serverError' }
    case 'hang':
      return { kind: 'hang', ...count }
    case 'dropResponse':
      return { kind: 'dropResponse', ...count }
    case 'wsSkipSequence':
      return { kind: 'wsSkipSequence', ...count }
    case 'wsDuplicate':
      return { kind: 'wsDuplicate', ...count }
    case 'wsMalformed':
      return { kind: 'wsMalformed', ...count }
    case 'staleFeed':
      return arg ? { kind: 'staleFeed', products: arg.split(',') } : { kind: 'staleFeed' }
    case 'clockSkew':
      return Number.isFinite(n) ? { kind: 'clockSkew', ms: n } : null
    case 'wsHoldSnapshots':
      return { kind: 'wsHoldSnapshots' }
    case 'authReject':
      return { kind: 'authReject', ...count }
    default:
      return null
  }
}
