#!/usr/bin/env node
import { main } from './cli/main.js'

// The process entry: wires SIGINT/SIGTERM to a graceful shutdown and sets the exit code.
const controller = new AbortController()
let signals = 0
const onSignal = (signal: NodeJS.Signals) => {
  signals++
  if (signals === 1) {
    process.stderr.write(
      `\ncoinbase-trader: ${signal}: shutting down (stop new orders, cancel per profile, flush the store)\n`,
    )
    controller.abort()
    // Hard stop if a graceful shutdown hangs past its 5 s budget.
    setTimeout(() => {
      process.stderr.write('coinbase-trader: shutdown took too long; exiting\n')
      process.exit(1)
    }, 6_000).unref()
  }
}
process.on('SIGINT', onSignal)
process.on('SIGTERM', onSignal)

const code = await main(process.argv.slice(2), { signal: controller.signal })
process.exitCode = code
// Exit promptly: nothing the bot owns may keep the loop alive after main resolves.
setTimeout(() => process.exit(code), 200).unref()
