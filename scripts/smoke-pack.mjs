#!/usr/bin/env node
// Packs every publishable package the way `pnpm publish` would (workspace: and catalog: ranges
// rewritten), installs the tarballs into a scratch project outside the repo, and checks that each
// one can be `require()`d, `import`ed and type-checked from both module systems.
// Run after a build (`turbo run check:package` builds first). Exits non-zero on any failure.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '..')
const pnpm = process.env.npm_execpath
  ? [process.execPath, process.env.npm_execpath]
  : ['npx', '-y', 'pnpm@10']
const run = (cmd, args, opts = {}) =>
  execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', ...opts })

const packages = readdirSync(join(root, 'packages'))
  .map((dir) => ({
    dir: join(root, 'packages', dir),
    pkg: JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8')),
  }))
  .filter(({ pkg }) => !pkg.private)
  .filter(({ dir }) => {
    try {
      return readdirSync(join(dir, 'dist')).length > 0
    } catch {
      console.error(`smoke-pack: ${dir} has no dist/ — build first`)
      process.exitCode = 1
      return false
    }
  })
if (process.exitCode) process.exit()

const scratch = mkdtempSync(join(tmpdir(), 'gpt-trader-smoke-'))
const results = []
try {
  const tarballs = packages.map(({ dir }) => {
    const out = run(pnpm[0], [...pnpm.slice(1), 'pack', '--pack-destination', scratch], { cwd: dir })
    const file = out.trim().split('\n').pop().trim()
    return file.startsWith('/') ? file : join(scratch, file)
  })
  writeFileSync(
    join(scratch, 'package.json'),
    JSON.stringify({ name: 'scratch', private: true, type: 'commonjs' }),
  )
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...tarballs], { cwd: scratch })

  // Every entry point: the package itself and each subpath export (e.g. coinbase-client/node).
  const names = packages.flatMap(({ pkg }) => [
    pkg.name,
    ...Object.keys(pkg.exports ?? {})
      .filter((key) => key !== '.' && key !== './package.json')
      .map((key) => `${pkg.name}${key.slice(1)}`),
  ])
  const cjs = names
    .map(
      (n) =>
        `const m_${id(n)} = require('${n}'); if (Object.keys(m_${id(n)}).length === 0) throw new Error('${n}: empty CJS exports');`,
    )
    .join('\n')
  writeFileSync(join(scratch, 'check.cjs'), `${cjs}\nconsole.log('require ok')\n`)
  const esm = names
    .map(
      (n) =>
        `import * as m_${id(n)} from '${n}'; if (Object.keys(m_${id(n)}).length === 0) throw new Error('${n}: empty ESM exports');`,
    )
    .join('\n')
  writeFileSync(join(scratch, 'check.mjs'), `${esm}\nconsole.log('import ok')\n`)
  run(process.execPath, ['check.cjs'], { cwd: scratch })
  results.push(['require()', 'ok'])
  run(process.execPath, ['check.mjs'], { cwd: scratch })
  results.push(['import', 'ok'])

  // Type-check a consumer in both module systems against the published .d.ts / .d.cts.
  const tsImports = names
    .map(
      (n) =>
        `import * as m_${id(n)} from '${n}'\nexport const k_${id(n)}: string[] = Object.keys(m_${id(n)})`,
    )
    .join('\n')
  writeFileSync(join(scratch, 'consumer.mts'), `${tsImports}\n`)
  writeFileSync(join(scratch, 'consumer.cts'), `${tsImports}\n`)
  writeFileSync(
    join(scratch, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        module: 'nodenext',
        moduleResolution: 'nodenext',
        strict: true,
        noEmit: true,
        skipLibCheck: false,
        types: [],
        lib: ['es2023', 'dom'],
      },
      files: ['consumer.mts', 'consumer.cts'],
    }),
  )
  run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', scratch])
  results.push(['tsc (nodenext, ESM + CJS consumers)', 'ok'])
  console.log(
    `smoke-pack: ${packages.length} packages packed and installed outside the repo; ${names.length} entry points checked (${names.join(', ')})`,
  )
  for (const [check, status] of results) console.log(`  ${check.padEnd(40)} ${status}`)
} catch (error) {
  console.error('smoke-pack failed:', error.stdout ?? '', error.stderr ?? '', error.message)
  process.exitCode = 1
} finally {
  rmSync(scratch, { recursive: true, force: true })
}

function id(name) {
  return name.replace(/[^a-z0-9]/gi, '_')
}
