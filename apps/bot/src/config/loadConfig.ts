import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type RiskConfig, resolveRiskConfig } from '@gpt-trader/risk'
import { isValidationError } from '@gpt-trader/validation'
import { parse as parseYaml, YAMLParseError } from 'yaml'
import type { z } from 'zod'
import { BotError } from '../BotError.js'
import { type BotConfigBase, botConfigSchema, profileNames } from './botConfig.js'
import { type Credentials, resolveCredentials } from './credentials.js'

/** A fully validated configuration: the profile, env and CLI merged, risk resolved. */
export type BotConfig = Omit<BotConfigBase, 'risk'> & {
  risk: RiskConfig
  /** The risk preset the profile asked for. */
  riskPreset: 'default' | 'spot_top10'
  /** The risk overrides as written (before resolution), for tools that resolve them again (backtest). */
  riskInput: Record<string, unknown>
  /** Where the profile came from (for messages and `status`). */
  source: string
}

/** Overrides from the command line (highest precedence). Keys are config paths. */
export interface CliOverrides {
  symbols?: string | string[] | undefined
  interval?: string | undefined
  dryRun?: boolean | undefined
  reduceOnly?: boolean | undefined
  stateRoot?: string | undefined
  httpPort?: number | string | undefined
  logLevel?: string | undefined
  maxCycles?: number | string | undefined
}

/** Options of {@link loadConfig}. */
export interface LoadConfigOptions {
  profile?: string | undefined
  /** A YAML file to use instead of `config/<profile>.yaml`. */
  configFile?: string | undefined
  env?: NodeJS.ProcessEnv | undefined
  cli?: CliOverrides | undefined
  /** Directory of the profile files (default: this app's `config/`). */
  configDir?: string | undefined
}

/** What {@link loadConfig} returns. */
export interface LoadedConfig {
  config: BotConfig
  /** Credentials from the environment, if any (never printed). */
  credentials: Credentials | undefined
}

/** The app's `config/` directory (this file is `src/config/loadConfig.ts`, or bundled into `dist/`). */
export const defaultConfigDir: string = (() => {
  const here = dirname(fileURLToPath(import.meta.url))
  const candidates = [join(here, '..', '..', 'config'), join(here, '..', 'config')]
  return candidates.find((dir) => existsSync(join(dir, 'dev.yaml'))) ?? (candidates[0] as string)
})()

interface Override {
  path: readonly string[]
  value: unknown
  origin: string
}

/** Env variables the bot reads, mapped to config paths. Credentials are handled in `credentials.ts`. */
const ENV_KEYS: readonly { name: string; path: readonly string[]; map?: (value: string) => unknown }[] = [
  { name: 'COINBASE_ENABLE_DERIVATIVES', path: ['derivatives'] },
  { name: 'SPOT_FORCE_LIVE', path: ['forceLive'] },
  { name: 'GPT_TRADER_STATE_DIR', path: ['state', 'root'] },
  { name: 'GPT_TRADER_LOG_LEVEL', path: ['telemetry', 'logLevel'] },
  { name: 'GPT_TRADER_HTTP_PORT', path: ['telemetry', 'http', 'port'], map: numberish },
  { name: 'GPT_TRADER_HTTP_TOKEN', path: ['telemetry', 'http', 'token'] },
  { name: 'GPT_TRADER_ALERT_WEBHOOK', path: ['alerts', 'webhookUrl'] },
  { name: 'COINBASE_API_BASE_URL', path: ['coinbase', 'baseUrl'] },
  { name: 'COINBASE_WS_URL', path: ['coinbase', 'wsUrl'] },
]

/**
 * Loads `config/<profile>.yaml`, applies env overrides and CLI overrides (precedence CLI > env >
 * profile > schema defaults), validates the result with zod (`BotConfig`) and the risk section with
 * `@gpt-trader/risk`, and resolves credentials. Any bad value throws a `BotError` (`CONFIG_INVALID`,
 * exit code 2) naming where the value came from (file, env variable or CLI flag), the key and what
 * was expected. Nothing is started.
 *
 * @example
 * const { config } = loadConfig({ profile: 'dev', cli: { interval: '1s' } })
 * config.symbols.length // 10
 */
