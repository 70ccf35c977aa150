export {
  type CancelOrdersParameters,
  type CancelOrdersReturnType,
  cancelOrders,
} from './actions/cancelOrders.js'
export type { CandlesParameters, Granularity } from './actions/candleParams.js'
export {
  type ClosePositionParameters,
  type ClosePositionReturnType,
  closePosition,
} from './actions/closePosition.js'
export {
  type CreateOrderParameters,
  type CreateOrderReturnType,
  createOrder,
} from './actions/createOrder.js'
export {
  type EditOrderParameters,
  type EditOrderReturnType,
  editOrder,
} from './actions/editOrder.js'
export {
  type FindOrderByClientOrderIdParameters,
  type FindOrderByClientOrderIdReturnType,
  findOrderByClientOrderId,
} from './actions/findOrderByClientOrderId.js'
export {
  type GetAccountParameters,
  type GetAccountReturnType,
  getAccount,
} from './actions/getAccount.js'
export {
  type GetBestBidAskParameters,
  type GetBestBidAskReturnType,
  getBestBidAsk,
} from './actions/getBestBidAsk.js'
export {
  type GetCandlesParameters,
  type GetCandlesReturnType,
  getCandles,
} from './actions/getCandles.js'
export {
  type GetFuturesBalanceSummaryParameters,
  type GetFuturesBalanceSummaryReturnType,
  getFuturesBalanceSummary,
} from './actions/getFuturesBalanceSummary.js'
export {
  type GetFuturesPositionParameters,
  type GetFuturesPositionReturnType,
  getFuturesPosition,
} from './actions/getFuturesPosition.js'
export {
  type GetKeyPermissionsParameters,
  type GetKeyPermissionsReturnType,
  getKeyPermissions,
} from './actions/getKeyPermissions.js'
export {
  type GetMarketTradesParameters,
  type GetMarketTradesReturnType,
  getMarketTrades,
} from './actions/getMarketTrades.js'
export {
  type GetOrderParameters,
  type GetOrderReturnType,
  getOrder,
} from './actions/getOrder.js'
export {
  type GetPaymentMethodParameters,
  type GetPaymentMethodReturnType,
  getPaymentMethod,
} from './actions/getPaymentMethod.js'
export {
  type GetProductParameters,
  type GetProductReturnType,
  getProduct,
} from './actions/getProduct.js'
export {
  type GetProductBookParameters,
  type GetProductBookReturnType,
  getProductBook,
} from './actions/getProductBook.js'
export {
  type GetPublicCandlesParameters,
  type GetPublicCandlesReturnType,
  getPublicCandles,
} from './actions/getPublicCandles.js'
export {
  type GetPublicMarketTradesParameters,
  type GetPublicMarketTradesReturnType,
  getPublicMarketTrades,
} from './actions/getPublicMarketTrades.js'
export {
  type GetPublicProductParameters,
  type GetPublicProductReturnType,
  getPublicProduct,
} from './actions/getPublicProduct.js'
export {
  type GetPublicProductBookParameters,
  type GetPublicProductBookReturnType,
  getPublicProductBook,
} from './actions/getPublicProductBook.js'
export {
  type GetServerTimeParameters,
  type GetServerTimeReturnType,
  getServerTime,
} from './actions/getServerTime.js'
export {
  type GetTransactionSummaryParameters,
  type GetTransactionSummaryReturnType,
  getTransactionSummary,
} from './actions/getTransactionSummary.js'
export {
  type IterateAccountsParameters,
  type IterateAccountsReturnType,
  iterateAccounts,
} from './actions/iterateAccounts.js'
export {
  type IterateFillsParameters,
  type IterateFillsReturnType,
  iterateFills,
} from './actions/iterateFills.js'
export {
  type IterateOrdersParameters,
  type IterateOrdersReturnType,
  iterateOrders,
} from './actions/iterateOrders.js'
export {
  type ListAccountsParameters,
  type ListAccountsReturnType,
  listAccounts,
} from './actions/listAccounts.js'
export {
  type ListFillsParameters,
  type ListFillsReturnType,
  listFills,
} from './actions/listFills.js'
export {
  type ListFuturesPositionsParameters,
  type ListFuturesPositionsReturnType,
  listFuturesPositions,
} from './actions/listFuturesPositions.js'
export {
  type ListOrdersParameters,
  type ListOrdersReturnType,
  listOrders,
} from './actions/listOrders.js'
export {
  type ListPaymentMethodsParameters,
  type ListPaymentMethodsReturnType,
  listPaymentMethods,
} from './actions/listPaymentMethods.js'
export {
  type ListPerpetualsPositionsParameters,
  type ListPerpetualsPositionsReturnType,
  listPerpetualsPositions,
} from './actions/listPerpetualsPositions.js'
export {
  type ListPortfoliosParameters,
  type ListPortfoliosReturnType,
  listPortfolios,
} from './actions/listPortfolios.js'
export {
  type ListProductsParameters,
  type ListProductsReturnType,
  listProducts,
} from './actions/listProducts.js'
export {
  type ListPublicProductsParameters,
  type ListPublicProductsReturnType,
  listPublicProducts,
} from './actions/listPublicProducts.js'
export {
  type MovePortfolioFundsParameters,
  type MovePortfolioFundsReturnType,
  movePortfolioFunds,
} from './actions/movePortfolioFunds.js'
export type { PlacedOrder, PlaceOrderOptions } from './actions/placeOrder.js'
export {
  type PreviewEditOrderParameters,
  type PreviewEditOrderReturnType,
  previewEditOrder,
} from './actions/previewEditOrder.js'
export {
  type PreviewOrderParameters,
  type PreviewOrderReturnType,
  previewOrder,
} from './actions/previewOrder.js'
export {
  isLegacyHmacInput,
  type LegacyHmacCredentials,
  type LegacyHmacCredentialsInput,
  type LegacyHmacRequest,
  parseLegacyHmacCredentials,
  signLegacyHmac,
} from './auth/hmac.js'
export {
  type Credentials,
  type CredentialsInput,
  type CredentialsSource,
  createRestJwt,
  createWsJwt,
  formatJwtUri,
  isParsedCredentials,
  JWT_LIFETIME_SECONDS,
  type JwtAlgorithm,
  parseCredentials,
  type RestJwtRequest,
} from './auth/index.js'
export type { Client } from './client/Client.js'
export {
  type CoinbaseClient,
  type CoinbaseClientConfig,
  createCoinbaseClient,
  DEFAULT_BASE_URL,
  DEFAULT_WS_URL,
  DEFAULT_WS_USER_URL,
} from './client/createCoinbaseClient.js'
export { type RestActions, restActions } from './client/restActions.js'
export {
  AuthenticationError,
  BadRequest,
  BadSymbol,
  BaseError,
  type BaseErrorOptions,
  CredentialsRequired,
  type ErrorCode,
  ExchangeError,
  ExchangeNotAvailable,
  errorCodes,
  formatIssuePath,
  type HttpErrorContext,
  type HttpErrorOptions,
  InsufficientFunds,
  InvalidArgument,
  InvalidCredentials,
  InvalidOrder,
  isAuthenticationError,
  isBadRequestError,
  isBadSymbolError,
  isBaseError,
  isCredentialsRequiredError,
  isExchangeError,
  isExchangeNotAvailableError,
  isInsufficientFundsError,
  isInvalidArgumentError,
  isInvalidCredentialsError,
  isInvalidOrderError,
  isNetworkError,
  isNotSupportedError,
  isOrderNotFoundError,
  isOrderStatusUnknownError,
  isParseError,
  isRateLimitExceededError,
  isRequestAbortedError,
  isRequestTimeoutError,
  isSchemaError,
  isWebSocketError,
  NetworkError,
  NotSupported,
  type OrderErrorOptions,
  type OrderFailureReasons,
  OrderNotFound,
  OrderStatusUnknown,
  ParseError,
  type ParseErrorOptions,
  PermissionDenied,
  RateLimitExceeded,
  RequestAborted,
  RequestTimeout,
  SchemaError,
  type SchemaIssue,
  WebSocketError,
} from './errors/index.js'
export {
  type Account,
  accountSchema,
  getAccountResponseSchema,
  listAccountsResponseSchema,
} from './schemas/accounts.js'
export { errorBodySchema } from './schemas/errorBody.js'
export { transactionSummaryResponseSchema } from './schemas/fees.js'
export {
  type AttachedOrderConfiguration,
  type BaseOrQuoteSize,
  type DecimalInput,
  type LimitLimitFok,
  type LimitLimitGtc,
  type LimitLimitGtd,
  type MarketMarketFok,
  type MarketMarketIoc,
  type OrderConfiguration,
  orderConfigurationKeys,
  type ScaledLeg,
  type ScaledLimitGtc,
  type SorLimitIoc,
  type StopDirection,
  type StopLimitStopLimitGtc,
  type StopLimitStopLimitGtd,
  serializeAttachedOrderConfiguration,
  serializeMoneyField,
  serializeOrderConfiguration,
  type TriggerBracketGtc,
  type TriggerBracketGtd,
  type TwapLimitGtd,
  toDecimalString,
} from './schemas/orderConfiguration.js'
export {
  type CreateOrderResponse,
  cancelOrdersResponseSchema,
  createOrderResponseSchema,
  editOrderResponseSchema,
  type Fill,
  fillSchema,
  getOrderResponseSchema,
  listFillsResponseSchema,
  listOrdersResponseSchema,
  type Order,
  orderConfigurationSchema,
  orderSchema,
  orderStatuses,
  previewEditOrderResponseSchema,
  previewOrderResponseSchema,
} from './schemas/orders.js'
export { parseResponse } from './schemas/parseResponse.js'
export {
  futuresBalanceSummaryResponseSchema,
  futuresPositionSchema,
  getFuturesPositionResponseSchema,
  getPaymentMethodResponseSchema,
  keyPermissionsResponseSchema,
  listFuturesPositionsResponseSchema,
  listPaymentMethodsResponseSchema,
  listPerpetualsPositionsResponseSchema,
  listPortfoliosResponseSchema,
  moveFundsResponseSchema,
  paymentMethodSchema,
  perpetualsPositionSchema,
  portfolioSchema,
} from './schemas/portfolios.js'
export {
  type Amount,
  amount,
  booleanish,
  decimal,
  decimalOrNull,
  integer,
  openEnum,
  timestamp,
  timestampOrNull,
  unixSeconds,
} from './schemas/primitives.js'
export {
  bestBidAskResponseSchema,
  type Candle,
  candleSchema,
  candlesResponseSchema,
  listProductsResponseSchema,
  type MarketTrade,
  marketTradeSchema,
  marketTradesResponseSchema,
  type Pricebook,
  type Product,
  pricebookSchema,
  priceLevelSchema,
  productBookResponseSchema,
  productSchema,
  productTypes,
  serverTimeResponseSchema,
} from './schemas/products.js'
export { errorFromResponse, type FailedResponse } from './transports/errorFromResponse.js'
export { fetchSender } from './transports/fetchSender.js'
export {
  buildPath,
  type HttpTransport,
  type HttpTransportConfig,
  type HttpTransportInstance,
  http,
  type QueryValue,
  type RateLimitOptions,
  type RequestOptions,
  type TransportContext,
  type TransportRequest,
} from './transports/http.js'
export {
  type HttpSender,
  type HttpSendRequest,
  type HttpSendResponse,
  isSendTimeout,
  sendTimeoutError,
} from './transports/sender.js'
export { backoffDelay, defaultRetryOptions, parseRetryAfter, type RetryOptions } from './utils/backoff.js'
export { type Clock, defaultSleep, type Sleep, systemClock } from './utils/clock.js'
export { createTokenBucket, type TokenBucket, type TokenBucketOptions } from './utils/createTokenBucket.js'
export { randomUuid } from './utils/randomUuid.js'

// --- websocket & order book exports (ws engineer) ---
export {
  COINBASE_WS_URL,
  COINBASE_WS_USER_URL,
  CoinbaseWebSocket,
  type CoinbaseWebSocketOptions,
  createCoinbaseWebSocket,
  type L2Event,
  type L2Message,
  OrderBook,
  type OrderBookArrays,
  type OrderBookDepth,
  OrderBookFeed,
  type OrderBookImpact,
  type OrderBookLevel,
  type OrderBookSide,
  type OrderBookSpread,
  parseL2Frame,
  parseL2Message,
  type UserFill,
  UserFillTracker,
  type UserFillTrackerOptions,
  type UserOrderDone,
  type WebSocketConstructor,
  type WebSocketLike,
  type WsCandle,
  type WsChannel,
  type WsConnection,
  type WsConnectionKind,
  type WsEvents,
  type WsMeta,
  type WsStats,
  type WsTicker,
  type WsTimers,
  type WsTrade,
  type WsUserOrder,
} from './ws/index.js'
// --- end websocket & order book exports ---
