import {
  type CancelOrdersParameters,
  type CancelOrdersReturnType,
  cancelOrders,
} from '../actions/cancelOrders.js'
import {
  type ClosePositionParameters,
  type ClosePositionReturnType,
  closePosition,
} from '../actions/closePosition.js'
import {
  type CreateOrderParameters,
  type CreateOrderReturnType,
  createOrder,
} from '../actions/createOrder.js'
import { type EditOrderParameters, type EditOrderReturnType, editOrder } from '../actions/editOrder.js'
import {
  type FindOrderByClientOrderIdParameters,
  type FindOrderByClientOrderIdReturnType,
  findOrderByClientOrderId,
} from '../actions/findOrderByClientOrderId.js'
import { type GetAccountParameters, type GetAccountReturnType, getAccount } from '../actions/getAccount.js'
import {
  type GetBestBidAskParameters,
  type GetBestBidAskReturnType,
  getBestBidAsk,
} from '../actions/getBestBidAsk.js'
import { type GetCandlesParameters, type GetCandlesReturnType, getCandles } from '../actions/getCandles.js'
import {
  type GetFuturesBalanceSummaryParameters,
  type GetFuturesBalanceSummaryReturnType,
  getFuturesBalanceSummary,
} from '../actions/getFuturesBalanceSummary.js'
import {
  type GetFuturesPositionParameters,
  type GetFuturesPositionReturnType,
  getFuturesPosition,
} from '../actions/getFuturesPosition.js'
import {
  type GetKeyPermissionsParameters,
  type GetKeyPermissionsReturnType,
  getKeyPermissions,
} from '../actions/getKeyPermissions.js'
import {
  type GetMarketTradesParameters,
  type GetMarketTradesReturnType,
  getMarketTrades,
} from '../actions/getMarketTrades.js'
import { type GetOrderParameters, type GetOrderReturnType, getOrder } from '../actions/getOrder.js'
import {
  type GetPaymentMethodParameters,
  type GetPaymentMethodReturnType,
  getPaymentMethod,
} from '../actions/getPaymentMethod.js'
import { type GetProductParameters, type GetProductReturnType, getProduct } from '../actions/getProduct.js'
import {
  type GetProductBookParameters,
  type GetProductBookReturnType,
  getProductBook,
} from '../actions/getProductBook.js'
import {
  type GetPublicCandlesParameters,
  type GetPublicCandlesReturnType,
  getPublicCandles,
} from '../actions/getPublicCandles.js'
import {
  type GetPublicMarketTradesParameters,
  type GetPublicMarketTradesReturnType,
  getPublicMarketTrades,
} from '../actions/getPublicMarketTrades.js'
import {
  type GetPublicProductParameters,
  type GetPublicProductReturnType,
  getPublicProduct,
} from '../actions/getPublicProduct.js'
import {
  type GetPublicProductBookParameters,
  type GetPublicProductBookReturnType,
  getPublicProductBook,
} from '../actions/getPublicProductBook.js'
import {
  type GetServerTimeParameters,
  type GetServerTimeReturnType,
  getServerTime,
} from '../actions/getServerTime.js'
import {
  type GetTransactionSummaryParameters,
  type GetTransactionSummaryReturnType,
  getTransactionSummary,
} from '../actions/getTransactionSummary.js'
import {
  type IterateAccountsParameters,
  type IterateAccountsReturnType,
  iterateAccounts,
} from '../actions/iterateAccounts.js'
import {
  type IterateFillsParameters,
  type IterateFillsReturnType,
  iterateFills,
} from '../actions/iterateFills.js'
import {
  type IterateOrdersParameters,
  type IterateOrdersReturnType,
  iterateOrders,
} from '../actions/iterateOrders.js'
import {
  type ListAccountsParameters,
  type ListAccountsReturnType,
  listAccounts,
} from '../actions/listAccounts.js'
import { type ListFillsParameters, type ListFillsReturnType, listFills } from '../actions/listFills.js'
import {
  type ListFuturesPositionsParameters,
  type ListFuturesPositionsReturnType,
  listFuturesPositions,
} from '../actions/listFuturesPositions.js'
import { type ListOrdersParameters, type ListOrdersReturnType, listOrders } from '../actions/listOrders.js'
import {
  type ListPaymentMethodsParameters,
  type ListPaymentMethodsReturnType,
  listPaymentMethods,
} from '../actions/listPaymentMethods.js'
import {
  type ListPerpetualsPositionsParameters,
  type ListPerpetualsPositionsReturnType,
  listPerpetualsPositions,
} from '../actions/listPerpetualsPositions.js'
import {
  type ListPortfoliosParameters,
  type ListPortfoliosReturnType,
  listPortfolios,
} from '../actions/listPortfolios.js'
import {
  type ListProductsParameters,
  type ListProductsReturnType,
  listProducts,
} from '../actions/listProducts.js'
import {
  type ListPublicProductsParameters,
  type ListPublicProductsReturnType,
  listPublicProducts,
} from '../actions/listPublicProducts.js'
import {
  type MovePortfolioFundsParameters,
  type MovePortfolioFundsReturnType,
  movePortfolioFunds,
} from '../actions/movePortfolioFunds.js'
import type { PlaceOrderOptions } from '../actions/placeOrder.js'
import {
  type PreviewEditOrderParameters,
  type PreviewEditOrderReturnType,
  previewEditOrder,
} from '../actions/previewEditOrder.js'
import {
  type PreviewOrderParameters,
  type PreviewOrderReturnType,
  previewOrder,
} from '../actions/previewOrder.js'
import type { RequestOptions } from '../transports/http.js'
import type { Client } from './Client.js'

