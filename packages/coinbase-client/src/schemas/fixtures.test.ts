import { readdirSync } from 'node:fs'
import { fixturePath, loadFixture } from '@gpt-trader/test-utils'
import { Decimal } from 'decimal.js'
import { describe, expect, it } from 'vitest'
import { isSchemaError } from '../errors/guards.js'
import { transactionSummaryResponseSchema } from './fees.js'
import { editOrderResponseSchema, listFillsResponseSchema } from './orders.js'
import { parseResponse } from './parseResponse.js'
import {
  candlesResponseSchema,
  listProductsResponseSchema,
  productSchema,
  serverTimeResponseSchema,
} from './products.js'
import { restFixtureSchemas } from './restFixtureSchemas.testing.js'

const schemaFor = restFixtureSchemas

describe('REST fixtures', () => {
  it('every fixture file has a schema', () => {
    const files = readdirSync(fixturePath('rest'))
      .filter((f) => f.endsWith('.json'))
      .sort()
    expect(files).toEqual(Object.keys(schemaFor).sort())
  })

  for (const [file, schema] of Object.entries(schemaFor)) {
    it(`${file} parses`, () => {
      const data = loadFixture(`rest/${file}`)
      expect(() => parseResponse(schema, data, file)).not.toThrow()
    })
  }

  it('turns money into Decimal and timestamps into Date, keeping unknown fields', () => {
    const product = parseResponse(productSchema, loadFixture('rest/get_product.json'), 'p')
    expect(product.price_increment).toBeInstanceOf(Decimal)
    expect(product.base_increment?.toFixed()).toBe('0.00000001')
    expect(product.mid_market_price).toBeNull()
    expect(product.new_at).toEqual(new Date('2023-01-01T00:00:00Z'))
    expect((product as Record<string, unknown>).hidden_from_discovery).toBe(false)
    const fills = parseResponse(listFillsResponseSchema, loadFixture('rest/list_fills.json'), 'f')
    expect(fills.fills[0]?.commission?.toFixed()).toBe('0.03136')
    const candles = parseResponse(candlesResponseSchema, loadFixture('rest/candles.json'), 'c')
    expect(candles.candles[0]?.start.toISOString()).toBe('2024-04-04T01:00:00.000Z')
    const time = parseResponse(serverTimeResponseSchema, loadFixture('rest/server_time.json'), 't')
    expect(time.epochMillis).toBe(1790735849298)
    const edit = parseResponse(editOrderResponseSchema, loadFixture('rest/edit_order.json'), 'e')
    expect(Array.isArray(edit.errors)).toBe(true)
  })

  it('accepts numbers where Coinbase sends numbers, and keeps exact decimals from strings', () => {
    const summary = parseResponse(
      transactionSummaryResponseSchema,
      {
        total_volume: 12.5,
        total_fees: '0.0000000000000001',
        fee_tier: { taker_fee_rate: '0.006', maker_fee_rate: 0.004 },
      },
      's',
    )
    expect(summary.total_volume?.toFixed()).toBe('12.5')
    expect(summary.total_fees?.toFixed()).toBe('0.0000000000000001')
    expect(summary.fee_tier.maker_fee_rate?.toFixed()).toBe('0.004')
  })

  it('a broken payload raises a SchemaError that names the field path', () => {
    const data = loadFixture('rest/list_products.json') as { products: Record<string, unknown>[] }
    const broken = structuredClone(data)
    broken.products[1]!.base_increment = 'abc'
    delete broken.products[0]!.product_id
    let caught: unknown
    try {
      parseResponse(listProductsResponseSchema, broken, 'GET /api/v3/brokerage/products')
    } catch (error) {
      caught = error
    }
    expect(isSchemaError(caught)).toBe(true)
    expect((caught as Error).message).toMatchInlineSnapshot(`
      "Unexpected payload from GET /api/v3/brokerage/products: 2 fields do not match

      - products[0].product_id: Invalid input: expected string, received undefined
      - products[1].base_increment: expected a decimal string, got "abc""
    `)
  })
})
