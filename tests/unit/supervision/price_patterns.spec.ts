import { test } from '@japa/runner'
import { pricePatterns } from '#supervision/rules/price_patterns'

const LIMITS = { minBids: 3, stepTolerancePct: 2, fencePct: 3 }

test.group('price patterns (W04)', () => {
  test('an arithmetic progression within the step tolerance is found', ({ assert }) => {
    const found = pricePatterns([1_000_000, 1_050_500, 1_100_000], LIMITS)
    assert.deepInclude(
      found.map((f) => f.pattern),
      'arithmetic'
    )
  })

  test('steps differing by more than the tolerance are not a progression', ({ assert }) => {
    const found = pricePatterns([1_000_000, 1_050_000, 1_110_000], LIMITS)
    assert.notInclude(
      found.map((f) => f.pattern),
      'arithmetic'
    )
  })

  test('prices within 3 % of their mean are a fence; a wider spread is not', ({ assert }) => {
    assert.include(
      pricePatterns([100, 101, 103], LIMITS).map((f) => f.pattern),
      'fence'
    )
    assert.notInclude(
      pricePatterns([100, 110, 190], LIMITS).map((f) => f.pattern),
      'fence'
    )
  })

  test('identical prices are found even below the minimum count; two distinct prices are nothing', ({
    assert,
  }) => {
    assert.deepEqual(pricePatterns([500, 500], LIMITS), [
      { pattern: 'identical', price: 500, count: 2 },
    ])
    assert.deepEqual(pricePatterns([500, 900], LIMITS), [])
  })
})
