import { generateKeyPairSync, type KeyObject } from 'node:crypto'

/** Test-only key material in every format Coinbase users hold. */
export interface TestEcKey {
  sec1Pem: string
  pkcs8Pem: string
  publicKey: KeyObject
}

export interface TestEdKey {
  /** base64(seed ‖ public key), as Coinbase issues Ed25519 keys. */
  base64Pair: string
  /** base64(seed). */
  base64Seed: string
  pkcs8Pem: string
  publicKey: KeyObject
  seed: Buffer
}

export function makeEcKey(): TestEcKey {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  return {
    sec1Pem: privateKey.export({ format: 'pem', type: 'sec1' }).toString(),
    pkcs8Pem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    publicKey,
  }
}

export function makeEdKey(): TestEdKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519')
  const der = privateKey.export({ format: 'der', type: 'pkcs8' })
  const seed = der.subarray(der.length - 32)
  const jwk = publicKey.export({ format: 'jwk' })
  const pub = Buffer.from(jwk.x ?? '', 'base64url')
  return {
    base64Pair: Buffer.concat([seed, pub]).toString('base64'),
    base64Seed: Buffer.from(seed).toString('base64'),
    pkcs8Pem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    publicKey,
    seed: Buffer.from(seed),
  }
}