/** Every REST action bound to a client: `client.getProduct(params, options)`. */
export interface RestActions {
  getServerTime(params?: GetServerTimeParameters, options?: RequestOptions): Promise<GetServerTimeReturnType>
  getPublicProduct(
    params: GetPublicProductParameters,
    options?: RequestOptions,
  ): Promise<GetPublicProductReturnType>
  listPublicProducts(
    params?: ListPublicProductsParameters,
    options?: RequestOptions,
  ): Promise<ListPublicProductsReturnType>
  getPublicProductBook(
    params: GetPublicProductBookParameters,
    options?: RequestOptions,
  ): Promise<GetPublicProductBookReturnType>
  getPublicCandles(
    params: GetPublicCandlesParameters,
    options?: RequestOptions,
  ): Promise<GetPublicCandlesReturnType>
  getPublicMarketTrades(
    params: GetPublicMarketTradesParameters,
    options?: RequestOptions,
  ): Promise<GetPublicMarketTradesReturnType>
  getProduct(params: GetProductParameters, options?: RequestOptions): Promise<GetProductReturnType>
  listProducts(params?: ListProductsParameters, options?: RequestOptions): Promise<ListProductsReturnType>
  getProductBook(
    params: GetProductBookParameters,
    options?: RequestOptions,
  ): Promise<GetProductBookReturnType>
  getBestBidAsk(params?: GetBestBidAskParameters, options?: RequestOptions): Promise<GetBestBidAskReturnType>
  getCandles(params: GetCandlesParameters, options?: RequestOptions): Promise<GetCandlesReturnType>
  getMarketTrades(
    params: GetMarketTradesParameters,
    options?: RequestOptions,
  ): Promise<GetMarketTradesReturnType>
  listAccounts(params?: ListAccountsParameters, options?: RequestOptions): Promise<ListAccountsReturnType>
  getAccount(params: GetAccountParameters, options?: RequestOptions): Promise<GetAccountReturnType>
  iterateAccounts(params?: IterateAccountsParameters, options?: RequestOptions): IterateAccountsReturnType
  createOrder(params: CreateOrderParameters, options?: PlaceOrderOptions): Promise<CreateOrderReturnType>
  closePosition(
    params: ClosePositionParameters,
    options?: PlaceOrderOptions,
  ): Promise<ClosePositionReturnType>
  previewOrder(params: PreviewOrderParameters, options?: RequestOptions): Promise<PreviewOrderReturnType>
  editOrder(params: EditOrderParameters, options?: RequestOptions): Promise<EditOrderReturnType>
  previewEditOrder(
    params: PreviewEditOrderParameters,
    options?: RequestOptions,
  ): Promise<PreviewEditOrderReturnType>
  cancelOrders(params: CancelOrdersParameters, options?: RequestOptions): Promise<CancelOrdersReturnType>
  listOrders(params?: ListOrdersParameters, options?: RequestOptions): Promise<ListOrdersReturnType>
  iterateOrders(params?: IterateOrdersParameters, options?: RequestOptions): IterateOrdersReturnType
  getOrder(params: GetOrderParameters, options?: RequestOptions): Promise<GetOrderReturnType>
  findOrderByClientOrderId(
    params: FindOrderByClientOrderIdParameters,
    options?: RequestOptions,
  ): Promise<FindOrderByClientOrderIdReturnType>
  listFills(params?: ListFillsParameters, options?: RequestOptions): Promise<ListFillsReturnType>
  iterateFills(params?: IterateFillsParameters, options?: RequestOptions): IterateFillsReturnType
  getTransactionSummary(
    params?: GetTransactionSummaryParameters,
    options?: RequestOptions,
  ): Promise<GetTransactionSummaryReturnType>
  listPortfolios(
    params?: ListPortfoliosParameters,
    options?: RequestOptions,
  ): Promise<ListPortfoliosReturnType>
  movePortfolioFunds(
    params: MovePortfolioFundsParameters,
    options?: RequestOptions,
  ): Promise<MovePortfolioFundsReturnType>
  getKeyPermissions(
    params?: GetKeyPermissionsParameters,
    options?: RequestOptions,
  ): Promise<GetKeyPermissionsReturnType>
  listPaymentMethods(
    params?: ListPaymentMethodsParameters,
    options?: RequestOptions,
  ): Promise<ListPaymentMethodsReturnType>
  getPaymentMethod(
    params: GetPaymentMethodParameters,
    options?: RequestOptions,
  ): Promise<GetPaymentMethodReturnType>
  getFuturesBalanceSummary(
    params?: GetFuturesBalanceSummaryParameters,
    options?: RequestOptions,
  ): Promise<GetFuturesBalanceSummaryReturnType>
  listFuturesPositions(
    params?: ListFuturesPositionsParameters,
    options?: RequestOptions,
  ): Promise<ListFuturesPositionsReturnType>
  getFuturesPosition(
    params: GetFuturesPositionParameters,
    options?: RequestOptions,
  ): Promise<GetFuturesPositionReturnType>
  listPerpetualsPositions(
    params: ListPerpetualsPositionsParameters,
    options?: RequestOptions,
  ): Promise<ListPerpetualsPositionsReturnType>
}

