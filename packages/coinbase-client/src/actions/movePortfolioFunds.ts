import type { z } from 'zod'
import type { Client } from '../client/Client.js'
import { type DecimalInput, serializeMoneyField } from '../schemas/orderConfiguration.js'
import { moveFundsResponseSchema } from '../schemas/portfolios.js'
import type { RequestOptions } from '../transports/http.js'
import { requestParsed } from './_internal.js'

/** Parameters of {@link movePortfolioFunds}. */
export interface MovePortfolioFundsParameters {
  funds: { value: DecimalInput; currency: string }
  source_portfolio_uuid: string
  target_portfolio_uuid: string
}
/** `{ source_portfolio_uuid, target_portfolio_uuid }`. */
export type MovePortfolioFundsReturnType = z.output<typeof moveFundsResponseSchema>

/**
 * Moves funds between two portfolios.
 *
 * Docs: https://docs.cdp.coinbase.com/api-reference/advanced-trade-api/rest-api/portfolios/move-portfolio-funds
 *
 * @example
 * await movePortfolioFunds(client, { funds: { value: '10', currency: 'USD' }, source_portfolio_uuid: a, target_portfolio_uuid: b })
 */
export async function movePortfolioFunds(
  client: Client,
  params: MovePortfolioFundsParameters,
  options?: RequestOptions,
): Promise<MovePortfolioFundsReturnType> {
  const body = {
    funds: { value: serializeMoneyField(params.funds.value, 'funds.value'), currency: params.funds.currency },
    source_portfolio_uuid: params.source_portfolio_uuid,
    target_portfolio_uuid: params.target_portfolio_uuid,
  }
  return requestParsed(
    client,
    { method: 'POST', path: '/portfolios/move_funds', body, auth: 'private', action: 'movePortfolioFunds' },
    moveFundsResponseSchema,
    options,
  )
}
