import { test } from '@japa/runner'
import { canonicalSnapshot } from '../../app/draw/canonical.js'
import { drawFromSnapshot } from '../../app/draw/draw.js'
import { RandomStream } from '../../app/draw/random_stream.js'
import { pool, request, seedOf } from './draw_fixtures.js'

test.group('expert draw: fairness', () => {
  test('over 100,000 seeded draws of 1 from 20, every expert is within ±5σ', ({ assert }) => {
    const draws = 100_000
    const size = 20
    const snapshot = canonicalSnapshot({ experts: pool(size) })
    const req = request({ lines: [{ code: 'A010101', count: 1 }], reservePerLine: 0 })
    const counts = new Map<string, number>()
    for (let i = 0; i < draws; i++) {
      const [pick] = drawFromSnapshot(seedOf(`fair-${i}`), snapshot, req).lines[0].drawn
      counts.set(pick.expertId, (counts.get(pick.expertId) ?? 0) + 1)
    }
    const p = 1 / size
    const mean = draws * p
    const sigma = Math.sqrt(draws * p * (1 - p))
    assert.equal(counts.size, size)
    for (const [id, count] of counts) {
      assert.isAtMost(Math.abs(count - mean), 5 * sigma, `expert ${id} drawn ${count} times`)
    }
  }).timeout(30_000)

  test('one stream spread over a range that does not divide 2^48 stays uniform', ({ assert }) => {
    const stream = new RandomStream(seedOf('stream'))
    const n = 7
    const draws = 70_000
    const counts = Array.from({ length: n }, () => 0)
    for (let i = 0; i < draws; i++) counts[stream.below(n)] += 1
    const sigma = Math.sqrt(draws * (1 / n) * (1 - 1 / n))
    for (const count of counts) assert.isAtMost(Math.abs(count - draws / n), 5 * sigma)
  })

  test('the stream refuses a seed of the wrong length', ({ assert }) => {
    assert.throws(() => new RandomStream(Buffer.alloc(16)), /32 bytes/)
  })
})
