import { test } from '@japa/runner'
import {
  SEPARATION_CONSTRAINT,
  separationConflict,
  separationConflictOf,
} from '#access/separation_of_duties'
import type { StaffRole } from '#access/roles'

test.group('separation of duties', () => {
  const refused: Array<[StaffRole[], StaffRole, string]> = [
    [['center_admin'], 'supervisor', 'management_supervision'],
    [['center_operator'], 'supervisor', 'management_supervision'],
    [['supervisor'], 'center_admin', 'management_supervision'],
    [['expert_admin'], 'expert_drawer', 'expert_pool'],
    [['expert_drawer'], 'expert_admin', 'expert_pool'],
    [['expert_admin'], 'supervisor', 'expert_pool'],
    [['supervisor'], 'expert_drawer', 'expert_pool'],
    [['auditor', 'expert_drawer'], 'supervisor', 'expert_pool'],
  ]
  const allowed: Array<[StaffRole[], StaffRole]> = [
    [['center_admin'], 'center_operator'],
    [['center_admin'], 'auditor'],
    [['center_operator'], 'expert_drawer'],
    [['supervisor'], 'auditor'],
    [['auditor'], 'expert_admin'],
    [[], 'supervisor'],
  ]

  test('refuses roles of different sides in one tenant', ({ assert }) => {
    for (const [held, wanted, rule] of refused) {
      assert.equal(separationConflict(held, wanted)?.rule, rule, `${held} + ${wanted}`)
    }
  })

  test('allows roles of one side or outside the rules', ({ assert }) => {
    for (const [held, wanted] of allowed) {
      assert.isNull(separationConflict(held, wanted), `${held} + ${wanted}`)
    }
  })

  test('recognises only the trigger refusal', ({ assert }) => {
    const raised = {
      code: '23514',
      constraint: SEPARATION_CONSTRAINT,
      detail: 'expert_pool expert_admin',
    }
    assert.deepEqual(separationConflictOf(raised), { rule: 'expert_pool', held: 'expert_admin' })
    assert.isNull(separationConflictOf({ code: '23514', constraint: 'staff_memberships_check' }))
    assert.isNull(separationConflictOf({ code: '23505', constraint: SEPARATION_CONSTRAINT }))
    assert.isNull(separationConflictOf(new Error('other')))
  })
})
