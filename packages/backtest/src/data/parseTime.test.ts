import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseTime } from './parseTime.js'

describe('parseTime', () => {
  it.each([
    ['1603522800.0', Date.parse('2020-10-24T07:00:00Z')],
    ['1607747760', Date.parse('2020-12-12T04:36:00Z')],
    ['1607747760000', Date.parse('2020-12-12T04:36:00Z')],
    ['2020-10-24 07-AM', Date.parse('2020-10-24T07:00:00Z')],
    ['2020-10-24 12-AM', Date.parse('2020-10-24T00:00:00Z')],
    ['2020-10-24 12-PM', Date.parse('2020-10-24T12:00:00Z')],
    ['2020-08-05 03-PM', Date.parse('2020-08-05T15:00:00Z')],
    ['20141201 00:00', Date.parse('2014-12-01T00:00:00Z')],
    ['2020-12-12 04:36:00', Date.parse('2020-12-12T04:36:00Z')],
    ['2016-05-12T15:00:01.029241Z', Date.parse('2016-05-12T15:00:01.029Z')],
    ['2024-01-01T02:00:00+02:00', Date.parse('2024-01-01T00:00:00Z')],
    ['2024-01-01', Date.parse('2024-01-01T00:00:00Z')],
  ])('%s', (text, expected) => {
    expect(parseTime(text)).toBe(expected)
  })

  it.each(['', 'yesterday', '2021-02-31', '2020-10-24 13-PM', '2020-13-01'])('%j is NaN', (text) => {
    expect(parseTime(text)).toBeNaN()
  })

  it('reads back every ISO string and every unix second', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_102_444_800 }), (seconds) => {
        const ms = seconds * 1000
        expect(parseTime(String(seconds))).toBe(ms)
        expect(parseTime(new Date(ms).toISOString())).toBe(ms)
      }),
      { numRuns: 200 },
    )
  })
})
