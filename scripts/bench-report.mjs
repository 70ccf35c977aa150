#!/usr/bin/env node
/**
 * Runs every workspace package's `bench` script, one after another, and writes BENCHMARKS.md at the
 * repository root: the machine (Node, OS, CPU, load average), one table per package (figure, target,
 * PASS/MISS, the baseline measured in the same run and the ratio to it) and the soak result.
 *
 *   node scripts/bench-report.mjs [--only=risk,sizing] [--out=BENCHMARKS.md] [--soak=benchmarks/soak.json] [--verbose]
 *
 * Each bench gets `BENCH_JSON=<file>` in its environment and, when it knows that variable, writes an
 * array of figures there:
 *
 *   { name: string, value: number, unit: string, target?: number, higherIsBetter: boolean,
 *     baseline?: { name: string, value: number } }
 *
 * `target` is in the figure's own unit (a relative target such as "<= 1.3x bare fetch" is written as
 * 1.3 x the baseline measured in the same run); `baseline` is the peer or floor measured in the same
 * run. A package whose bench writes no JSON is listed as "no figures". The soak section comes from
 * benchmarks/soak.json (else var/soak/latest.json, the soak script's default) when it exists.
 *
 * Exit status: 1 if a bench crashed (non-zero exit, or killed after BENCH_TIMEOUT_MS, default 20 min);
 * missed targets are reported, never a failure. The bench output goes to a log file per package in a
 * temp directory (printed), or to the terminal with --verbose.
 */
import { spawn, spawnSync } from 'node:child_process'
import { createWriteStream, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { arch, cpus, loadavg, platform, release, tmpdir, totalmem, type } from 'node:os'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')

// ------------------------------------------------------------------------------------------------
// Arguments

const args = process.argv.slice(2)
const option = (name) => {
  const hit = args.find((a) => a === `--${name}` || a.startsWith(`--${name}=`))
  if (hit === undefined) return undefined
  return hit.includes('=') ? hit.slice(hit.indexOf('=') + 1) : true
}
const only =
  typeof option('only') === 'string' ? String(option('only')).split(',').filter(Boolean) : undefined
const outFile = resolve(root, typeof option('out') === 'string' ? String(option('out')) : 'BENCHMARKS.md')
const soakFile = resolve(
  root,
  typeof option('soak') === 'string' ? String(option('soak')) : 'benchmarks/soak.json',
)
const verbose = option('verbose') === true
const timeoutMs = Number(process.env.BENCH_TIMEOUT_MS ?? 20 * 60_000)

// ------------------------------------------------------------------------------------------------
// Workspace packages (from the globs in pnpm-workspace.yaml: `dir/*` and literal paths)

function workspaceGlobs() {
  const text = readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8')
  const globs = []
  let inPackages = false
  for (const line of text.split('\n')) {
    if (/^packages:\s*$/.test(line)) {
      inPackages = true
      continue
    }
    if (inPackages) {
      const item = /^\s+-\s+['"]?([^'"#]+?)['"]?\s*(#.*)?$/.exec(line)
      if (item?.[1]) globs.push(item[1].trim())
      else if (/^\S/.test(line)) inPackages = false
    }
  }
  return globs
}

function expandGlob(glob) {
  if (glob.startsWith('!')) return []
  if (glob.endsWith('/*') || glob.endsWith('/**')) {
    const base = join(root, glob.replace(/\/\*\*?$/, ''))
    if (!existsSync(base)) return []
    return readdirSync(base, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => join(base, d.name))
  }
  return [join(root, glob)]
}

function workspacePackages() {
  const globs = workspaceGlobs()
  const excluded = new Set(globs.filter((g) => g.startsWith('!')).map((g) => join(root, g.slice(1))))
  // Workspace order (packages/* before apps/*), alphabetical within each glob.
  const dirs = [...new Set(globs.flatMap((g) => expandGlob(g).sort()))].filter((d) => !excluded.has(d))
  const packages = []
  for (const dir of dirs) {
    const manifest = join(dir, 'package.json')
    if (!existsSync(manifest)) continue
    const pkg = JSON.parse(readFileSync(manifest, 'utf8'))
    if (typeof pkg.name !== 'string') continue
    packages.push({
      name: pkg.name,
      short: pkg.name.replace(/^@[^/]+\//, ''),
      dir: relative(root, dir),
      hasBench: typeof pkg.scripts?.bench === 'string',
    })
  }
  return packages
}

// ------------------------------------------------------------------------------------------------
// Machine

function osName() {
  try {
    const text = readFileSync('/etc/os-release', 'utf8')
    const pretty = /^PRETTY_NAME="?([^"\n]*)"?/m.exec(text)?.[1]
    if (pretty) return `${pretty} (${type()} ${release()}, ${arch()})`
  } catch {
    // Not Linux, or no os-release: fall back to the kernel name.
  }
  return `${type()} ${release()} (${platform()}/${arch()})`
}

function machine() {
  const list = cpus()
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    node: process.version,
    os: osName(),
    cpu: list[0]?.model?.trim() || 'unknown CPU',
    cores: list.length,
    memoryGb: (totalmem() / 1024 ** 3).toFixed(1),
    load: loadavg(),
  }
}

