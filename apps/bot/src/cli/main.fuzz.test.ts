import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { cli as runCli } from './testing.js'

// Fuzzing (issue #10 item 5): random argv built from the CLI's own grammar, each with at least one
// element that must fail at parse or config time (an unknown flag, a bad --profile choice, a
// trailing option without its value, a bad value). main() must resolve to exit code 2 with a
// message on stderr and no stack trace. Nothing here starts the bot: the poison element is always
// last (so no option can swallow it as its value), and the signal is already aborted as a backstop.

const RUNS = 120
const stateDir = mkdtempSync(join(tmpdir(), 'bot-cli-fuzz-'))
afterAll(() => rmSync(stateDir, { recursive: true, force: true }))

/** Every run gets an already-aborted signal, so nothing a fuzzed argv starts can keep running. */
function cli(argv: string[]) {
  const aborted = new AbortController()
  aborted.abort()
  return runCli(argv, { GPT_TRADER_STATE_DIR: stateDir }, { signal: aborted.signal })
}

const STACK_FRAME = /\n\s+at .+[:(]\d+:\d+/

const commands = fc.constantFrom<string[]>(
  [],
  ['run'],
  ['preflight'],
  ['account'],
  ['status'],
  ['orders', 'list'],
  ['orders', 'cancel'],
  ['orders', 'cancel', 'abc', 'def'],
  ['orders', 'preview'],
  ['sim'],
  ['backtest'],
  ['sweep'],
)

/** Any text an option value could be, including things that look like flags or numbers. */
const value = fc.oneof(
  fc.string({ maxLength: 12 }).filter((s) => s !== '--' && !s.startsWith('-')),
  fc.constantFrom(
    'dev',
    'BTC-USD',
    'BTC-USD,ETH-USD',
    '5s',
    '0',
    '-1',
    '1e3',
    'NaN',
    '',
    ' ',
    '__proto__',
    '9'.repeat(400),
  ),
)

const valueOptions = [
  '--symbols',
  '--interval',
  '--cycles',
  '--http-port',
  '--log-level',
  '--symbol',
  '--side',
  '--size',
  '--price',
  '--type',
  '--seed',
  '--speed',
  '--strategy',
  '--workers',
  '--top',
]
const flagOptions = ['--json', '--dev-fast', '--dry-run', '--reduce-only', '--open', '--all']

/** Well-formed options from the grammar (each value-taking option with its value). */
const options = fc
  .array(
    fc.oneof(
      fc.tuple(fc.constantFrom(...valueOptions), value).map(([flag, v]) => [flag, v]),
      fc.constantFrom(...flagOptions).map((flag) => [flag]),
      fc.constant(['--profile', 'dev']),
      fc.constant(['--state-dir', stateDir]),
    ),
    { maxLength: 4 },
  )
  .map((groups) => groups.flat())

/** The element that must make the invocation fail before anything runs. */
const poison = fc.oneof(
  fc
    .stringMatching(/^--[a-z][a-z-]{0,15}$/)
    .filter(
      (flag) =>
        ![
          ...valueOptions,
          ...flagOptions,
          '--profile',
          '--config',
          '--state-dir',
          '--help',
          '--version',
          '--data',
          '--report',
          '--port',
          '--credentials-out',
          '--param',
          '--grid',
        ].some((known) => known.startsWith(flag)),
    )
    .map((flag) => [flag]),
  fc.constantFrom('staging', 'DEV', '', 'prod ', '__proto__').map((name) => ['--profile', name]),
  fc
    .constantFrom('--profile', '--symbols', '--interval', '--cycles', '--state-dir', '--log-level')
    .map((flag) => [flag]),
  fc.constantFrom('-z', '-pdevx', '--=', '---').map((flag) => [flag]),
)

describe('coinbase-trader CLI under fuzzing', () => {
  it('random argv with a usage error: exit 2, a message, no stack trace', async () => {
    await fc.assert(
      fc.asyncProperty(commands, options, poison, async (command, opts, bad) => {
        const argv = [...command, ...opts, ...bad]
        const { code, stderr } = await cli(argv)
        expect(code, `argv ${JSON.stringify(argv)}\n${stderr}`).toBe(2)
        expect(stderr.trim().length).toBeGreaterThan(0)
        expect(stderr).not.toMatch(STACK_FRAME)
        // Nothing ran: no store was created under the state root.
        expect(readdirSync(stateDir)).toEqual([])
      }),
      { numRuns: RUNS },
    )
  })

  it('a bad value that config validation rejects: exit 2 naming the flag', async () => {
    const bad = fc.oneof(
      fc
        .constantFrom('soon', '-5s', '9'.repeat(400))
        .map((v) => ({ argv: ['--interval', v], flag: '--interval' })),
      fc.constantFrom('-1', '65536', 'http').map((v) => ({ argv: ['--http-port', v], flag: '--http-port' })),
      fc.constantFrom('-1', 'abc', '1.5').map((v) => ({ argv: ['--cycles', v], flag: '--cycles' })),
      fc.constantFrom('loud', 'INFO ').map((v) => ({ argv: ['--log-level', v], flag: '--log-level' })),
      fc.constantFrom('BTC_USD', 'BTC-USD,,nope').map((v) => ({ argv: ['--symbols', v], flag: '--symbols' })),
    )
    await fc.assert(
      fc.asyncProperty(bad, async ({ argv, flag }) => {
        const { code, stderr } = await cli(['run', '--profile', 'dev', ...argv])
        expect(code, stderr).toBe(2)
        expect(stderr).toContain(flag)
        expect(stderr).not.toMatch(STACK_FRAME)
      }),
      { numRuns: 30 },
    )
  })

  it('--help right after any command prints usage and exits 0, whatever follows', async () => {
    await fc.assert(
      fc.asyncProperty(commands, fc.array(value, { maxLength: 3 }), async (command, rest) => {
        const { code, stdout } = await cli([...command, '--help', ...rest])
        expect(code).toBe(0)
        expect(stdout).toContain('Usage: coinbase-trader')
      }),
      { numRuns: 40 },
    )
  })

  it('a missing profile file is a usage error naming the file', async () => {
    const { code, stderr } = await cli(['status', '--config', join(stateDir, 'missing.yaml')])
    expect(code).toBe(2)
    expect(stderr.replaceAll(stateDir, '<dir>')).toMatchInlineSnapshot(`
      "coinbase-trader: <dir>/missing.yaml: cannot read the profile file

      Details: ENOENT: no such file or directory, open '<dir>/missing.yaml'
      "
    `)
  })
})
