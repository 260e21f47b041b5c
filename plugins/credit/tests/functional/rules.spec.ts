import { test } from '@japa/runner'
import { closeQueues } from '#jobs/queues'
import db from '@adonisjs/lucid/services/db'
import { SYSTEM_ACTOR } from '#audit/audit_log'
import { requireCapability } from '#plugin_host/capabilities'
import { createAccount } from '#tests/helpers/accounts'
import { auditTrail } from '#tests/helpers/access'
import { randomUscc } from '#tests/helpers/identity'
import { inTenant } from '#tests/helpers/bids'
import {
  CITY,
  ensureCreditEnabled,
  fieldsOf,
  penaltyBody,
  platformDay,
  supervisorOf,
} from './credit_fixtures.js'

/**
 * The negative list through its API, and the gate it drives (called as a
 * trade plugin calls it, through the capability). District 500236 is used
 * by no other test.
 */
const DISTRICT = '500236'
const RULES = (code: string) => `/t/${code}/credit/api/rules`

function ruleBody(overrides: Record<string, unknown> = {}) {
  return {
    name: '十二个月内两次行政处罚的限制投标',
    conditionKinds: ['violation'],
    conditionMinCount: 2,
    conditionWithinMonths: 12,
    restrictedRoles: ['bidder'],
    categories: ['construction'],
    regionPrefix: DISTRICT,
    startsOn: '2020-01-01',
    sourceDocument: '石柱住建发〔2027〕3号',
    ...overrides,
  }
}

