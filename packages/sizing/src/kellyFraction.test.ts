import { Decimal } from '@gpt-trader/validation'
import { describe, expect, it } from 'vitest'
import { kellyFraction } from './kellyFraction.js'

const d = (s: string) => new Decimal(s)

describe('kellyFraction', () => {
  it('computes f = p − (1 − p) / b exactly', () => {
    const k = kellyFraction(d('0.65'), d('0.08'), d('-0.04'))
    expect([k.payoffRatio.toString(), k.fraction.toString(), k.payoffRatioCapped]).toEqual([
      '2',
      '0.475',
      false,
    ])
  })

  it('caps b at 100 and floors f at 0', () => {
    const capped = kellyFraction(d('0.5'), d('500'), d('-1'))
    expect(capped.payoffRatio.toString()).toBe('100')
    expect(capped.payoffRatioCapped).toBe(true)
    expect(capped.fraction.toString()).toBe('0.495')
    expect(kellyFraction(d('0.3'), d('0.01'), d('-0.02')).fraction.toString()).toBe('0')
  })
})
