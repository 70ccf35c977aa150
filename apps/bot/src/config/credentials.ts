import { readFileSync, statSync } from 'node:fs'
import { z } from 'zod'
import { BotError } from '../BotError.js'

/** Coinbase CDP API credentials. Never logged: the logger redacts both fields by name and by shape. */
export interface Credentials {
  /** `organizations/<org>/apiKeys/<key>` (ES256) or a key id (Ed25519). */
  apiKeyName: string
  /** PEM EC private key (ES256) or base64 Ed25519 secret. */
  privateKey: string
  /** Where they came from: `env` or the file path. */
  origin: string
}

// The JSON file Coinbase's CDP portal downloads: `{ name, privateKey }` (ES256) or `{ id, privateKey }` (Ed25519).
const credentialsFile = z.union([
  z.object({ name: z.string().min(1), privateKey: z.string().min(1) }),
  z.object({ id: z.string().min(1), privateKey: z.string().min(1) }),
])

/**
 * Reads credentials from the environment: `COINBASE_API_KEY_NAME` + `COINBASE_API_PRIVATE_KEY`
 * (a PEM may use literal `\n`), or `COINBASE_CREDENTIALS_FILE` (the CDP JSON download). A file that
 * group or others may access is refused (chmod 600 it), as is a half-set pair. Returns `undefined`
 * when nothing is configured. Errors never contain the secret.
 *
 * @example
 * resolveCredentials({ COINBASE_CREDENTIALS_FILE: '/home/me/.coinbase/cdp_api_key.json' })
 */
export function resolveCredentials(env: NodeJS.ProcessEnv): Credentials | undefined {
  const name = env.COINBASE_API_KEY_NAME
  const key = env.COINBASE_API_PRIVATE_KEY
  const file = env.COINBASE_CREDENTIALS_FILE
  if (name || key) {
    if (!name || !key) {
      throw new BotError(
        `env ${name ? 'COINBASE_API_PRIVATE_KEY' : 'COINBASE_API_KEY_NAME'}: missing; set both COINBASE_API_KEY_NAME and COINBASE_API_PRIVATE_KEY`,
        { code: 'CREDENTIALS_INVALID' },
      )
    }
    return { apiKeyName: name.trim(), privateKey: key.replace(/\\n/g, '\n').trim(), origin: 'env' }
  }
  if (!file) return undefined
  let mode: number
  try {
    mode = statSync(file).mode
  } catch (error) {
    throw new BotError(`env COINBASE_CREDENTIALS_FILE: cannot read ${file}`, {
      code: 'CREDENTIALS_INVALID',
      details: error instanceof Error && 'code' in error ? String(error.code) : 'stat failed',
    })
  }
  if ((mode & 0o077) !== 0) {
    throw new BotError(
      `env COINBASE_CREDENTIALS_FILE: ${file} is accessible by group or others (mode ${(mode & 0o777).toString(8)}); run chmod 600 on it`,
      { code: 'CREDENTIALS_INVALID' },
    )
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'))
  } catch {
    // Deliberately no cause: a JSON parse error can quote the file's content.
    throw new BotError(`env COINBASE_CREDENTIALS_FILE: ${file} is not valid JSON`, {
      code: 'CREDENTIALS_INVALID',
    })
  }
  const result = credentialsFile.safeParse(parsed)
  if (!result.success) {
    throw new BotError(
      `env COINBASE_CREDENTIALS_FILE: ${file}: expected JSON with "name" (or "id") and "privateKey"`,
      { code: 'CREDENTIALS_INVALID' },
    )
  }
  const data = result.data
  return { apiKeyName: 'name' in data ? data.name : data.id, privateKey: data.privateKey, origin: file }
}
