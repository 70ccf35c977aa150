import { createECDH, createHash, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto'

/** A CDP API key the sim accepts: the name (JWT `kid`/`sub`) and its private key as Coinbase issues it. */
export interface SimCredential {
  apiKeyName: string
  /** SEC1 PEM (`-----BEGIN EC PRIVATE KEY-----`) for ES256, base64(seed ‖ public key) for EdDSA. */
  privateKey: string
  algorithm: 'ES256' | 'EdDSA'
}

/** A credential plus the public key the sim verifies with. */
export interface SimKey extends SimCredential {
  publicKey: KeyObject
  accountId: string
}

const P256_ORDER = BigInt('0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551')

/** 32 deterministic bytes for `label` under `seed`. */
function bytesFor(seed: number, label: string): Buffer {
  return createHash('sha256').update(`coinbase-sim:${seed}:${label}`).digest()
}

/** A UUID derived from `seed` and `label`. */
export function derivedUuid(seed: number, label: string): string {
  const h = bytesFor(seed, label).toString('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`
}

/** Deterministic EC P-256 key (SEC1 PEM) for `seed`/`label`; key name `organizations/<uuid>/apiKeys/<uuid>`. */
export function deriveEcKey(seed: number, label: string, accountId: string): SimKey {
  let d = BigInt(`0x${bytesFor(seed, `${label}:ec`).toString('hex')}`) % P256_ORDER
  if (d === 0n) d = 1n
  const dBuf = Buffer.from(d.toString(16).padStart(64, '0'), 'hex')
  const ecdh = createECDH('prime256v1')
  ecdh.setPrivateKey(dBuf)
  const pub = ecdh.getPublicKey()
  const key = createPrivateKey({
    format: 'jwk',
    key: {
      kty: 'EC',
      crv: 'P-256',
      d: dBuf.toString('base64url'),
      x: pub.subarray(1, 33).toString('base64url'),
      y: pub.subarray(33, 65).toString('base64url'),
    },
  })
  const pem = key.export({ type: 'sec1', format: 'pem' }).toString()
  return {
    apiKeyName: `organizations/${derivedUuid(seed, `${label}:org`)}/apiKeys/${derivedUuid(seed, `${label}:ec-id`)}`,
    privateKey: pem,
    algorithm: 'ES256',
    publicKey: createPublicKey(key),
    accountId,
  }
}

/** Deterministic Ed25519 key for `seed`/`label`, exported as base64(seed ‖ public) like Coinbase. */
export function deriveEdKey(seed: number, label: string, accountId: string): SimKey {
  const s = bytesFor(seed, `${label}:ed`)
  const der = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), s])
  const key = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' })
  const publicKey = createPublicKey(key)
  const x = publicKey.export({ format: 'jwk' }).x ?? ''
  return {
    apiKeyName: derivedUuid(seed, `${label}:ed-id`),
    privateKey: Buffer.concat([s, Buffer.from(x, 'base64url')]).toString('base64'),
    algorithm: 'EdDSA',
    publicKey,
    accountId,
  }
}

/** The public key for a credential given as config (PEM or base64 seed‖pub). */
export function publicKeyFromSecret(secret: string): { key: KeyObject; algorithm: 'ES256' | 'EdDSA' } {
  if (secret.trimStart().startsWith('-----BEGIN')) {
    const k = createPrivateKey(secret.replace(/\\n/g, '\n'))
    return { key: createPublicKey(k), algorithm: k.asymmetricKeyType === 'ed25519' ? 'EdDSA' : 'ES256' }
  }
  const raw = Buffer.from(secret, 'base64')
  const der = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), raw.subarray(0, 32)])
  return {
    key: createPublicKey(createPrivateKey({ key: der, format: 'der', type: 'pkcs8' })),
    algorithm: 'EdDSA',
  }
}
