/**
 * The venue's time as the bot sees it: a local clock plus the offset last measured against the
 * venue's `GET /time` (half the round trip assumed each way). JWTs are signed with it, so a local
 * clock that is off by ±30 s still produces tokens the venue accepts once the offset is measured.
 *
 * @example
 * const clock = new VenueClock(() => Date.now())
 * await clock.sync(async () => (await client.getServerTime()).epochMillis)
 * clock.now() // local time + offset
 */
export class VenueClock {
  readonly #local: () => number
  /** Venue time minus local time, from the last {@link sync} (0 before the first). */
  offsetMs = 0

  constructor(local: () => number) {
    this.#local = local
  }

  /** Local time (no offset). */
  local(): number {
    return this.#local()
  }

  /** Venue time: local time + offset. */
  now(): number {
    return this.#local() + this.offsetMs
  }

  /** Measures the offset with one call to the venue's clock; returns it. */
  async sync(venueTime: () => Promise<number>): Promise<number> {
    const sent = this.#local()
    const venue = await venueTime()
    this.offsetMs = venue - Math.round((sent + this.#local()) / 2)
    return this.offsetMs
  }
}