// ------------------------------------------------------------------------------------------------
// Running one bench

function pnpmCommand() {
  // Under `pnpm bench`, npm_execpath is pnpm itself: reuse it rather than whatever `pnpm` is on PATH.
  const execPath = process.env.npm_execpath
  if (execPath && /pnpm/.test(execPath) && existsSync(execPath)) {
    return /\.(c|m)?js$/.test(execPath)
      ? { command: process.execPath, prefix: [execPath] }
      : { command: execPath, prefix: [] }
  }
  if (!spawnSync('pnpm', ['--version'], { stdio: 'ignore' }).error) return { command: 'pnpm', prefix: [] }
  // No pnpm on PATH: the README's way of running it.
  return { command: 'npx', prefix: ['-y', 'pnpm@10'] }
}

/** The commit measured, and whether the checkout had uncommitted changes (read-only git calls). */
function commit() {
  const head = spawnSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: root, encoding: 'utf8' })
  if (head.error || head.status !== 0) return 'unknown (not a git checkout)'
  const dirty = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], {
    cwd: root,
    encoding: 'utf8',
  })
  return `${head.stdout.trim()}${dirty.stdout?.trim() ? ' + uncommitted changes' : ''}`
}

let current

function stop(child) {
  try {
    if (process.platform === 'win32') child.kill('SIGTERM')
    else process.kill(-child.pid, 'SIGTERM')
  } catch {
    // Already gone.
  }
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (current && current.exitCode === null) stop(current)
    process.exit(130)
  })
}

function runBench(pkg, jsonFile, logFile, { command, prefix }) {
  return new Promise((resolvePromise) => {
    const started = performance.now()
    const child = spawn(command, [...prefix, '--filter', pkg.name, 'bench'], {
      cwd: root,
      env: { ...process.env, BENCH_JSON: jsonFile },
      stdio: verbose ? 'inherit' : ['ignore', 'pipe', 'pipe'],
      // Its own process group, so a timeout or Ctrl-C stops the bench itself, not only pnpm.
      detached: process.platform !== 'win32',
    })
    current = child
    if (!verbose) {
      const log = createWriteStream(logFile)
      child.stdout.pipe(log, { end: false })
      child.stderr.pipe(log, { end: false })
      child.on('close', () => log.end())
    }
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      stop(child)
    }, timeoutMs)
    child.on('error', (error) => {
      clearTimeout(timer)
      resolvePromise({ code: -1, error: String(error), seconds: (performance.now() - started) / 1000 })
    })
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      resolvePromise({
        code: code ?? -1,
        error: timedOut ? `killed after ${timeoutMs / 1000} s` : signal ? `killed by ${signal}` : undefined,
        seconds: (performance.now() - started) / 1000,
      })
    })
  })
}