export function loadConfig(options: LoadConfigOptions = {}): LoadedConfig {
  const env = options.env ?? process.env
  const profile = options.profile ?? 'dev'
  if (options.configFile === undefined && !(profileNames as readonly string[]).includes(profile)) {
    throw new BotError(
      `unknown profile ${JSON.stringify(profile)}: expected one of ${profileNames.join(', ')}`,
      {
        code: 'USAGE',
      },
    )
  }
  const file = resolve(options.configFile ?? join(options.configDir ?? defaultConfigDir, `${profile}.yaml`))
  const shown = displayPath(file)
  const raw = readProfile(file, shown)
  if (raw.profile === undefined) raw.profile = profile

  const overrides: Override[] = []
  for (const { name, path, map } of ENV_KEYS) {
    const value = env[name]
    if (value !== undefined && value !== '')
      overrides.push({ path, value: map ? map(value) : value, origin: `env ${name}` })
  }
  // PERPS_PAPER=1: paper fills on live market data.
  if (truthy(env.PERPS_PAPER)) overrides.push({ path: ['broker'], value: 'paper', origin: 'env PERPS_PAPER' })
  const cli = options.cli ?? {}
  const cliKeys: [keyof CliOverrides, readonly string[], string][] = [
    ['symbols', ['symbols'], '--symbols'],
    ['interval', ['interval'], '--interval'],
    ['dryRun', ['dryRun'], '--dry-run'],
    ['reduceOnly', ['reduceOnly'], '--reduce-only'],
    ['stateRoot', ['state', 'root'], '--state-dir'],
    ['httpPort', ['telemetry', 'http', 'port'], '--http-port'],
    ['logLevel', ['telemetry', 'logLevel'], '--log-level'],
    ['maxCycles', ['maxCycles'], '--cycles'],
  ]
  for (const [key, path, flag] of cliKeys) {
    const value = cli[key]
    if (value === undefined) continue
    const mapped = key === 'httpPort' || key === 'maxCycles' ? numberish(value) : value
    overrides.push({ path, value: Array.isArray(mapped) ? mapped.join(',') : mapped, origin: flag })
  }
  for (const o of overrides) setPath(raw, o.path, o.value)

  const parsed = botConfigSchema().safeParse(raw)
  if (!parsed.success) throw configError(shown, overrides, zodIssues(parsed.error))
  const base = parsed.data

  const { preset, ...riskInput } = base.risk
  if (base.derivatives) (riskInput as Record<string, unknown>).derivativesEnabled = true
  let risk: RiskConfig
  try {
    risk = resolveRiskConfig(riskInput, { preset })
  } catch (error) {
    if (!isValidationError(error)) throw error
    throw configError(
      shown,
      overrides,
      error.issues.map((i) => ({ path: ['risk', ...i.path.map(String)], message: i.message })),
    )
  }

  const credentials = resolveCredentials(env)
  const config: BotConfig = { ...base, risk, riskPreset: preset, riskInput, source: shown }
  // The dev profile trades on the sim unless SPOT_FORCE_LIVE says otherwise.
  if (config.profile === 'dev' && config.forceLive && config.broker === 'sim') config.broker = 'coinbase'
  // Paper trading reads public market data only: no credentials needed.
  if (config.broker === 'coinbase' && credentials === undefined) {
    throw new BotError(
      `profile ${config.profile} trades on Coinbase (broker: ${config.broker}) and needs credentials: set COINBASE_API_KEY_NAME and COINBASE_API_PRIVATE_KEY, or COINBASE_CREDENTIALS_FILE`,
      { code: 'CREDENTIALS_INVALID' },
    )
  }
  return { config, credentials }
}

function readProfile(file: string, shown: string): Record<string, unknown> {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    throw new BotError(`${shown}: cannot read the profile file`, { code: 'CONFIG_NOT_FOUND', cause: error })
  }
  let doc: unknown
  try {
    doc = parseYaml(text)
  } catch (error) {
    const where =
      error instanceof YAMLParseError && error.linePos?.[0] ? ` (line ${error.linePos[0].line})` : ''
    throw new BotError(`${shown}${where}: not valid YAML`, { code: 'CONFIG_INVALID', cause: error })
  }
  if (doc === null || doc === undefined) return {}
  if (typeof doc !== 'object' || Array.isArray(doc)) {
    throw new BotError(`${shown}: expected a mapping of keys to values at the top level`, {
      code: 'CONFIG_INVALID',
    })
  }
  return doc as Record<string, unknown>
}

interface Issue {
  path: readonly string[]
  message: string
}

function zodIssues(error: z.ZodError): Issue[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String)
    // Unknown keys: name each one.
    if (issue.code === 'unrecognized_keys') {
      return { path, message: `unknown key(s) ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}` }
    }
    return { path, message: issue.message }
  })
}

function configError(file: string, overrides: readonly Override[], issues: readonly Issue[]): BotError {
  const lines = issues.map((issue) => {
    const key = issue.path.join('.') || '(top level)'
    // The most specific override that covers this key says where the value came from.
    let origin = file
    let best = -1
    for (const o of overrides) {
      const covers = o.path.every((part, i) => issue.path[i] === part)
      if (covers && o.path.length > best) {
        best = o.path.length
        origin = o.origin
      }
    }
    return `${origin}: ${key}: ${issue.message}`
  })
  const first = lines[0] ?? `${file}: invalid configuration`
  return new BotError(`invalid configuration: ${first}`, {
    code: 'CONFIG_INVALID',
    ...(lines.length > 1 ? { metaMessages: lines.slice(1) } : {}),
  })
}

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target
  for (const [i, part] of path.entries()) {
    if (i === path.length - 1) {
      node[part] = value
      return
    }
    const next = node[part]
    if (typeof next !== 'object' || next === null || Array.isArray(next)) node[part] = {}
    node = node[part] as Record<string, unknown>
  }
}

function numberish(value: unknown): unknown {
  if (typeof value === 'string' && /^\s*-?\d+\s*$/.test(value)) return Number(value)
  return value
}

function truthy(value: string | undefined): boolean {
  return value !== undefined && /^(1|true|yes|on)$/i.test(value.trim())
}

function displayPath(file: string): string {
  const rel = relative(process.cwd(), file)
  return rel.startsWith('..') || rel === '' ? file : rel
}
