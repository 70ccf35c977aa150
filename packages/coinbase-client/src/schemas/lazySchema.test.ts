import { inspect } from 'node:util'
import { loadFixture } from '@gpt-trader/test-utils'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { builtSchemas, lazySchema, resolveSchema } from './lazySchema.js'

// Vitest gives each test file its own module registry, so nothing has been built before the first
// test below imports the package. The tests run in order and each one builds a little more.

/** Every zod schema reachable from `schema`'s definition (shapes, elements, options, pipes, ...). */
function walk(schema: z.ZodType, visit: (node: unknown) => void, seen = new Set<unknown>()): void {
  const stack: unknown[] = [schema]
  while (stack.length > 0) {
    const node = stack.pop()
    if (typeof node !== 'object' || node === null || seen.has(node)) continue
    seen.add(node)
    visit(node)
    const values = '_zod' in node ? Object.values((node as z.ZodType)._zod.def) : Object.values(node)
    for (const value of values) stack.push(value)
  }
}

describe('schemas are built on first use', () => {
  it('importing the package (and creating a client) builds no schema', async () => {
    const client = await import('../index.js')
    client.createCoinbaseClient()
    client.createCoinbaseWebSocket()
    expect(builtSchemas()).toEqual([])
  })

  it('parsing one endpoint builds that endpoint only, once', async () => {
    const { parseResponse } = await import('./parseResponse.js')
    const { productSchema } = await import('./products.js')
    const product = parseResponse(
      productSchema,
      loadFixture('rest/get_product.json'),
      'GET /products/BTC-USD',
    )
    expect(product.product_id).toBe('BTC-USD')
    parseResponse(productSchema, loadFixture('rest/get_product.json'), 'GET /products/BTC-USD')
    expect(builtSchemas()).toMatchInlineSnapshot(`
      [
        "primitives",
        "perpetualDetails",
        "futureProductDetails",
        "productSchema",
      ]
    `)
  })

  it('a WebSocket channel builds its own frame schema on its first frame, then reuses it', async () => {
    const { wsMessageSchemaFor } = await import('../ws/wsSchemas.js')
    const before = builtSchemas().length
    const ticker = wsMessageSchemaFor('ticker')
    expect(ticker?.parse(loadFixture('ws/ticker.json'))).toMatchObject({ channel: 'ticker' })
    expect(wsMessageSchemaFor('ticker')).toBe(ticker)
    expect(builtSchemas().slice(before)).toEqual(['ws eventType', 'wsTickerSchema', 'ws ticker'])
    expect([wsMessageSchemaFor('l2_data'), wsMessageSchemaFor('__proto__'), wsMessageSchemaFor(7)]).toEqual([
      undefined,
      undefined,
      undefined,
    ])
    expect(builtSchemas()).not.toContain('ws user')
    expect(builtSchemas()).not.toContain('orderSchema')
  })
})

describe('an exported lazy schema behaves as the schema itself', () => {
  it('methods, properties, instanceof, keys and embedding work as on a plain zod schema', async () => {
    const { productSchema } = await import('./products.js')
    const { decimal } = await import('./primitives.js')
    const real = resolveSchema(productSchema)
    expect(real).not.toBe(productSchema)
    expect(resolveSchema(productSchema)).toBe(real)
    expect(productSchema instanceof z.ZodObject).toBe(true)
    expect(productSchema instanceof z.ZodType).toBe(true)
    expect(Object.getPrototypeOf(productSchema)).toBe(Object.getPrototypeOf(real))
    expect(productSchema.shape.base_increment).toBe(real.shape.base_increment)
    expect(Object.keys(productSchema)).toEqual(Object.keys(real))
    expect('safeParse' in productSchema).toBe(true)
    expect(Object.keys({ ...productSchema })).toEqual(Object.keys({ ...real }))
    expect(productSchema.extend({ extra: z.literal(1) }).shape.extra.value).toBe(1)
    expect(z.array(decimal).parse(['1.5', 2]).map(String)).toEqual(['1.5', '2'])
    expect(decimal.optional().parse(undefined)).toBeUndefined()
    expect(resolveSchema('not a schema')).toBe('not a schema')
    expect(inspect(decimal)).toBe(inspect(resolveSchema(decimal)))
    expect(z.toJSONSchema(productSchema.pick({ product_id: true }))).toMatchObject({
      properties: { product_id: { type: 'string' } },
    })
  })

  it('a lazy schema built with a name records it once', () => {
    const before = builtSchemas().length
    const probe = lazySchema('probeSchema', () => z.object({ id: z.string() }))
    expect(builtSchemas().length).toBe(before)
    expect(probe.parse({ id: 'a' })).toEqual({ id: 'a' })
    expect(probe.parse({ id: 'b' })).toEqual({ id: 'b' })
    expect(builtSchemas().slice(before)).toEqual(['probeSchema'])
  })

  it('error messages and paths are those of the plain schema', async () => {
    const { productSchema } = await import('./products.js')
    const { parseResponse } = await import('./parseResponse.js')
    const bad = { ...(loadFixture('rest/get_product.json') as object), base_increment: 'abc', watched: 1 }
    expect(() =>
      parseResponse(productSchema, bad, 'GET /products/BTC-USD'),
    ).toThrowErrorMatchingInlineSnapshot(`
      [SchemaError: Unexpected payload from GET /products/BTC-USD: 2 fields do not match

      - base_increment: expected a decimal string, got "abc"
      - watched: Invalid input: expected boolean, received number]
    `)
    expect(productSchema.safeParse(bad).error?.issues.map((i) => i.path.join('.'))).toEqual([
      'base_increment',
      'watched',
    ])
  })

  it('no built schema embeds a proxy: parsing never goes through a proxy trap', async () => {
    const index = await import('../index.js')
    const { wsMessageSchemas, wsErrorFrameSchema } = await import('../ws/wsSchemas.js')
    const roots = [
      ...Object.entries(index)
        .filter(
          ([name]) => /Schema$/.test(name) || ['amount', 'decimalOrNull', 'timestampOrNull'].includes(name),
        )
        .map(([, schema]) => schema as z.ZodType),
      ...Object.values(wsMessageSchemas),
      wsErrorFrameSchema,
    ]
    expect(roots.length).toBeGreaterThan(45)
    const proxies: unknown[] = []
    for (const root of roots) {
      walk(resolveSchema(root), (node) => {
        if (resolveSchema(node) !== node) proxies.push(node)
      })
    }
    expect(proxies).toEqual([])
  })
})
