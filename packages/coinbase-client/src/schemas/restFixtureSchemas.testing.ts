import type { z } from 'zod'
import { listAccountsResponseSchema } from './accounts.js'
import { errorBodySchema } from './errorBody.js'
import { transactionSummaryResponseSchema } from './fees.js'
import {
  cancelOrdersResponseSchema,
  createOrderResponseSchema,
  editOrderResponseSchema,
  getOrderResponseSchema,
  listFillsResponseSchema,
  listOrdersResponseSchema,
} from './orders.js'
import {
  getPaymentMethodResponseSchema,
  listPaymentMethodsResponseSchema,
  listPerpetualsPositionsResponseSchema,
  moveFundsResponseSchema,
} from './portfolios.js'
import {
  bestBidAskResponseSchema,
  candlesResponseSchema,
  listProductsResponseSchema,
  marketTradesResponseSchema,
  productBookResponseSchema,
  productSchema,
  serverTimeResponseSchema,
} from './products.js'

/**
 * Test support (not exported from the package): each recorded REST fixture in
 * `../shared/fixtures/coinbase/rest/` and the schema its endpoint parses with. Shared by the fixture
 * round-trip test and the fuzz test so the two cannot drift apart.
 */
export const restFixtureSchemas: Readonly<Record<string, z.ZodType>> = {
  'best_bid_ask.json': bestBidAskResponseSchema,
  'cancel_orders.json': cancelOrdersResponseSchema,
  'candles.json': candlesResponseSchema,
  'create_order_failure.json': createOrderResponseSchema,
  'create_order_failure_insufficient_fund.json': createOrderResponseSchema,
  'create_order_failure_preview.json': createOrderResponseSchema,
  'create_order_success.json': createOrderResponseSchema,
  'edit_order.json': editOrderResponseSchema,
  'error_candles_too_many.json': errorBodySchema,
  'error_order_not_found.json': errorBodySchema,
  'error_permission_denied.json': errorBodySchema,
  'error_product_not_found.json': errorBodySchema,
  'get_order.json': getOrderResponseSchema,
  'get_payment_method.json': getPaymentMethodResponseSchema,
  'get_product.json': productSchema,
  'get_product_perp_intx.json': productSchema,
  'intx_positions.json': listPerpetualsPositionsResponseSchema,
  'list_accounts.json': listAccountsResponseSchema,
  'list_fills.json': listFillsResponseSchema,
  'list_orders.json': listOrdersResponseSchema,
  'list_orders_open_empty.json': listOrdersResponseSchema,
  'list_products.json': listProductsResponseSchema,
  'market_trades.json': marketTradesResponseSchema,
  'move_portfolio_funds.json': moveFundsResponseSchema,
  'payment_methods.json': listPaymentMethodsResponseSchema,
  'product_book.json': productBookResponseSchema,
  'server_time.json': serverTimeResponseSchema,
  'transaction_summary.json': transactionSummaryResponseSchema,
}
