// Test helpers for driving the CLI in-process (imported by tests only; not part of the build's entries).
import { Writable } from 'node:stream'
import { type CliIo, main } from './main.js'

/** A writable stream that keeps what was written. */
export function sink(): { stream: Writable; text: () => string } {
  const chunks: string[] = []
  return {
    stream: new Writable({
      write(chunk, _encoding, done) {
        chunks.push(String(chunk))
        done()
      },
    }),
    text: () => chunks.join(''),
  }
}

/** Runs `main(argv)` with captured stdout/stderr; `io` adds env, signal and the like. */
export async function cli(
  argv: string[],
  env: NodeJS.ProcessEnv = {},
  io: Partial<Omit<CliIo, 'stdout' | 'stderr' | 'env'>> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = sink()
  const stderr = sink()
  const code = await main(argv, { ...io, stdout: stdout.stream, stderr: stderr.stream, env })
  return { code, stdout: stdout.text(), stderr: stderr.text() }
}