test.group('credit: negative-list rules', (group) => {
  group.setup(() => ensureCreditEnabled([CITY, DISTRICT]))
  // Records with an end schedule their expiry timer: the queue connection must close
  group.teardown(() => closeQueues())

  test('a district supervisor keeps rules for its own district only; bad input is refused per field', async ({
    client,
    assert,
  }) => {
    const supervisor = await supervisorOf(DISTRICT)
    const outside = await client
      .post(RULES(DISTRICT))
      .json(ruleBody({ regionPrefix: '50' }))
      .accept('json')
      .withCsrfToken()
      .loginAs(supervisor)
    outside.assertStatus(422)
    assert.include(fieldsOf(outside.body()).regionPrefix, DISTRICT)

    const bad = await client
      .post(RULES(DISTRICT))
      .json(
        ruleBody({
          restrictedRoles: [],
          conditionMinCount: 0,
          startsOn: '2027-02-30',
          endsOn: '2019-01-01',
        })
      )
      .accept('json')
      .withCsrfToken()
      .loginAs(supervisor)
    bad.assertStatus(422)
    const fields = fieldsOf(bad.body())
    assert.properties(fields, ['restrictedRoles', 'conditionMinCount', 'startsOn'])
    assert.equal(fields.restrictedRoles, '限制的身份至少选择 1 项')

    const created = await client
      .post(RULES(DISTRICT))
      .json(ruleBody())
      .accept('json')
      .withCsrfToken()
      .loginAs(supervisor)
    created.assertStatus(201)
    const ruleId = created.body().data.id

    // The city's supervisors do not edit a district's rule, nor does anyone without the role
    const citySupervisor = await supervisorOf(CITY)
    const foreign = await client
      .post(`${RULES(CITY)}/${ruleId}/withdraw`)
      .accept('json')
      .withCsrfToken()
      .loginAs(citySupervisor)
    foreign.assertStatus(403)
    const operator = await createAccount([{ code: DISTRICT, role: 'center_operator' }])
    const notSupervisor = await client
      .post(RULES(DISTRICT))
      .json(ruleBody())
      .accept('json')
      .withCsrfToken()
      .loginAs(operator)
    notSupervisor.assertStatus(403)
    const listed = await client.get(RULES(DISTRICT)).accept('json').loginAs(operator)
    listed.assertStatus(200)
    assert.include(
      listed.body().data.map((rule: { id: number }) => rule.id),
      ruleId
    )

    const edited = await client
      .put(`${RULES(DISTRICT)}/${ruleId}`)
      .json(ruleBody({ conditionMinCount: 3, endsOn: '2030-12-31' }))
      .accept('json')
      .withCsrfToken()
      .loginAs(supervisor)
    edited.assertStatus(200)
    assert.deepInclude(edited.body().data, { conditionMinCount: 3, endsOn: '2030-12-31' })

    const withdrawn = await client
      .post(`${RULES(DISTRICT)}/${ruleId}/withdraw`)
      .accept('json')
      .withCsrfToken()
      .loginAs(supervisor)
    withdrawn.assertStatus(200)
    assert.equal(withdrawn.body().data.status, 'withdrawn')
    const trail = await auditTrail(DISTRICT, 'credit_rule', ruleId)
    assert.deepEqual(
      trail.map((event) => event.action),
      ['credit.rule.create', 'credit.rule.update', 'credit.rule.withdraw']
    )
  })

  test('a rule in force bars the entity whose records meet its condition, only where it reaches', async ({
    client,
    assert,
  }) => {
    const supervisor = await supervisorOf(DISTRICT)
    const code = randomUscc()
    const rule = await client
      .post(RULES(DISTRICT))
      .json(ruleBody({ name: `两次处罚限制投标 ${code}` }))
      .accept('json')
      .withCsrfToken()
      .loginAs(supervisor)
    rule.assertStatus(201)

    const gate = await requireCapability('credit-gate')
    const check = (overrides: Record<string, unknown> = {}) =>
      inTenant(DISTRICT, () =>
        gate.check(
          {
            subjectCode: code,
            stage: 'award',
            category: 'construction',
            regionCode: DISTRICT,
            ...overrides,
          },
          SYSTEM_ACTOR
        )
      )
    const fine = async (title: string) => {
      const response = await client
        .post(`/t/${DISTRICT}/credit/api/penalties`)
        .json(
          penaltyBody(code, {
            title,
            penaltyType: 'fine',
            fineAmount: 5000,
            bans: false,
            decidedOn: await platformDay(-10),
            startsOn: await platformDay(-10),
          })
        )
        .accept('json')
        .withCsrfToken()
        .loginAs(supervisor)
      response.assertStatus(201)
      assert.isFalse(response.body().data.restricts)
    }

    await fine('未按规定提交投标保证金')
    const belowCount = await check()
    assert.isTrue(belowCount.allowed, 'one penalty is below the rule’s count')
    await fine('出借资质')
    const refused = await check()
    assert.isFalse(refused.allowed)
    if (refused.allowed) return
    assert.equal(refused.messageKey, 'credit.gate.refused_rule')
    assert.equal(refused.values.record, '出借资质')
    assert.equal(refused.values.ends, 'none')

    // Role, category and region outside the rule: allowed
    const outside = await Promise.all([
      check({ role: 'agency' }),
      check({ category: 'land' }),
      check({ regionCode: '500101' }),
    ])
    assert.deepEqual(
      outside.map((result) => result.allowed),
      [true, true, true]
    )

    const stored = await inTenant(DISTRICT, () =>
      db.from('credit_checks').where('id', refused.checkId).firstOrFail()
    )
    assert.equal(stored.stage, 'award')
    assert.equal(stored.snapshot.blockedBy.type, 'rule')
    const considered = stored.snapshot.rules.find(
      (item: { id: number }) => item.id === rule.body().data.id
    )
    assert.isTrue(considered.reaches)
    assert.lengthOf(considered.triggeredBy, 2)

    // The district's supervisors read the checks made there, with their snapshots
    const checks = await client
      .get(`/t/${DISTRICT}/credit/api/checks?subject=${code}`)
      .accept('json')
      .loginAs(supervisor)
    checks.assertStatus(200)
    assert.includeMembers(
      checks.body().data.map((item: { id: number }) => item.id),
      [refused.checkId]
    )
    assert.lengthOf(checks.body().data, 5)
  })
})
