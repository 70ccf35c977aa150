import { concatBytes } from './encoding.js'

/**
 * Just enough ASN.1 DER to recognise PKCS#8 and SEC1 private keys and to rewrap them, without
 * `node:crypto` (the main entry must run in browsers).
 */

/** One DER element: tag byte, where its content starts and ends in the buffer. */
export interface DerElement {
  tag: number
  start: number
  end: number
}

/** DER tags used here. */
export const DerTag = {
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  oid: 0x06,
  sequence: 0x30,
  context0: 0xa0,
  context1: 0xa1,
} as const

/** Reads the element at `offset`; throws a plain `Error` (caught by the key parser) on malformed input. */
export function readElement(bytes: Uint8Array, offset: number, limit = bytes.length): DerElement {
  if (offset + 2 > limit) throw new Error('truncated DER')
  const tag = bytes[offset]!
  let length = bytes[offset + 1]!
  let start = offset + 2
  if (length & 0x80) {
    const count = length & 0x7f
    if (count === 0 || count > 3 || start + count > limit) throw new Error('bad DER length')
    length = 0
    for (let i = 0; i < count; i++) length = (length << 8) | bytes[start + i]!
    start += count
  }
  const end = start + length
  if (end > limit) throw new Error('truncated DER')
  return { tag, start, end }
}

/** The direct children of a constructed element. */
export function readChildren(bytes: Uint8Array, parent: DerElement): DerElement[] {
  const out: DerElement[] = []
  let offset = parent.start
  while (offset < parent.end) {
    const el = readElement(bytes, offset, parent.end)
    out.push(el)
    offset = el.end
  }
  return out
}

/** The content bytes of an element. */
export function contentOf(bytes: Uint8Array, el: DerElement): Uint8Array {
  return bytes.subarray(el.start, el.end)
}

/** Encodes one element. */
export function encodeElement(tag: number, content: Uint8Array): Uint8Array {
  const n = content.length
  let header: number[]
  if (n < 0x80) header = [tag, n]
  else if (n < 0x100) header = [tag, 0x81, n]
  else if (n < 0x10000) header = [tag, 0x82, n >> 8, n & 0xff]
  else header = [tag, 0x83, n >> 16, (n >> 8) & 0xff, n & 0xff]
  return concatBytes(Uint8Array.from(header), content)
}

/** Byte-wise equality. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

/** OID content bytes. */
export const Oid = {
  /** 1.2.840.10045.2.1 id-ecPublicKey */
  ecPublicKey: Uint8Array.from([0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01]),
  /** 1.2.840.10045.3.1.7 prime256v1 / P-256 */
  p256: Uint8Array.from([0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07]),
  /** 1.3.132.0.10 secp256k1 */
  secp256k1: Uint8Array.from([0x2b, 0x81, 0x04, 0x00, 0x0a]),
  /** 1.3.132.0.34 P-384 */
  p384: Uint8Array.from([0x2b, 0x81, 0x04, 0x00, 0x22]),
  /** 1.3.101.112 Ed25519 */
  ed25519: Uint8Array.from([0x2b, 0x65, 0x70]),
  /** 1.2.840.113549.1.1.1 rsaEncryption */
  rsa: Uint8Array.from([0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01]),
} as const

/** PKCS#8 for an Ed25519 32-byte seed (RFC 8410). */
export function ed25519SeedToPkcs8(seed: Uint8Array): Uint8Array {
  const algorithm = encodeElement(DerTag.sequence, encodeElement(DerTag.oid, Oid.ed25519))
  const privateKey = encodeElement(DerTag.octetString, encodeElement(DerTag.octetString, seed))
  return encodeElement(
    DerTag.sequence,
    concatBytes(encodeElement(DerTag.integer, Uint8Array.of(0)), algorithm, privateKey),
  )
}

/** PKCS#8 for a P-256 private scalar (32 bytes) and optional uncompressed public point (RFC 5915 inside RFC 5208). */
export function p256ToPkcs8(d: Uint8Array, publicPoint?: Uint8Array): Uint8Array {
  const inner = encodeElement(
    DerTag.sequence,
    concatBytes(
      encodeElement(DerTag.integer, Uint8Array.of(1)),
      encodeElement(DerTag.octetString, d),
      ...(publicPoint
        ? [
            encodeElement(
              DerTag.context1,
              encodeElement(DerTag.bitString, concatBytes(Uint8Array.of(0), publicPoint)),
            ),
          ]
        : []),
    ),
  )
  const algorithm = encodeElement(
    DerTag.sequence,
    concatBytes(encodeElement(DerTag.oid, Oid.ecPublicKey), encodeElement(DerTag.oid, Oid.p256)),
  )
  return encodeElement(
    DerTag.sequence,
    concatBytes(
      encodeElement(DerTag.integer, Uint8Array.of(0)),
      algorithm,
      encodeElement(DerTag.octetString, inner),
    ),
  )
}
