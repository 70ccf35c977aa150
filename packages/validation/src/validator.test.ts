import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { decimal } from './decimal.js'
import { productId } from './productId.js'
import { all, arrayOf, fromZodError, objectOf, optional, or, Validator, validator } from './validator.js'

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)

describe('validator', () => {
  it('runs an inline predicate with a message and code', () => {
    const port = validator(isNumber, {
      message: 'must be a TCP port',
      coerce: Number,
      code: 'BAD_PORT',
    }).refine(
      (n) => Number.isInteger(n) && n > 0 && n < 65536,
      (n) => `must be a TCP port, got ${n}`,
    )
    expect(port.parse('8080')).toBe(8080)
    expect(port.validate('99999')).toEqual({
      ok: false,
      issues: [{ path: [], code: 'INVALID_VALUE', message: 'must be a TCP port, got 99999' }],
    })
    expect(port.validate('x', ['server', 'port'])).toMatchInlineSnapshot(`
      {
        "issues": [
          {
            "code": "BAD_PORT",
            "message": "must be a TCP port",
            "path": [
              "server",
              "port",
            ],
          },
        ],
        "ok": false,
      }
    `)
    expect(() => port.parse('x', 'config')).toThrowErrorMatchingInlineSnapshot(`
      [ValidationError: config: 1 validation issue

      - must be a TCP port (BAD_PORT)]
    `)
  })

  it('coerces with the built-in coercions before checking', () => {
    const flag = validator((v): v is boolean => typeof v === 'boolean', { coerce: 'boolean' })
    expect(flag.parse('yes')).toBe(true)
    expect(flag.validate('maybe').ok).toBe(false)
    const interval = validator((v): v is number => isNumber(v) && v >= 1000, {
      coerce: 'duration',
      message: 'must be at least 1s',
    })
    expect(interval.parse('5m')).toBe(300_000)
    expect(interval.validate('5ms')).toMatchInlineSnapshot(`
      {
        "issues": [
          {
            "code": "INVALID_VALUE",
            "message": "must be at least 1s",
            "path": [],
          },
        ],
        "ok": false,
      }
    `)
    const fraction = validator(() => true, { coerce: 'percent' })
    expect(String(fraction.parse('10%'))).toBe('0.1')
    const symbols = validator((v): v is string[] => Array.isArray(v), { coerce: 'list' })
    expect(symbols.parse('a,b')).toEqual(['a', 'b'])
    const money = validator(() => true, { coerce: 'decimal' })
    expect(String(money.parse('1.50'))).toBe('1.5')
    const throwing = validator(() => true, {
      coerce: () => {
        throw new Error('nope')
      },
    })
    expect(throwing.validate('x')).toMatchInlineSnapshot(`
      {
        "issues": [
          {
            "code": "INVALID_VALUE",
            "message": "could not be converted ("x")",
            "path": [],
          },
        ],
        "ok": false,
      }
    `)
  })

  it('composes: all reports every issue, or picks the first match, optional, transform, pipe', () => {
    const positive = validator((v) => isNumber(v) && v > 0, { message: 'must be positive' })
    const even = validator((v) => isNumber(v) && v % 2 === 0, { message: 'must be even' })
    expect(all(positive, even).validate(-3)).toMatchInlineSnapshot(`
      {
        "issues": [
          {
            "code": "INVALID_VALUE",
            "message": "must be positive",
            "path": [],
          },
          {
            "code": "INVALID_VALUE",
            "message": "must be even",
            "path": [],
          },
        ],
        "ok": false,
      }
    `)
    expect(positive.and(even).parse(4)).toBe(4)
    const idOrAll = or(
      productId,
      validator((v): v is 'ALL' => v === 'ALL', { message: 'or "ALL"' }),
    )
    expect(idOrAll.parse('btc-usd')).toBe('BTC-USD')
    expect(idOrAll.parse('ALL')).toBe('ALL')
    expect(idOrAll.validate('nope').ok).toBe(false)
    expect(positive.or(z.literal('auto')).parse('auto')).toBe('auto')
    expect(optional(positive).parse(undefined)).toBeUndefined()
    expect(positive.optional().validate(0).ok).toBe(false)
    expect(positive.transform((n) => String(n)).parse(2)).toBe('2')
    const stringToNumber = validator((v): v is string => typeof v === 'string').pipe(z.coerce.number())
    expect(stringToNumber.parse('12')).toBe(12)
    expect(positive.is(1)).toBe(true)
  })

  it('validates arrays and objects with paths, collecting every issue', () => {
    const config = objectOf({
      symbols: arrayOf(productId, { coerce: true }),
      maxSize: decimal,
      dryRun: validator((v): v is boolean => typeof v === 'boolean', { coerce: 'boolean' }),
      note: optional(z.string()),
    })
    const good = config.parse({ symbols: 'btc-usd, eth-usd', maxSize: '0.01', dryRun: 'on', extra: 1 })
    expect(good.symbols).toEqual(['BTC-USD', 'ETH-USD'])
    expect(good.maxSize.toFixed()).toBe('0.01')
    expect(good).not.toHaveProperty('extra')
    expect(() =>
      config.parse({ symbols: ['BTC-USD', 'btcusd'], maxSize: 1, dryRun: 'maybe' }, 'config'),
    ).toThrowErrorMatchingInlineSnapshot(`
      [ValidationError: config: 3 validation issues

      - symbols[1]: must be BASE-QUOTE ("BTC-USD"), ROOT-PERP-INTX ("BTC-PERP-INTX") or ROOT-DDMMMYY-CDE ("BIT-28NOV25-CDE"), got "btcusd" (INVALID_PRODUCT_ID)
      - maxSize: Invalid input: expected string, received number (INVALID_TYPE)
      - dryRun: expected a boolean (true/false, yes/no, on/off, 1/0), got "maybe" (INVALID_VALUE)]
    `)
    expect(config.validate([]).ok).toBe(false)
    expect(arrayOf(decimal).validate('x')).toMatchInlineSnapshot(`
      {
        "issues": [
          {
            "code": "INVALID_TYPE",
            "message": "expected an array, got "x"",
            "path": [],
          },
        ],
        "ok": false,
      }
    `)
  })

  it('wraps zod schemas and maps their issues', () => {
    const schema = z.object({ size: decimal, side: z.enum(['BUY', 'SELL']) })
    const wrapped = Validator.from(schema)
    expect(wrapped.validate({ side: 'buy' }, ['order'])).toMatchInlineSnapshot(`
      {
        "issues": [
          {
            "code": "REQUIRED",
            "message": "Invalid input: expected string, received undefined",
            "path": [
              "order",
              "size",
            ],
          },
          {
            "code": "INVALID_VALUE",
            "message": "Invalid option: expected one of "BUY"|"SELL"",
            "path": [
              "order",
              "side",
            ],
          },
        ],
        "ok": false,
      }
    `)
    const result = schema.safeParse({ size: '1e3' })
    expect(result.success).toBe(false)
    if (!result.success) {
      const error = fromZodError(result.error, { subject: 'order', input: { size: '1e3' } })
      expect(error.issues.map((issue) => issue.code)).toEqual(['INVALID_DECIMAL', 'REQUIRED'])
      expect(error.cause).toBe(result.error)
    }
  })
})

describe('Validator.from', () => {
  it('accepts a validator from another installed copy (same shape, other class)', () => {
    const foreign = {
      validate: (input: unknown, path: ReadonlyArray<string | number> = []) =>
        input === 'ok'
          ? { ok: true as const, value: 'ok' }
          : { ok: false as const, issues: [{ path: [...path], code: 'INVALID_VALUE', message: 'not ok' }] },
    }
    const wrapped = Validator.from(foreign as unknown as Validator<string>)
    expect(wrapped.parse('ok')).toBe('ok')
    expect(wrapped.validate('no', ['x'])).toEqual({
      ok: false,
      issues: [{ path: ['x'], code: 'INVALID_VALUE', message: 'not ok' }],
    })
  })
})
