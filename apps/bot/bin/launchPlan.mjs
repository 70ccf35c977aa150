// How the launcher runs the built CLI, decided from the command line, Node's own flags and the
// environment alone (no I/O), so that it can be tested. See coinbase-trader.mjs for the why.

/** Always given to a child Node: a 1 MB young generation and one V8 background thread. */
export const V8_FLAGS = ['--max-semi-space-size=1', '--v8-pool-size=1']

/**
 * @param {{ args: string[], execArgv: string[], env: Record<string, string | undefined> }} input
 * @returns {{ cpuBound: boolean, runtimeFlags: string[], built: { child: string[] | null, setFlags: string[] } }}
 *   `runtimeFlags`: the V8 flags for a child that runs the source (tsx); `built.child`: the Node
 *   flags of a child that runs `dist/cli.js`, or null to import it in this process after
 *   `built.setFlags` were set.
 */
export function launchPlan({ args, execArgv, env }) {
  const cpuBound = args.includes('--dev-fast') || args[0] === 'backtest' || args[0] === 'sweep'
  const fullJit = env.COINBASE_TRADER_FULL_JIT === '1'
  // Started through the shebang (or pnpm's shim): the interpreter only, and the JIT cannot be
  // turned back on in a running process.
  const jitless = execArgv.includes('--jitless')
  const runtimeFlags = cpuBound ? [] : ['--optimize-for-size', ...(fullJit ? [] : ['--no-opt'])]
  if (jitless && cpuBound) return { cpuBound, runtimeFlags, built: { child: V8_FLAGS, setFlags: [] } }
  if (jitless && fullJit)
    return {
      cpuBound,
      runtimeFlags,
      built: { child: [...V8_FLAGS, '--optimize-for-size', '--compact-on-every-full-gc'], setFlags: [] },
    }
  if (jitless) return { cpuBound, runtimeFlags, built: { child: null, setFlags: [] } }
  if (cpuBound) {
    // Started with lean flags by hand: give the bounded job its speed back.
    const setFlags = [
      ...(execArgv.includes('--optimize-for-size') ? ['--no-optimize-for-size'] : []),
      ...(execArgv.includes('--no-opt') ? ['--opt'] : []),
    ]
    return { cpuBound, runtimeFlags, built: { child: null, setFlags } }
  }
  // Started without the shebang's flags (`node bin/coinbase-trader.mjs …`): the best left is to
  // set these now (later than at start, so they save less).
  return { cpuBound, runtimeFlags, built: { child: null, setFlags: runtimeFlags } }
}
