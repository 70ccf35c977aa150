import { InvalidCredentials } from '../errors/InvalidCredentials.js'
import {
  bytesEqual,
  contentOf,
  DerTag,
  ed25519SeedToPkcs8,
  Oid,
  p256ToPkcs8,
  readChildren,
  readElement,
} from './der.js'
import { base64ToBytes } from './encoding.js'

/** JWS algorithm for a CDP key: `ES256` for ECDSA P-256 keys, `EdDSA` for Ed25519 keys. */
export type JwtAlgorithm = 'ES256' | 'EdDSA'

/**
 * A CDP API key as users hold it. `apiKeyName` (or `name` / `id`, as in downloaded key files) is the
 * key id (`organizations/{org}/apiKeys/{key}` for EC keys, a UUID for Ed25519 keys). `privateKey` is one
 * of: a SEC1 PEM (`-----BEGIN EC PRIVATE KEY-----`), a PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`, EC
 * P-256 or Ed25519), or base64 of an Ed25519 key (64 bytes = seed ‖ public key, or a 32-byte seed).
 * Literal `\n` escapes (as in `.env` files) are accepted.
 */
export interface CredentialsInput {
  apiKeyName?: string
  name?: string
  id?: string
  privateKey: string
  /** Optional check: the algorithm the key must have. */
  algorithm?: JwtAlgorithm
}

/**
 * Parsed, validated credentials. Holds the key name and algorithm; the key material lives in a private
 * registry, so this object can be logged or serialised without leaking the secret.
 */
export interface Credentials {
  readonly kind: 'cdp'
  readonly keyName: string
  readonly algorithm: JwtAlgorithm
}

/** Anything {@link parseCredentials} accepts: an object, the JSON text of a downloaded key file, or parsed credentials. */
export type CredentialsSource = CredentialsInput | Credentials | string

interface KeyMaterial {
  pkcs8: Uint8Array
  /** For 64-byte Ed25519 keys: the public half to check against the seed on first use. */
  expectedPublicKey?: Uint8Array
}

const keyMaterial = new WeakMap<Credentials, KeyMaterial>()

/** @internal The PKCS#8 bytes for parsed credentials (used by the JWT signer). */
export function getKeyMaterial(credentials: Credentials): KeyMaterial {
  const material = keyMaterial.get(credentials)
  if (!material) throw new InvalidCredentials('not created by parseCredentials()')
  return material
}

/** True for the object returned by {@link parseCredentials}. */
export function isParsedCredentials(value: unknown): value is Credentials {
  return typeof value === 'object' && value !== null && keyMaterial.has(value as Credentials)
}

function describeType(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  return `a ${typeof value}`
}

function parseKeyFileText(text: string): CredentialsInput {
  const trimmed = text.trim()
  if (!trimmed.startsWith('{')) {
    throw new InvalidCredentials(
      'a string was given, but it is not the JSON of a key file ({"name" or "id", "privateKey"})',
    )
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(trimmed)
  } catch {
    throw new InvalidCredentials('the key file text is not valid JSON')
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new InvalidCredentials('the key file JSON is not an object')
  }
  return parsed as CredentialsInput
}

interface PemBlock {
  label: string
  der: Uint8Array | null
}

function readPemBlocks(text: string): PemBlock[] {
  const blocks: PemBlock[] = []
  const re = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    blocks.push({ label: m[1]!, der: base64ToBytes(m[2]!) })
  }
  return blocks
}

interface ParsedKey {
  algorithm: JwtAlgorithm
  pkcs8: Uint8Array
  expectedPublicKey?: Uint8Array
}