function isFigure(f) {
  return (
    f !== null &&
    typeof f === 'object' &&
    typeof f.name === 'string' &&
    typeof f.value === 'number' &&
    Number.isFinite(f.value) &&
    typeof f.unit === 'string' &&
    typeof f.higherIsBetter === 'boolean' &&
    (f.target === undefined || (typeof f.target === 'number' && Number.isFinite(f.target))) &&
    (f.baseline === undefined ||
      (typeof f.baseline === 'object' &&
        f.baseline !== null &&
        typeof f.baseline.name === 'string' &&
        typeof f.baseline.value === 'number' &&
        Number.isFinite(f.baseline.value)))
  )
}

function readFigures(jsonFile) {
  if (!existsSync(jsonFile)) return { figures: undefined }
  try {
    const data = JSON.parse(readFileSync(jsonFile, 'utf8'))
    if (!Array.isArray(data)) return { figures: undefined, problem: 'BENCH_JSON is not an array' }
    const figures = data.filter(isFigure)
    const dropped = data.length - figures.length
    return {
      figures,
      problem: dropped ? `${dropped} malformed entr${dropped === 1 ? 'y' : 'ies'} left out` : undefined,
    }
  } catch (error) {
    return { figures: undefined, problem: `BENCH_JSON is not valid JSON (${error.message})` }
  }
}

function tail(file, lines) {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n')
  } catch {
    return ''
  }
}

// ------------------------------------------------------------------------------------------------
// Formatting (deterministic: fixed rules, no locale)

