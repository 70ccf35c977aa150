import { Decimal } from '@gpt-trader/validation'
import { describe, expect, it } from 'vitest'
import { confidenceMultiplier } from './confidenceMultiplier.js'

const d = (s: string) => new Decimal(s)

describe('confidenceMultiplier', () => {
  it('is linear from 1 at 0.6 to 2 at 1.0 and clamps outside', () => {
    expect(
      ['0.5', '0.6', '0.7', '0.8', '1', '1.2'].map((c) => confidenceMultiplier(d(c)).toString()),
    ).toEqual(['1', '1', '1.25', '1.5', '2', '2'])
  })

  it('exponential stays below linear in the middle, sigmoid is 1.5 at the midpoint', () => {
    const exp = confidenceMultiplier(d('0.8'), { curve: 'exponential' })
    expect(exp.gt(1) && exp.lt('1.5')).toBe(true)
    expect(confidenceMultiplier(d('0.8'), { curve: 'sigmoid' }).toDecimalPlaces(30).toString()).toBe('1.5')
    expect(confidenceMultiplier(d('1'), { curve: 'exponential', max: d('3') }).toString()).toBe('3')
  })
})