function parseSec1(der: Uint8Array): ParsedKey {
  try {
    const root = readElement(der, 0)
    if (root.tag !== DerTag.sequence) throw new Error('not a sequence')
    const parts = readChildren(der, root)
    const version = parts[0]
    const secret = parts[1]
    if (version?.tag !== DerTag.integer || secret?.tag !== DerTag.octetString) throw new Error('layout')
    let publicPoint: Uint8Array | undefined
    for (const part of parts.slice(2)) {
      if (part.tag === DerTag.context0) {
        const oid = readElement(der, part.start, part.end)
        const curve = contentOf(der, oid)
        if (!bytesEqual(curve, Oid.p256)) {
          const which = bytesEqual(curve, Oid.secp256k1)
            ? 'secp256k1'
            : bytesEqual(curve, Oid.p384)
              ? 'P-384'
              : 'an unsupported curve'
          throw new InvalidCredentials(`privateKey is an EC key on ${which}; Coinbase keys use P-256 (ES256)`)
        }
      } else if (part.tag === DerTag.context1) {
        const bits = readElement(der, part.start, part.end)
        // Skip the BIT STRING's unused-bits byte.
        publicPoint = der.slice(bits.start + 1, bits.end)
      }
    }
    const d = contentOf(der, secret)
    if (d.length > 32 || d.length === 0)
      throw new InvalidCredentials('privateKey is an EC key of the wrong size')
    const scalar = new Uint8Array(32)
    scalar.set(d, 32 - d.length)
    return {
      algorithm: 'ES256',
      pkcs8: p256ToPkcs8(scalar, publicPoint?.length === 65 ? publicPoint : undefined),
    }
  } catch (error) {
    if (error instanceof InvalidCredentials) throw error
    throw new InvalidCredentials(
      'privateKey has an EC PRIVATE KEY header but its body is not a valid SEC1 key',
    )
  }
}

function parsePkcs8(der: Uint8Array): ParsedKey {
  try {
    const root = readElement(der, 0)
    if (root.tag !== DerTag.sequence) throw new Error('not a sequence')
    const parts = readChildren(der, root)
    const algorithm = parts[1]
    if (algorithm?.tag !== DerTag.sequence) throw new Error('layout')
    const [oidEl, paramsEl] = readChildren(der, algorithm)
    if (oidEl?.tag !== DerTag.oid) throw new Error('layout')
    const oid = contentOf(der, oidEl)
    if (bytesEqual(oid, Oid.ed25519)) return { algorithm: 'EdDSA', pkcs8: der.slice() }
    if (bytesEqual(oid, Oid.ecPublicKey)) {
      if (paramsEl?.tag === DerTag.oid && !bytesEqual(contentOf(der, paramsEl), Oid.p256)) {
        throw new InvalidCredentials('privateKey is a PKCS#8 EC key on a curve other than P-256')
      }
      return { algorithm: 'ES256', pkcs8: der.slice() }
    }
    if (bytesEqual(oid, Oid.rsa)) {
      throw new InvalidCredentials('privateKey is an RSA key; Coinbase CDP keys are EC P-256 or Ed25519')
    }
    throw new InvalidCredentials('privateKey is a PKCS#8 key of an unsupported algorithm')
  } catch (error) {
    if (error instanceof InvalidCredentials) throw error
    throw new InvalidCredentials('privateKey has a PRIVATE KEY header but its body is not a valid PKCS#8 key')
  }
}

const MAX_PRIVATE_KEY_LENGTH = 16_384

