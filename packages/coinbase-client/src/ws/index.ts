/**
 * WebSocket and order-book half of the package, gathered so `src/index.ts` can re-export it in one
 * sorted statement.
 */
export {
  OrderBook,
  type OrderBookArrays,
  type OrderBookDepth,
  type OrderBookImpact,
  type OrderBookLevel,
  type OrderBookSide,
  type OrderBookSpread,
} from '../book/OrderBook.js'
export { type L2Event, type L2Message, parseL2Frame, parseL2Message } from '../book/parseL2Message.js'
export {
  COINBASE_WS_URL,
  COINBASE_WS_USER_URL,
  CoinbaseWebSocket,
  type CoinbaseWebSocketOptions,
  createCoinbaseWebSocket,
} from './createCoinbaseWebSocket.js'
export { OrderBookFeed } from './OrderBookFeed.js'
export type {
  UserFill,
  UserOrderDone,
  WsChannel,
  WsConnectionKind,
  WsEvents,
  WsMeta,
  WsStats,
  WsTimers,
} from './types.js'
export { UserFillTracker, type UserFillTrackerOptions } from './UserFillTracker.js'
export type { WebSocketConstructor, WebSocketLike, WsConnection } from './WsConnection.js'
export type { WsCandle, WsTicker, WsTrade, WsUserOrder } from './wsSchemas.js'
