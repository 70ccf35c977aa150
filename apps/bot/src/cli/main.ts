import type { Writable } from 'node:stream'
import { Command, CommanderError, Option } from 'commander'
import { isBotError } from '../BotError.js'
import { profileNames } from '../config/botConfig.js'
import { type CliOverrides, type LoadedConfig, loadConfig } from '../config/loadConfig.js'
import { createLogger } from '../telemetry/createLogger.js'
// Each command's module is imported when that command runs, so a long-running `run` never loads
// the backtest, sweep or standalone-sim code (less heap for the process that lives for weeks).
import type { OrdersPreviewFlags } from './commands/ordersPreview.js'

/** Streams and environment of one CLI invocation (the process's by default; tests pass their own). */
export interface CliIo {
  stdout: Writable
  stderr: Writable
  env: NodeJS.ProcessEnv
  /** Aborted on SIGINT/SIGTERM. */
  signal?: AbortSignal | undefined
  /** Directory of the profile files (tests). */
  configDir?: string | undefined
}

/** Command names; an unknown first word runs `run`. */
const COMMANDS = new Set([
  'run',
  'backtest',
  'sweep',
  'preflight',
  'account',
  'orders',
  'status',
  'sim',
  'help',
])

/** Options shared by the commands that load a profile. */
export interface ProfileOptions {
  profile: string
  config?: string | undefined
  stateDir?: string | undefined
  logLevel?: string | undefined
  json?: boolean | undefined
}

/**
 * Runs the `coinbase-trader` CLI and resolves to the exit code: 0 ok, 1 runtime failure, 2 bad
 * usage or bad configuration. Never calls `process.exit` itself.
 *
 * @example
 * const code = await main(['run', '--profile', 'dev', '--dev-fast'])
 */
export async function main(argv: readonly string[], io: Partial<CliIo> = {}): Promise<number> {
  const full: CliIo = {
    stdout: io.stdout ?? process.stdout,
    stderr: io.stderr ?? process.stderr,
    env: io.env ?? process.env,
    signal: io.signal,
    configDir: io.configDir,
  }
  let exitCode = 0
  const program = buildProgram(full, (code) => {
    exitCode = code
  })
  const args = [...argv]
  const first = args[0]
  if (first === undefined || (!COMMANDS.has(first) && !['-h', '--help', '-V', '--version'].includes(first))) {
    args.unshift('run')
  }
  try {
    await program.parseAsync(args, { from: 'user' })
    return exitCode
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with exit code 0; usage errors were already printed.
      return error.exitCode === 0 ? 0 : 2
    }
    return reportError(error, full)
  }
}

/** Prints an error (redacted by construction: BotErrors never hold secrets) and maps it to an exit code. */
export function reportError(error: unknown, io: Pick<CliIo, 'stderr'>): number {
  if (isBotError(error)) {
    io.stderr.write(`coinbase-trader: ${error.message}\n`)
    return error.exitCode
  }
  const message = error instanceof Error ? error.message : String(error)
  io.stderr.write(`coinbase-trader: ${message}\n`)
  return 1
}

