/** Byte helpers that work in browsers and Node without `Buffer` (the main entry stays browser-safe). */

/** Decodes standard or URL-safe base64 (padding optional). Returns `null` when the text is not base64. */
export function base64ToBytes(text: string): Uint8Array | null {
  const compact = text.replace(/\s+/g, '').replace(/-/g, '+').replace(/_/g, '/')
  if (compact.length === 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) return null
  const padded = compact.replace(/=+$/, '')
  if (padded.length % 4 === 1) return null
  const full = padded + '='.repeat((4 - (padded.length % 4)) % 4)
  let binary: string
  try {
    binary = atob(full)
  } catch {
    return null
  }
  const out = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i)
  return out
}

/** Standard base64 with padding. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  }
  return btoa(binary)
}

/** URL-safe base64 without padding (JWK / JWS encoding). */
export function bytesToBase64Url(bytes: Uint8Array): string {
  return bytesToBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/** Lower-case hex. */
export function bytesToHex(bytes: Uint8Array): string {
  let out = ''
  for (const b of bytes) out += b.toString(16).padStart(2, '0')
  return out
}

/** Concatenates byte arrays. */
export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array {
  let length = 0
  for (const p of parts) length += p.length
  const out = new Uint8Array(length)
  let offset = 0
  for (const p of parts) {
    out.set(p, offset)
    offset += p.length
  }
  return out
}

/** `count` cryptographically random bytes from WebCrypto. */
export function randomBytes(count: number): Uint8Array {
  const out = new Uint8Array(count)
  globalThis.crypto.getRandomValues(out)
  return out
}
