import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type WebSocket, WebSocketServer } from 'ws'

export interface DisposableHttpServer {
  /** `http://127.0.0.1:PORT` */
  url: string
  port: number
  server: Server
  /** Every request seen, in order (method, url, headers, body). */
  requests: RecordedRequest[]
  close(): Promise<void>
  [Symbol.asyncDispose](): Promise<void>
}

export interface RecordedRequest {
  method: string
  url: string
  headers: IncomingMessage['headers']
  body: string
}

export type Handler = (req: IncomingMessage & { body: string }, res: ServerResponse) => void | Promise<void>

/**
 * Starts a throwaway HTTP server on 127.0.0.1 with a free port. Use for edge cases the simulated
 * exchange does not produce. Always `await server.close()` (or `await using`).
 */
export async function startHttpServer(handler: Handler): Promise<DisposableHttpServer> {
  const requests: RecordedRequest[] = []
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      requests.push({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body })
      Promise.resolve(handler(Object.assign(req, { body }), res)).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' })
        res.end(String(error))
      })
    })
  })
  // Keep-alive sockets would hold close() open; track and destroy them.
  const sockets = new Set<import('node:net').Socket>()
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const close = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy()
      server.close(() => resolve())
    })
  return { url: `http://127.0.0.1:${port}`, port, server, requests, close, [Symbol.asyncDispose]: close }
}

export interface DisposableWsServer {
  /** `ws://127.0.0.1:PORT` */
  url: string
  port: number
  wss: WebSocketServer
  /** Connections in the order they arrived. */
  connections: WebSocket[]
  close(): Promise<void>
  [Symbol.asyncDispose](): Promise<void>
}

/** Starts a throwaway WebSocket server on 127.0.0.1 with a free port. */
export async function startWsServer(onConnection: (ws: WebSocket) => void): Promise<DisposableWsServer> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 })
  const connections: WebSocket[] = []
  wss.on('connection', (ws) => {
    connections.push(ws)
    onConnection(ws)
  })
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()))
  const { port } = wss.address() as AddressInfo
  const close = () =>
    new Promise<void>((resolve) => {
      for (const ws of wss.clients) ws.terminate()
      wss.close(() => resolve())
    })
  return { url: `ws://127.0.0.1:${port}`, port, wss, connections, close, [Symbol.asyncDispose]: close }
}
