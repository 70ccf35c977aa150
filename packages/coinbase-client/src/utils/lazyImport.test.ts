import { expect, it } from 'vitest'
import { lazyImport } from './lazyImport.js'

it('loads once on first use, shares the pending load, and retries after a failed one', async () => {
  let calls = 0
  let fail = true
  const load = lazyImport(async () => {
    calls++
    if (fail) throw new Error('offline')
    return { value: calls }
  })
  expect(calls).toBe(0)
  await expect(load()).rejects.toThrow('offline')
  fail = false
  const [a, b] = await Promise.all([load(), load()])
  expect(a).toBe(b)
  expect(await load()).toEqual({ value: 2 })
  expect(calls).toBe(2)
})
