import type { CandleStore } from './CandleStore.js'
import type { MatchingEngine } from './MatchingEngine.js'
import { D, type Dec, floorTo, fmt, ZERO } from './money.js'
import type { SimRandom } from './random.js'
import type { ReplayCandle } from './replay.js'

/** Account ids of the synthetic market's internal participants. */
export const MAKER_ACCOUNT = 'sim-market-maker'
export const TAKER_ACCOUNT = 'sim-market-taker'

const LEVELS = 10
/** Size weight per ladder level (sqrt(1 + i)), computed once. */
const LEVEL_WEIGHTS: readonly Dec[] = Array.from({ length: LEVELS }, (_, i) =>
  new D(i + 1).sqrt().toDecimalPlaces(6),
)

interface PathState {
  mid: Dec
  volatile: boolean
}

/**
 * The seeded synthetic market: per product a price path (GBM with a calm/volatile regime switch,
 * or a candle replay), a market maker re-quoting a ladder around it each step, and random takers.
 */
export class SyntheticMarket {
  private readonly state = new Map<string, PathState>()
  private replayStartMs: number | null = null

  constructor(
    private readonly engine: MatchingEngine,
    private readonly candles: Map<string, CandleStore>,
    private readonly random: SimRandom,
    private readonly replay: { productId: string; candles: ReplayCandle[] } | null,
  ) {
    for (const id of engine.productIds()) {
      const rules = engine.rules(id)
      if (!rules) continue
      let start = new D(rules.spec.startPrice)
      if (replay && replay.productId === id && replay.candles[0]) start = new D(replay.candles[0].open)
      this.state.set(id, { mid: start, volatile: false })
      engine.seedLastPrice(id, start)
    }
  }

  /** Current mid of the price path. */
  mid(productId: string): Dec | null {
    return this.state.get(productId)?.mid ?? null
  }

  /** Advances every path by `dtMs` and re-quotes; `stale` products are left untouched. */
  step(nowMs: number, dtMs: number, stale: (productId: string) => boolean): void {
    for (const [id, st] of this.state) {
      if (stale(id)) continue
      const rules = this.engine.rules(id)
      if (!rules) continue
      this.movePath(id, st, nowMs, dtMs, rules.spec.volatility)
      this.requote(id, st.mid)
      if (this.random.next() < 0.6) this.takerTrade(id)
      if (this.random.next() < 0.2) this.takerTrade(id)
      const last = this.engine.lastPrice(id) ?? st.mid
      this.candles.get(id)?.record(Math.floor(nowMs / 1000), last.toNumber(), 0)
    }
  }

  private movePath(id: string, st: PathState, nowMs: number, dtMs: number, volatility: number): void {
    const rules = this.engine.rules(id)
    if (!rules) return
    if (this.replay && this.replay.productId === id) {
      if (this.replayStartMs === null) this.replayStartMs = nowMs
      const list = this.replay.candles
      const first = list[0] as ReplayCandle
      const span = ((list[1]?.start ?? first.start + 60) - first.start) * 1000
      const elapsed = nowMs - this.replayStartMs
      const idx = Math.floor(elapsed / span) % list.length
      const c = list[idx] as ReplayCandle
      const frac = new D((elapsed % span) / span).toDecimalPlaces(6)
      const open = new D(c.open)
      st.mid = open.plus(new D(c.close).minus(open).mul(frac))
    } else {
      // Regime switch: calm ↔ volatile (3×) with small per-step probabilities.
      if (this.random.next() < (st.volatile ? 0.02 : 0.005)) st.volatile = !st.volatile
      const sigma = (volatility * (st.volatile ? 3 : 1) * Math.sqrt(dtMs / 1000)) / Math.sqrt(31_536_000)
      const shock = sigma * this.random.normal() - (sigma * sigma) / 2
      // The shock is a random number, not money: exponentiate it as a float, then apply it exactly.
      st.mid = st.mid.mul(new D(Math.exp(shock).toFixed(15)))
    }
    const tick = rules.priceIncrement
    if (st.mid.lt(tick.mul(100))) st.mid = tick.mul(100)
  }

  private requote(id: string, mid: Dec): void {
    const rules = this.engine.rules(id)
    if (!rules) return
    this.engine.cancelAllFor(MAKER_ACCOUNT, id)
    const tick = rules.priceIncrement
    const step = D.max(tick, floorTo(mid.mul('0.0002'), tick))
    const half = D.max(tick, floorTo(mid.mul('0.00005'), tick))
    const unit = D.max(rules.baseMinSize, floorTo(new D(250).div(mid), rules.baseIncrement))
    const base = floorTo(mid, tick)
    for (let i = 0; i < LEVELS; i++) {
      const off = half.plus(step.mul(i))
      const weight = LEVEL_WEIGHTS[i] as Dec
      for (const side of ['BUY', 'SELL'] as const) {
        const price = side === 'BUY' ? base.minus(off) : base.plus(off).plus(tick)
        if (price.lte(0)) continue
        const size = floorTo(unit.mul(1 + this.random.int(8)).mul(weight), rules.baseIncrement)
        if (size.lte(ZERO)) continue
        this.engine.placeInternalLimit(MAKER_ACCOUNT, id, side, price, size)
      }
    }
  }

  private takerTrade(id: string): void {
    const rules = this.engine.rules(id)
    const mid = this.state.get(id)?.mid
    if (!rules || !mid) return
    const unit = D.max(rules.baseMinSize, floorTo(new D(100).div(mid), rules.baseIncrement))
    const size = floorTo(unit.mul(1 + this.random.int(20)), rules.baseIncrement)
    this.engine.placeOrder(
      TAKER_ACCOUNT,
      {
        clientOrderId: '',
        productId: id,
        side: this.random.next() < 0.5 ? 'BUY' : 'SELL',
        orderConfiguration: { market_market_ioc: { base_size: fmt(size) } },
      },
      { internal: true },
    )
  }
}
