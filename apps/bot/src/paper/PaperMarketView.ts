import { type BookLevel, InMemoryMarketView } from '@gpt-trader/risk'
import type { PaperVenue } from './PaperVenue.js'

/**
 * Risk's market view that also feeds the paper broker: every book the bot's market data reads
 * (REST `product_book`, or the WebSocket's level-2 book) becomes the paper broker's book, so paper
 * orders fill against the same book the strategy and the risk checks just saw.
 *
 * @example
 * const view = new PaperMarketView(venue)
 * view.setBook('BTC-USD', { bids: [['99', '1']], asks: [['101', '1']] }, Date.now()) // venue.setBook too
 */
export class PaperMarketView extends InMemoryMarketView {
  readonly #venue: PaperVenue

  constructor(venue: PaperVenue) {
    super()
    this.#venue = venue
  }

  override setBook(
    symbol: string,
    levels: { bids: readonly BookLevel[]; asks: readonly BookLevel[] },
    at: number,
  ): this {
    super.setBook(symbol, levels, at)
    this.#venue.setBook(symbol, levels)
    return this
  }
}
