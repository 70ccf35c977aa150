/** Always given to a child Node: a 1 MB young generation and one V8 background thread. */
export declare const V8_FLAGS: string[]

/** How the launcher runs the built CLI; see launchPlan.mjs. */
export declare function launchPlan(input: {
  args: string[]
  execArgv: string[]
  env: Record<string, string | undefined>
}): {
  cpuBound: boolean
  runtimeFlags: string[]
  built: { child: string[] | null; setFlags: string[] }
}