function group3(text) {
  return text.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

/** 3-4 significant figures, thousands grouped, M above a million. */
function num(v) {
  const a = Math.abs(v)
  if (a >= 1e7) return `${(v / 1e6).toFixed(1)} M`
  if (a >= 1e6) return `${(v / 1e6).toFixed(2)} M`
  if (a >= 1000) return group3(v.toFixed(0))
  if (a >= 100) return v.toFixed(0)
  if (a >= 10) return v.toFixed(1)
  if (a >= 1) return v.toFixed(2)
  if (a === 0) return '0'
  return v.toPrecision(3)
}

function ratio(r) {
  if (!Number.isFinite(r)) return '–'
  const a = Math.abs(r)
  if (a >= 100) return `${r.toFixed(0)}×`
  if (a >= 10) return `${r.toFixed(1)}×`
  if (a >= 0.01) return `${r.toFixed(2)}×`
  return `${r.toPrecision(2)}×`
}

function cell(text) {
  return String(text).replace(/\|/g, '\\|').replace(/\n/g, ' ')
}

function table(header, rows) {
  const out = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`]
  for (const row of rows) out.push(`| ${row.map(cell).join(' | ')} |`)
  return out.join('\n')
}

function verdict(f) {
  if (f.target === undefined) return '–'
  const met = f.higherIsBetter ? f.value >= f.target : f.value <= f.target
  return met ? 'PASS' : '**MISS**'
}

function figureRows(figures) {
  return figures.map((f) => [
    f.name,
    num(f.value),
    f.unit,
    f.target === undefined ? '–' : `${f.higherIsBetter ? '≥' : '≤'} ${num(f.target)}`,
    verdict(f),
    f.baseline ? `${f.baseline.name}: ${num(f.baseline.value)}` : '–',
    f.baseline && f.baseline.value !== 0 ? ratio(f.value / f.baseline.value) : '–',
  ])
}

// ------------------------------------------------------------------------------------------------
// Soak

/** The soak report: `--soak`, else benchmarks/soak.json, else the soak script's default var/soak/latest.json. */
function soakPath() {
  if (typeof option('soak') === 'string') return soakFile
  const fallback = join(root, 'var', 'soak', 'latest.json')
  return !existsSync(soakFile) && existsSync(fallback) ? fallback : soakFile
}

function soakSection() {
  const file = soakPath()
  const name = relative(root, file)
  if (!existsSync(file)) return `Not run (no \`${name}\`; the bot's soak script writes it).`
  let soak
  try {
    soak = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    return `\`${name}\` is not valid JSON (${error.message}).`
  }
  const samples = Array.isArray(soak?.samples) ? soak.samples : []
  const last = samples.at(-1)
  const rssMb = (s) => {
    if (s === null || typeof s !== 'object') return undefined
    for (const key of ['rssMb', 'rss_mb', 'rssMB']) if (typeof s[key] === 'number') return s[key]
    if (typeof s.rss === 'number') return s.rss > 1e5 ? s.rss / 1024 ** 2 : s.rss
    return undefined
  }
  // Either { rssMbPerHour, heapUsedMbPerHour } or { rss: { mbPerHour }, heapUsed: { mbPerHour } }.
  const slope = (flat, nested) => {
    const v = soak?.slopes?.[flat] ?? soak?.slopes?.[nested]?.mbPerHour
    return typeof v === 'number' && Number.isFinite(v) ? `${v >= 0 ? '+' : ''}${v.toFixed(2)} MB/h` : '–'
  }
  const describe = (v) => {
    if (v === undefined || v === null) return '–'
    if (typeof v !== 'object') return String(v)
    return Object.entries(v)
      .map(([k, x]) => `${k}: ${typeof x === 'object' ? JSON.stringify(x) : x}`)
      .join(', ')
  }
  const minutes = soak?.minutes ?? soak?.options?.minutes
  const warmup = soak?.slopes?.warmupSeconds
  const finalRss = rssMb(last)
  return [
    `From \`${name}\`.`,
    '',
    table(
      ['what', 'value'],
      [
        ['started', typeof soak?.startedAt === 'string' ? soak.startedAt : '–'],
        ['minutes', typeof minutes === 'number' ? String(Math.round(minutes * 10) / 10) : '–'],
        ['samples', String(samples.length)],
        ['final RSS', finalRss === undefined ? '–' : `${finalRss.toFixed(1)} MB`],
        [
          `RSS slope${typeof warmup === 'number' ? ` (after ${warmup} s warm-up)` : ''}`,
          slope('rssMbPerHour', 'rss'),
        ],
        ['heap used slope', slope('heapUsedMbPerHour', 'heapUsed')],
        ['Node', describe(soak?.node)],
        ['machine', describe(soak?.machine)],
      ],
    ),
  ].join('\n')
}

// ------------------------------------------------------------------------------------------------
// Main

async function main() {
  const all = workspacePackages()
  const unknown = (only ?? []).filter((o) => !all.some((p) => p.short === o || p.name === o))
  if (unknown.length) {
    console.error(`bench-report: no workspace package named ${unknown.join(', ')}`)
    process.exit(2)
  }
  const selected = all.filter((p) => p.hasBench && (!only || only.includes(p.short) || only.includes(p.name)))
  const host = machine()
  const pnpm = pnpmCommand()
  const measured = commit()
  const tmp = mkdtempSync(join(tmpdir(), 'gpt-trader-bench-'))
  const busy = host.load[0] > 1
  console.log(
    `bench-report: ${selected.length} packages, Node ${host.node}, ${host.cpu} x${host.cores}, load average ${host.load
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  )
  if (busy)
    console.log('bench-report: WARNING: load average > 1, the machine is busy and figures will be skewed')
  console.log(`bench-report: logs and JSON in ${tmp}`)

  const results = []
  for (const [i, pkg] of selected.entries()) {
    const jsonFile = join(tmp, `${pkg.short}.json`)
    const logFile = join(tmp, `${pkg.short}.log`)
    process.stdout.write(`[${i + 1}/${selected.length}] ${pkg.short} … `)
    const run = await runBench(pkg, jsonFile, logFile, pnpm)
    const crashed = run.code !== 0 || run.error !== undefined
    const { figures, problem } = readFigures(jsonFile)
    const targets = (figures ?? []).filter((f) => f.target !== undefined)
    const met = targets.filter((f) => verdict(f) === 'PASS').length
    const status = crashed
      ? `CRASHED (${run.error ?? `exit ${run.code}`})`
      : figures === undefined
        ? 'no figures'
        : `${figures.length} figures, ${targets.length ? `${met}/${targets.length} targets met` : 'no targets'}`
    console.log(`${status}${problem ? `; ${problem}` : ''} (${run.seconds.toFixed(1)} s)`)
    const logTail = crashed && !verbose ? tail(logFile, 15) : ''
    if (logTail) console.log(logTail.replace(/^/gm, '    '))
    results.push({ pkg, run, crashed, figures, problem, met, targets: targets.length, logTail })
  }
  const loadEnd = loadavg()

  const md = []
  md.push('# Benchmarks')
  md.push('')
  md.push(
    "Generated by `pnpm bench` (`node scripts/bench-report.mjs`), which runs every package's `bench` script one after another. " +
      'Each figure is printed next to the peer or floor measured in the same run; "ratio" is figure ÷ baseline. ' +
      'Targets come from the package issues; a missed target is reported here, it never fails the run.',
  )
  md.push('')
  md.push('## Machine')
  md.push('')
  md.push(
    table(
      ['', ''],
      [
        ['date (UTC)', host.date],
        ['commit', measured],
        ['Node', host.node],
        ['OS', host.os],
        ['CPU', `${host.cpu} × ${host.cores} cores`],
        ['memory', `${host.memoryGb} GB`],
        ['load average at start (1/5/15 min)', host.load.map((l) => l.toFixed(2)).join(' / ')],
        ['load average at end (1/5/15 min)', loadEnd.map((l) => l.toFixed(2)).join(' / ')],
      ],
    ),
  )
  md.push('')
  if (busy) {
    md.push(
      `> **Warning:** the 1-minute load average was ${host.load[0].toFixed(2)} (> 1) when the run started: other work shared the CPU, so absolute figures are skewed low (and latencies high). Ratios to the same-run baselines are more trustworthy than absolute figures; regenerate on a quiet machine.`,
    )
    md.push('')
  }
  md.push('## Summary')
  md.push('')
  md.push(
    table(
      ['package', 'result', 'figures', 'targets met', 'time'],
      results.map((r) => [
        r.pkg.name,
        r.crashed
          ? `CRASHED (${r.run.error ?? `exit ${r.run.code}`})`
          : r.figures === undefined
            ? 'no figures'
            : 'ok',
        r.figures === undefined ? '–' : String(r.figures.length),
        r.targets ? `${r.met} / ${r.targets}` : '–',
        `${r.run.seconds.toFixed(0)} s`,
      ]),
    ),
  )
  md.push('')
  for (const r of results) {
    md.push(`## ${r.pkg.name}`)
    md.push('')
    md.push(`\`pnpm --filter ${r.pkg.name} bench\` (${r.pkg.dir})`)
    md.push('')
    if (r.crashed) {
      md.push(`**Crashed:** ${r.run.error ?? `exit code ${r.run.code}`}. The end of its output:`)
      md.push('')
      md.push('```text')
      md.push(r.logTail || '(no output captured; rerun with --verbose)')
      md.push('```')
      md.push('')
    }
    if (r.figures === undefined || r.figures.length === 0) {
      md.push(
        r.problem
          ? `No figures: ${r.problem}.`
          : r.crashed
            ? 'No figures.'
            : 'No figures (its bench writes no `BENCH_JSON`).',
      )
    } else {
      if (r.problem) md.push(`Note: ${r.problem}.\n`)
      md.push(
        table(
          ['benchmark', 'figure', 'unit', 'target', 'result', 'same-run baseline', 'ratio'],
          figureRows(r.figures),
        ),
      )
    }
    md.push('')
  }
  md.push('## Soak')
  md.push('')
  md.push(soakSection())
  md.push('')
  writeFileSync(outFile, md.join('\n'))
  console.log(`bench-report: wrote ${relative(process.cwd(), outFile) || outFile}`)
  const crashes = results.filter((r) => r.crashed)
  if (crashes.length) {
    console.error(
      `bench-report: ${crashes.length} bench(es) crashed: ${crashes.map((r) => r.pkg.short).join(', ')}`,
    )
    process.exit(1)
  }
}

await main()