function parsePrivateKey(raw: string): ParsedKey {
  // .env files often hold the PEM on one line with literal "\n" escapes.
  const text = raw.replace(/\\r\\n|\\n/g, '\n').trim()
  if (text.length === 0) throw new InvalidCredentials('privateKey is empty')
  // Real keys are a few hundred characters; the PEM scan below is quadratic on megabytes of BEGIN lines.
  if (text.length > MAX_PRIVATE_KEY_LENGTH) {
    throw new InvalidCredentials(
      `privateKey is ${text.length} characters long; an EC P-256 or Ed25519 key is under 1,000`,
    )
  }
  if (text.includes('-----BEGIN')) {
    const blocks = readPemBlocks(text)
    if (blocks.length === 0) {
      throw new InvalidCredentials('privateKey looks like a PEM but has no matching BEGIN/END lines')
    }
    const block =
      blocks.find((b) => b.label === 'EC PRIVATE KEY' || b.label === 'PRIVATE KEY') ??
      blocks.find((b) => b.label.includes('PRIVATE KEY'))
    if (!block) {
      const labels = blocks.map((b) => b.label).join(', ')
      throw new InvalidCredentials(
        `privateKey is a PEM of type ${labels}; expected "EC PRIVATE KEY" or "PRIVATE KEY"`,
      )
    }
    if (block.label === 'ENCRYPTED PRIVATE KEY') {
      throw new InvalidCredentials('privateKey is an encrypted PEM; decrypt it first')
    }
    if (block.label === 'RSA PRIVATE KEY') {
      throw new InvalidCredentials('privateKey is an RSA key; Coinbase CDP keys are EC P-256 or Ed25519')
    }
    if (!block.der) throw new InvalidCredentials(`privateKey's ${block.label} PEM body is not valid base64`)
    if (block.label === 'EC PRIVATE KEY') return parseSec1(block.der)
    if (block.label === 'PRIVATE KEY') return parsePkcs8(block.der)
    throw new InvalidCredentials(
      `privateKey is a PEM of type ${block.label}; expected "EC PRIVATE KEY" or "PRIVATE KEY"`,
    )
  }
  const bytes = base64ToBytes(text)
  if (!bytes) {
    throw new InvalidCredentials('privateKey is not a PEM EC key nor a base64 Ed25519 key')
  }
  if (bytes.length === 64) {
    return {
      algorithm: 'EdDSA',
      pkcs8: ed25519SeedToPkcs8(bytes.slice(0, 32)),
      expectedPublicKey: bytes.slice(32),
    }
  }
  if (bytes.length === 32) return { algorithm: 'EdDSA', pkcs8: ed25519SeedToPkcs8(bytes.slice()) }
  throw new InvalidCredentials(
    `privateKey is not a PEM EC key nor a base64 Ed25519 key (base64 decodes to ${bytes.length} bytes; an Ed25519 key is 64 bytes, seed + public key, or a 32-byte seed)`,
  )
}

/**
 * Validates a CDP API key and returns {@link Credentials} ready for signing. Throws
 * {@link InvalidCredentials} naming what is wrong, before any request, and never echoes the key.
 *
 * @example
 * const credentials = parseCredentials({ apiKeyName: 'organizations/…/apiKeys/…', privateKey: process.env.CB_KEY! })
 * credentials.algorithm // 'ES256'
 */
export function parseCredentials(source: CredentialsSource): Credentials {
  if (isParsedCredentials(source)) return source
  let input: unknown = source
  if (typeof source === 'string') input = parseKeyFileText(source)
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new InvalidCredentials(
      `expected an object with apiKeyName and privateKey, got ${describeType(input)}`,
    )
  }
  const record = input as Record<string, unknown>
  const nameField = ['apiKeyName', 'name', 'id'].find((k) => record[k] !== undefined)
  const keyName = nameField === undefined ? undefined : record[nameField]
  if (keyName === undefined) {
    throw new InvalidCredentials('apiKeyName is missing (a key file calls it "name" or "id")')
  }
  if (typeof keyName !== 'string') {
    throw new InvalidCredentials(`${nameField} must be a string, got ${describeType(keyName)}`)
  }
  if (keyName.trim().length === 0) throw new InvalidCredentials(`${nameField} is empty`)
  if (keyName.includes('-----BEGIN') || keyName.length > 512) {
    throw new InvalidCredentials(
      `${nameField} looks like a private key; are apiKeyName and privateKey swapped?`,
    )
  }
  const privateKey = record.privateKey
  if (privateKey === undefined) throw new InvalidCredentials('privateKey is missing')
  if (typeof privateKey !== 'string') {
    throw new InvalidCredentials(`privateKey must be a string, got ${describeType(privateKey)}`)
  }
  const parsed = parsePrivateKey(privateKey)
  const wanted = record.algorithm
  if (wanted !== undefined && wanted !== parsed.algorithm) {
    throw new InvalidCredentials(
      `algorithm is ${JSON.stringify(wanted)} but privateKey is ${parsed.algorithm === 'ES256' ? 'an EC P-256 key (ES256)' : 'an Ed25519 key (EdDSA)'}`,
    )
  }
  const credentials: Credentials = Object.freeze({
    kind: 'cdp' as const,
    keyName: keyName.trim(),
    algorithm: parsed.algorithm,
  })
  const material: KeyMaterial = { pkcs8: parsed.pkcs8 }
  if (parsed.expectedPublicKey) material.expectedPublicKey = parsed.expectedPublicKey
  keyMaterial.set(credentials, material)
  return credentials
}
