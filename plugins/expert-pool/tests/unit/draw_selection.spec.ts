import { test } from '@japa/runner'
import { codesToTry, DrawInputError, performDraw } from '../../app/draw/draw.js'
import { drawnIds, expert, pool, request, seedOf } from './draw_fixtures.js'

test.group('expert draw: specialties and fallback', () => {
  test('codes widen one level for parent and up to the letter for ancestors', ({ assert }) => {
    assert.deepEqual(codesToTry('A010101', 'none'), ['A010101'])
    assert.deepEqual(codesToTry('A010101', 'parent'), ['A010101', 'A0101'])
    assert.deepEqual(codesToTry('A010101', 'ancestors'), ['A010101', 'A0101', 'A01', 'A'])
  })

  test('an empty leaf falls back to its parent when allowed', ({ assert }) => {
    const experts = [
      expert('p1', { specialties: ['A010102'] }),
      expert('p2', { specialties: ['A010103'] }),
      expert('far', { specialties: ['A020101'] }),
    ]
    const lines = [{ code: 'A010101', count: 2 }]
    const record = performDraw(
      seedOf('fallback'),
      { experts },
      request({ lines, reservePerLine: 0, fallback: 'parent' })
    )
    assert.sameMembers(drawnIds(record.result.lines), ['p1', 'p2'])
    assert.isTrue(record.result.lines[0].drawn.every((pick) => pick.viaCode === 'A0101'))
    assert.deepEqual(record.result.shortfalls, [])
  })

  test('the leaf supplies what it can before the parent fills the rest', ({ assert }) => {
    const experts = [expert('leaf'), ...pool(4, { specialties: ['A010109'] })]
    const lines = [{ code: 'A010101', count: 3 }]
    const record = performDraw(
      seedOf('partial'),
      { experts },
      request({ lines, reservePerLine: 0, fallback: 'parent' })
    )
    assert.deepEqual(record.result.lines[0].drawn[0], { expertId: 'leaf', viaCode: 'A010101' })
    assert.lengthOf(record.result.lines[0].drawn, 3)
  })

  test('without fallback an empty leaf is reported as a shortfall', ({ assert }) => {
    const experts = [expert('p1', { specialties: ['A010102'] })]
    const lines = [{ code: 'A010101', count: 2 }]
    const record = performDraw(seedOf('short'), { experts }, request({ lines, reservePerLine: 1 }))
    assert.deepEqual(drawnIds(record.result.lines), [])
    assert.deepEqual(record.result.shortfalls, [
      { line: 0, code: 'A010101', kind: 'drawn', needed: 2, got: 0, triedCodes: ['A010101'] },
      { line: 0, code: 'A010101', kind: 'reserve', needed: 1, got: 0, triedCodes: ['A010101'] },
    ])
  })

  test('parent fallback stops at the parent; ancestors go further', ({ assert }) => {
    const experts = [expert('cousin', { specialties: ['A010201'] })]
    const lines = [{ code: 'A010101', count: 1 }]
    const parent = performDraw(
      seedOf('levels'),
      { experts },
      request({ lines, reservePerLine: 0, fallback: 'parent' })
    )
    assert.deepEqual(parent.result.shortfalls[0].triedCodes, ['A010101', 'A0101'])
    const ancestors = performDraw(
      seedOf('levels'),
      { experts },
      request({ lines, reservePerLine: 0, fallback: 'ancestors' })
    )
    assert.deepEqual(ancestors.result.lines[0].drawn, [{ expertId: 'cousin', viaCode: 'A01' }])
  })

  test('an expert with two specialties appears at most once across lines', ({ assert }) => {
    const experts = pool(8, { specialties: ['A010101', 'B010101'] })
    const lines = [
      { code: 'A010101', count: 3 },
      { code: 'B010101', count: 3 },
    ]
    for (let i = 0; i < 50; i++) {
      const record = performDraw(seedOf(`twice-${i}`), { experts }, request({ lines }))
      const ids = record.result.lines.flatMap((line) =>
        [...line.drawn, ...line.reserves].map((pick) => pick.expertId)
      )
      assert.lengthOf(ids, 8)
      assert.lengthOf(new Set(ids), 8)
      assert.lengthOf(drawnIds(record.result.lines), 6)
    }
  })

  test('malformed requests are refused before anything is drawn', ({ assert }) => {
    const experts = pool(3)
    const bad = [
      request({ lines: [] }),
      request({ lines: [{ code: 'A0101011', count: 1 }] }),
      request({ lines: [{ code: 'D01', count: 1 }] }),
      request({ lines: [{ code: 'A01', count: 0 }] }),
      request({
        lines: [
          { code: 'A01', count: 1 },
          { code: 'A01', count: 1 },
        ],
      }),
      request({ reservePerLine: -1 }),
      request({ maxDrawsPerTenderer: 0 }),
      request({ drawDate: '15/03/2027' }),
    ]
    for (const input of bad) {
      assert.throws(() => performDraw(seedOf('bad'), { experts }, input), DrawInputError as any)
    }
  })

  test('a snapshot listing one expert twice is refused', ({ assert }) => {
    assert.throws(
      () => performDraw(seedOf('dup'), { experts: [expert('a'), expert('a')] }, request()),
      /twice/
    )
  })
})