function buildProgram(io: CliIo, setExit: (code: number) => void): Command {
  const program = new Command('coinbase-trader')
    .description('GPT-Trader bot for Coinbase Advanced Trade (profiles dev, canary, prod)')
    .version('0.0.0')
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    })
  const profileOption = () =>
    new Option('-p, --profile <name>', 'profile: config/<name>.yaml')
      .choices([...profileNames])
      .default('dev')
  const common = (cmd: Command) =>
    cmd
      .addOption(profileOption())
      .option('--config <file>', 'YAML profile file to use instead of config/<profile>.yaml')
      .option('--state-dir <dir>', 'state root (default var/data; env GPT_TRADER_STATE_DIR)')
      .option('--log-level <level>', 'trace, debug, info, warn, error, fatal or silent')
      .option('--json', 'print data as JSON')
      .exitOverride()

  const load = (opts: ProfileOptions, cli: CliOverrides = {}): LoadedConfig =>
    loadConfig({
      profile: opts.profile,
      configFile: opts.config,
      env: io.env,
      configDir: io.configDir,
      cli: { ...cli, stateRoot: opts.stateDir, logLevel: opts.logLevel },
    })
  const logger = (loaded: LoadedConfig) =>
    createLogger({ level: loaded.config.telemetry.logLevel, base: { profile: loaded.config.profile } })

  common(
    program
      .command('run')
      .description('trade with a profile (default command); dev trades on the embedded coinbase-sim')
      .option('--dev-fast', 'bounded accelerated run on the embedded sim, then a summary table')
      .option('--symbols <list>', 'comma-separated product ids, e.g. BTC-USD,ETH-USD')
      .option('--interval <duration>', 'time between cycles, e.g. 5s')
      .option('--cycles <n>', 'stop after n cycles')
      .option('--http-port <port>', 'telemetry port on 127.0.0.1 (0 = free port)')
      .option('--dry-run', 'decide and record, never send orders')
      .option('--reduce-only', 'start in REDUCE_ONLY: only orders that shrink a position'),
  ).action(async (opts: ProfileOptions & Record<string, unknown>) => {
    const loaded = load(opts, {
      symbols: opts.symbols as string | undefined,
      interval: opts.interval as string | undefined,
      maxCycles: opts.cycles as string | undefined,
      httpPort: opts.httpPort as string | undefined,
      ...(opts.dryRun === true ? { dryRun: true } : {}),
      ...(opts.reduceOnly === true ? { reduceOnly: true } : {}),
    })
    setExit(
      await (await import('./commands/run.js')).runRun(loaded, {
        io,
        log: logger(loaded),
        devFast: opts.devFast === true,
        json: opts.json === true,
      }),
    )
  })

  common(
    program
      .command('preflight')
      .description(
        'check credentials, clock skew, key permissions, products, stakes, risk config and the store',
      ),
  ).action(async (opts: ProfileOptions) => {
    const loaded = load(opts)
    setExit(
      await (await import('./commands/preflight.js')).runPreflight(loaded, {
        io,
        log: logger(loaded),
        json: opts.json === true,
      }),
    )
  })

  common(program.command('account').description('balances at the profile venue')).action(
    async (opts: ProfileOptions) => {
      const loaded = load(opts)
      setExit(
        await (await import('./commands/account.js')).runAccount(loaded, {
          io,
          log: logger(loaded),
          json: opts.json === true,
        }),
      )
    },
  )

  const orders = program
    .command('orders')
    .description('orders: list the store, cancel at the venue, preview without placing')
    .exitOverride()
  common(orders.command('list').description('list orders from the state store'))
    .option('--open', 'only orders that are not terminal')
    .action(async (opts: ProfileOptions & { open?: boolean }) => {
      const loaded = load(opts)
      setExit(
        (await import('./commands/orders.js')).runOrdersList(loaded, {
          io,
          json: opts.json === true,
          open: opts.open === true,
        }),
      )
    })
  common(
    orders
      .command('cancel [ids...]')
      .description(
        "cancel orders at the venue by client or exchange order id, or all the bot's working orders (--all); each cancel is recorded in the store",
      ),
  )
    .option('--all', "every working order of the store, and the venue's open orders with the bot's prefix")
    .option('--symbol <id>', 'with --all: only this product')
    .action(async (ids: string[], opts: ProfileOptions & { all?: boolean; symbol?: string }) => {
      const loaded = load(opts)
      setExit(
        await (await import('./commands/ordersCancel.js')).runOrdersCancel(loaded, {
          io,
          log: logger(loaded),
          json: opts.json === true,
          ids,
          all: opts.all === true,
          symbol: opts.symbol?.toUpperCase(),
        }),
      )
    })
  common(
    orders
      .command('preview')
      .description(
        "quantize an order to the product's increments, run the pre-trade risk checks and ask the venue's preview (fees, totals, errors); nothing is placed",
      ),
  )
    .option('--symbol <id>', 'product id, e.g. BTC-USD (required)')
    .option('--side <side>', 'BUY or SELL (required)')
    .option('--size <base>', 'size in the base currency, e.g. 0.001 (required)')
    .option('--price <price>', 'limit price (implies --type limit)')
    .option('--type <type>', 'market or limit (default: limit with --price, else market)')
    .action(async (opts: ProfileOptions & OrdersPreviewFlags) => {
      // Flags first: bad usage exits 2 before any profile or venue work.
      const preview = await import('./commands/ordersPreview.js')
      preview.parsePreviewRequest(opts)
      const loaded = load(opts)
      setExit(
        await preview.runOrdersPreview(loaded, opts, { io, log: logger(loaded), json: opts.json === true }),
      )
    })

  common(
    program.command('status').description('trading state, last metrics and store contents of a profile'),
  ).action(async (opts: ProfileOptions) => {
    const loaded = load(opts)
    setExit((await import('./commands/status.js')).runStatus(loaded, { io, json: opts.json === true }))
  })

  program
    .command('sim')
    .description('run the simulated Coinbase exchange on its own (real time) until Ctrl+C')
    .option('--port <port>', 'TCP port on 127.0.0.1 (0 = free port)', '0')
    .option('--seed <n>', 'random seed', '42')
    .option('--speed <x>', 'simulated seconds per real second', '1')
    .option('--json', 'print the URLs as JSON')
    .option('--credentials-out <file>', "write the sim's API key as a CDP JSON file (mode 600)")
    .addOption(
      new Option(
        '--auth-clock <clock>',
        'clock JWT nbf/exp are checked against: sim (what GET /time reports, like Coinbase) or wall (real time, for clients that sign with their own clock at --speed > 1)',
      )
        .choices(['sim', 'wall'])
        .default('sim'),
    )
    .exitOverride()
    .action(
      async (opts: {
        port: string
        seed: string
        speed: string
        json?: boolean
        credentialsOut?: string
        authClock: string
      }) => {
        setExit(await (await import('./commands/sim.js')).runSim(opts, io))
      },
    )

  common(
    program
      .command('backtest')
      .description(
        "replay a candle/trade file through the profile's strategy, sizing, risk and execution code",
      )
      .requiredOption('--data <file>', 'Coinbase candle CSV/JSON, Lean zip-extracted CSV or trades file')
      .option('--strategy <name>', 'ma-cross or momentum (default: the profile strategy)')
      .option('--symbol <id>', 'product id when the file does not name one')
      .option('--report <file>', 'write an HTML report'),
  ).action(
    async (opts: ProfileOptions & { data: string; strategy?: string; report?: string; symbol?: string }) => {
      const loaded = load(opts)
      setExit(
        await (await import('./commands/backtest.js')).runBacktestCommand(
          loaded,
          {
            data: opts.data,
            strategy: opts.strategy,
            report: opts.report,
            symbol: opts.symbol,
            json: opts.json === true,
          },
          io,
        ),
      )
    },
  )

  common(
    program
      .command('sweep')
      .description('parameter sweep: one backtest per grid point on worker threads, best first')
      .requiredOption('--data <file>', 'candle or trade file')
      .option('--strategy <name>', 'ma-cross or momentum', 'ma-cross')
      .option(
        '--grid <key=v1,v2>',
        'a parameter and its values (repeat)',
        (v: string, all: string[]) => [...all, v],
        [] as string[],
      )
      .option(
        '--rank <metric>',
        'totalReturn, cagr, sharpe, sortino, maxDrawdown, winRate, profitFactor or exposure',
        'sharpe',
      )
      .option('--workers <n>', 'worker threads (default: CPUs − 1)')
      .option('--top <n>', 'rows to print', '10'),
  ).action(
    async (
      opts: ProfileOptions & {
        data: string
        strategy: string
        grid: string[]
        rank: string
        workers?: string
        top: string
      },
    ) => {
      const loaded = load(opts)
      setExit(
        await (await import('./commands/sweep.js')).runSweepCommand(
          loaded,
          {
            data: opts.data,
            strategy: opts.strategy,
            grid: opts.grid,
            rank: opts.rank,
            workers: opts.workers,
            top: opts.top,
            json: opts.json === true,
          },
          io,
        ),
      )
    },
  )

  return program
}
