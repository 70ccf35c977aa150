import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { isIllegalTransitionError } from './errors.js'
import {
  assertTransition,
  canTransition,
  isTerminalStatus,
  isWorkingStatus,
  orderStatuses,
  orderTransitions,
} from './OrderStatus.js'

describe('order state machine', () => {
  it('follows the happy paths', () => {
    expect(canTransition('NEW', 'PENDING')).toBe(true)
    expect(canTransition('PENDING', 'OPEN')).toBe(true)
    expect(canTransition('OPEN', 'PARTIALLY_FILLED')).toBe(true)
    expect(canTransition('PARTIALLY_FILLED', 'FILLED')).toBe(true)
    expect(canTransition('PARTIALLY_FILLED', 'CANCEL_PENDING')).toBe(true)
    expect(canTransition('CANCEL_PENDING', 'CANCELLED')).toBe(true)
    expect(canTransition('PENDING', 'UNKNOWN')).toBe(true)
    expect(canTransition('UNKNOWN', 'OPEN')).toBe(true)
  })

  it('has no way out of a terminal status and no self-moves', () => {
    for (const from of orderStatuses) {
      expect(orderTransitions[from].includes(from)).toBe(false)
      if (isTerminalStatus(from)) expect(orderTransitions[from]).toEqual([])
    }
    expect(orderStatuses.filter(isTerminalStatus)).toEqual([
      'FILLED',
      'CANCELLED',
      'EXPIRED',
      'REJECTED',
      'FAILED',
    ])
    expect(orderStatuses.filter(isWorkingStatus)).toEqual([
      'PENDING',
      'OPEN',
      'PARTIALLY_FILLED',
      'CANCEL_PENDING',
      'UNKNOWN',
    ])
  })

  it('never resends: nothing goes back to NEW or PENDING', () => {
    for (const from of orderStatuses) {
      expect(canTransition(from, 'NEW')).toBe(false)
      if (from !== 'NEW') expect(canTransition(from, 'PENDING')).toBe(false)
    }
  })

  it('throws a typed error for an illegal transition', () => {
    expect(() => assertTransition('FILLED', 'OPEN', 'gt-1')).toThrowErrorMatchingInlineSnapshot(
      `[IllegalTransitionError: Illegal order transition FILLED → OPEN for gt-1.]`,
    )
    try {
      assertTransition('CANCELLED', 'FILLED')
    } catch (error) {
      expect(isIllegalTransitionError(error)).toBe(true)
      expect(error).toMatchObject({ code: 'ILLEGAL_TRANSITION', from: 'CANCELLED', to: 'FILLED' })
    }
    expect.assertions(3)
  })
})

describe('README', () => {
  it('draws exactly the transition table of the code', () => {
    const readme = readFileSync(fileURLToPath(new URL('../README.md', import.meta.url)), 'utf8')
    const lines = readme.split('\n')
    const header = lines.find((l) => l.startsWith('| from \\ to |'))!
    const columns = header
      .split('|')
      .slice(2, -1)
      .map((c) => c.trim())
    const drawn: Record<string, string[]> = {}
    for (const line of lines) {
      const match = /^\| \*\*([A-Z_]+)\*\* \|/.exec(line)
      if (!match || line.includes('terminal')) continue
      const cells = line.split('|').slice(2, -1)
      drawn[match[1]!] = columns.filter((_, i) => cells[i]?.trim() === '✓')
    }
    const working = orderStatuses.filter((s) => !isTerminalStatus(s))
    expect(Object.keys(drawn).sort()).toEqual([...working].sort())
    for (const from of working)
      expect(drawn[from]).toEqual(
        [...orderTransitions[from]].sort((a, b) => columns.indexOf(a) - columns.indexOf(b)),
      )
  })
})
