import { describe, expect, it } from 'vitest'
import { shapeDiff } from './shape.js'

describe('shapeDiff', () => {
  it('accepts the same shape and extra keys', () => {
    expect(shapeDiff({ a: '1', b: [{ c: true }] }, { a: 'x', b: [{ c: false, d: 1 }], e: null })).toEqual([])
  })
  it('reports missing keys, type changes and bad array elements', () => {
    expect(
      shapeDiff({ a: '1', b: [{ c: true }], n: 1 }, { b: [{ c: 'no' }], n: '1' }),
    ).toMatchInlineSnapshot(`
      [
        "$.a: missing",
        "$.b[0].c: expected boolean, got string",
        "$.n: expected number, got string",
      ]
    `)
  })
  it('treats fixture nulls as nullable', () => {
    expect(shapeDiff({ a: null }, { a: { x: 1 } })).toEqual([])
  })
})
