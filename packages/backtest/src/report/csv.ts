import { formatDecimal } from '@gpt-trader/validation'
import type { BacktestResult } from '../runBacktest.js'

/**
 * The fills of a run as CSV: `time,symbol,side,price,size,fee,liquidity,trade_id,client_order_id`,
 * ISO time, money as exact decimal strings.
 *
 * @example
 * await writeFile('fills.csv', fillsToCsv(result))
 */
export function fillsToCsv(result: Pick<BacktestResult, 'fills'>): string {
  let out = 'time,symbol,side,price,size,fee,liquidity,trade_id,client_order_id\n'
  for (const f of result.fills) {
    out += `${new Date(f.time).toISOString()},${f.symbol},${f.side},${formatDecimal(f.price)},${formatDecimal(f.size)},${formatDecimal(f.fee)},${f.liquidity},${f.tradeId},${f.clientOrderId}\n`
  }
  return out
}

/**
 * The round trips of a run as CSV:
 * `symbol,direction,entry_time,exit_time,quantity,entry_price,exit_price,fees,pnl,return,fills`
 * (an open trip has empty exit fields).
 *
 * @example
 * await writeFile('trades.csv', tradesToCsv(result))
 */
export function tradesToCsv(result: Pick<BacktestResult, 'trips'>): string {
  let out = 'symbol,direction,entry_time,exit_time,quantity,entry_price,exit_price,fees,pnl,return,fills\n'
  for (const t of result.trips) {
    out += `${t.symbol},${t.direction},${new Date(t.entryTime).toISOString()},${t.exitTime === undefined ? '' : new Date(t.exitTime).toISOString()},${t.quantity},${t.entryPrice},${t.exitPrice ?? ''},${t.fees},${t.pnl},${t.returnFraction},${t.fills}\n`
  }
  return out
}

/**
 * The equity curve as CSV: `time,equity,drawdown,in_position`, one row per bar close (numbers: the
 * curve is a reporting path; the exact final equity is in the metrics).
 *
 * @example
 * await writeFile('equity.csv', equityToCsv(result))
 */
export function equityToCsv(result: Pick<BacktestResult, 'curve'>): string {
  const { time, equity, inPosition } = result.curve
  const parts: string[] = ['time,equity,drawdown,in_position\n']
  let peak = Number.NEGATIVE_INFINITY
  for (let i = 0; i < equity.length; i++) {
    const e = equity[i]!
    if (e > peak) peak = e
    const dd = peak > 0 ? e / peak - 1 : 0
    parts.push(`${new Date(time[i]!).toISOString()},${e},${dd},${inPosition[i]}\n`)
  }
  return parts.join('')
}
