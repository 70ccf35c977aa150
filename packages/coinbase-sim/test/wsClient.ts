import WebSocket from 'ws'

/** A test WebSocket client that records every frame (parsed when JSON) and the close code. */
export interface TestWs {
  ws: WebSocket
  frames: unknown[]
  raw: string[]
  closed: Promise<number>
  send(msg: unknown): void
  /** Resolves with the first recorded frame (from `from` on) matching `pred`. */
  waitFor(pred: (f: Record<string, unknown>) => boolean, from?: number): Promise<Record<string, unknown>>
  close(): void
}

export async function openWs(url: string): Promise<TestWs> {
  const ws = new WebSocket(url)
  const frames: unknown[] = []
  const raw: string[] = []
  const waiters: (() => void)[] = []
  ws.on('message', (d) => {
    const t = d.toString()
    raw.push(t)
    try {
      frames.push(JSON.parse(t))
    } catch {
      frames.push(undefined)
    }
    for (const w of waiters.splice(0)) w()
  })
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)))
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('error', reject)
  })
  const find = (
    pred: (f: Record<string, unknown>) => boolean,
    from: number,
  ): Record<string, unknown> | undefined =>
    frames
      .slice(from)
      .find(
        (f): f is Record<string, unknown> =>
          typeof f === 'object' && f !== null && pred(f as Record<string, unknown>),
      )
  return {
    ws,
    frames,
    raw,
    closed,
    send: (msg) => ws.send(typeof msg === 'string' ? msg : JSON.stringify(msg)),
    waitFor(pred, from = 0) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`timeout; frames: ${JSON.stringify(frames).slice(0, 500)}`)),
          3000,
        )
        const check = (): void => {
          const f = find(pred, from)
          if (f) {
            clearTimeout(timer)
            resolve(f)
          } else waiters.push(check)
        }
        check()
      })
    },
    close: () => ws.close(),
  }
}