/**
 * Binds every REST action to `client` (viem's `publicActions` decorator). `createCoinbaseClient` applies
 * it; use it yourself with `client.extend(restActions)` on a bare client.
 */
export function restActions(client: Client): RestActions {
  return {
    getServerTime: (p, o) => getServerTime(client, p, o),
    getPublicProduct: (p, o) => getPublicProduct(client, p, o),
    listPublicProducts: (p, o) => listPublicProducts(client, p, o),
    getPublicProductBook: (p, o) => getPublicProductBook(client, p, o),
    getPublicCandles: (p, o) => getPublicCandles(client, p, o),
    getPublicMarketTrades: (p, o) => getPublicMarketTrades(client, p, o),
    getProduct: (p, o) => getProduct(client, p, o),
    listProducts: (p, o) => listProducts(client, p, o),
    getProductBook: (p, o) => getProductBook(client, p, o),
    getBestBidAsk: (p, o) => getBestBidAsk(client, p, o),
    getCandles: (p, o) => getCandles(client, p, o),
    getMarketTrades: (p, o) => getMarketTrades(client, p, o),
    listAccounts: (p, o) => listAccounts(client, p, o),
    getAccount: (p, o) => getAccount(client, p, o),
    iterateAccounts: (p, o) => iterateAccounts(client, p, o),
    createOrder: (p, o) => createOrder(client, p, o),
    closePosition: (p, o) => closePosition(client, p, o),
    previewOrder: (p, o) => previewOrder(client, p, o),
    editOrder: (p, o) => editOrder(client, p, o),
    previewEditOrder: (p, o) => previewEditOrder(client, p, o),
    cancelOrders: (p, o) => cancelOrders(client, p, o),
    listOrders: (p, o) => listOrders(client, p, o),
    iterateOrders: (p, o) => iterateOrders(client, p, o),
    getOrder: (p, o) => getOrder(client, p, o),
    findOrderByClientOrderId: (p, o) => findOrderByClientOrderId(client, p, o),
    listFills: (p, o) => listFills(client, p, o),
    iterateFills: (p, o) => iterateFills(client, p, o),
    getTransactionSummary: (p, o) => getTransactionSummary(client, p, o),
    listPortfolios: (p, o) => listPortfolios(client, p, o),
    movePortfolioFunds: (p, o) => movePortfolioFunds(client, p, o),
    getKeyPermissions: (p, o) => getKeyPermissions(client, p, o),
    listPaymentMethods: (p, o) => listPaymentMethods(client, p, o),
    getPaymentMethod: (p, o) => getPaymentMethod(client, p, o),
    getFuturesBalanceSummary: (p, o) => getFuturesBalanceSummary(client, p, o),
    listFuturesPositions: (p, o) => listFuturesPositions(client, p, o),
    getFuturesPosition: (p, o) => getFuturesPosition(client, p, o),
    listPerpetualsPositions: (p, o) => listPerpetualsPositions(client, p, o),
  }
}
