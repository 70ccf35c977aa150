// `pnpm --filter @gpt-trader/bot soak [--minutes 30] [--symbols 10] [--every 1m] [--warmup 2m] [--out FILE]`
// Runs `coinbase-trader run --profile dev` (real time) as a child and samples its memory and
// event-loop lag; see soak/runSoak.ts and the README's "Memory and soak" section. Not part of CI.
import { runSoak } from './runSoak.js'
import { parseSoakArgs } from './soakStats.js'

const controller = new AbortController()
process.once('SIGINT', () => {
  process.stderr.write('soak: SIGINT — stopping the bot and writing what was sampled\n')
  controller.abort()
})
try {
  await runSoak({ ...parseSoakArgs(process.argv.slice(2)), signal: controller.signal })
} catch (error) {
  process.stderr.write(`soak: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exitCode = 1
}
