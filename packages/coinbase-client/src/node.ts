/**
 * Node-only additions to `@gpt-trader/coinbase-client` (this entry imports `node:http` and
 * `node:https`; the main entry stays usable in browsers).
 *
 * @example
 * import { nodeHttpSender } from '@gpt-trader/coinbase-client/node'
 * const client = createCoinbaseClient({ send: nodeHttpSender() })
 */
export { type NodeHttpSender, type NodeHttpSenderOptions, nodeHttpSender } from './node/nodeHttpSender.js'
