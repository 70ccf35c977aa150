import { decodeProtectedHeader, jwtVerify } from 'jose'
import type { SimKey } from './keys.js'

/** Allowed clock difference (seconds) between a client and the sim when checking nbf/exp. */
export const JWT_SKEW_SECONDS = 5

/** Inputs of a JWT check. */
export interface JwtCheck {
  token: string
  keys: ReadonlyMap<string, SimKey>
  nowMs: number
  /** `METHOD path` the token must be for (REST); undefined for WebSocket tokens. */
  request?: { method: string; path: string; hosts: readonly string[] }
}

/**
 * Verifies a CDP JWT as Coinbase does: signature with the key named by `kid`, `sub == kid`,
 * `iss` cdp/coinbase-cloud, nbf/exp window (± {@link JWT_SKEW_SECONDS}, exp ≤ nbf + 120), and for
 * REST the `uri` (or `uris[0]`) claim `METHOD host/path` with either accepted host, scheme optional.
 * Returns the key or null. Never throws and never logs the token.
 */
export async function verifyJwt(check: JwtCheck): Promise<SimKey | null> {
  let kid: unknown
  try {
    kid = decodeProtectedHeader(check.token).kid
  } catch {
    return null
  }
  if (typeof kid !== 'string') return null
  const key = check.keys.get(kid)
  if (!key) return null
  try {
    const { payload, protectedHeader } = await jwtVerify(check.token, key.publicKey, {
      algorithms: [key.algorithm],
      currentDate: new Date(check.nowMs),
      clockTolerance: JWT_SKEW_SECONDS,
    })
    if (protectedHeader.alg !== key.algorithm) return null
    if (payload.sub !== kid) return null
    if (payload.iss !== 'cdp' && payload.iss !== 'coinbase-cloud') return null
    const nowSec = check.nowMs / 1000
    if (typeof payload.nbf !== 'number' || typeof payload.exp !== 'number') return null
    if (payload.nbf > nowSec + JWT_SKEW_SECONDS || payload.exp < nowSec - JWT_SKEW_SECONDS) return null
    if (payload.exp - payload.nbf > 120) return null
    if (check.request) {
      const uris = (payload as { uris?: unknown }).uris
      const uri =
        typeof payload.uri === 'string'
          ? payload.uri
          : Array.isArray(uris) && typeof uris[0] === 'string'
            ? uris[0]
            : null
      if (uri === null || !uriMatches(uri, check.request.method, check.request.path, check.request.hosts))
        return null
    }
    return key
  } catch {
    return null
  }
}

/** `uri` claim check: method and path strict, host one of `hosts`, optional http(s) scheme, no query. */
export function uriMatches(uri: string, method: string, path: string, hosts: readonly string[]): boolean {
  const space = uri.indexOf(' ')
  if (space < 0) return false
  if (uri.slice(0, space) !== method) return false
  const rest = uri.slice(space + 1).replace(/^https?:\/\//, '')
  const slash = rest.indexOf('/')
  if (slash < 0) return false
  const host = rest.slice(0, slash)
  const p = rest.slice(slash)
  return hosts.includes(host) && p === path
}
