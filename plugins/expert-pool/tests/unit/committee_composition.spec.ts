import { test } from '@japa/runner'
import { compositionProblem } from '../../app/committees/composition.js'

const KEY = 'expert_committee.composition'

test.group('committee composition rules', () => {
  test('construction: at least five, odd, experts at least two thirds', ({ assert }) => {
    assert.isNull(compositionProblem('construction', { experts: 4, tendererRepresentatives: 1 }))
    assert.isNull(compositionProblem('construction', { experts: 5, tendererRepresentatives: 0 }))
    assert.isNull(compositionProblem('construction', { experts: 5, tendererRepresentatives: 2 }))
    assert.equal(
      compositionProblem('construction', { experts: 3, tendererRepresentatives: 1 }),
      `${KEY}.at_least_five`
    )
    assert.equal(
      compositionProblem('construction', { experts: 5, tendererRepresentatives: 1 }),
      `${KEY}.odd`
    )
    assert.equal(
      compositionProblem('construction', { experts: 3, tendererRepresentatives: 2 }),
      `${KEY}.experts_two_thirds`
    )
    // 7 members need 5 experts (⌈14/3⌉)
    assert.equal(
      compositionProblem('construction', { experts: 4, tendererRepresentatives: 3 }),
      `${KEY}.experts_two_thirds`
    )
  })

  test('government procurement by method', ({ assert }) => {
    assert.equal(
      compositionProblem('gp_open_tender', { experts: 3, tendererRepresentatives: 0 }),
      `${KEY}.at_least_five`
    )
    assert.isNull(compositionProblem('gp_open_tender', { experts: 4, tendererRepresentatives: 1 }))
    for (const rule of ['gp_negotiation', 'gp_competitive_consultation', 'gp_inquiry'] as const) {
      assert.isNull(compositionProblem(rule, { experts: 2, tendererRepresentatives: 1 }))
      assert.equal(
        compositionProblem(rule, { experts: 2, tendererRepresentatives: 0 }),
        `${KEY}.at_least_three`
      )
      assert.equal(
        compositionProblem(rule, { experts: 4, tendererRepresentatives: 0 }),
        `${KEY}.odd`
      )
      assert.equal(
        compositionProblem(rule, { experts: 1, tendererRepresentatives: 2 }),
        `${KEY}.experts_two_thirds`
      )
    }
  })
})
