import { test } from '@japa/runner'
import {
  type CreditRecordFacts,
  type GateQuery,
  type NegativeListRule,
  decide,
  recordRestricts,
  ruleReaches,
  ruleTriggers,
} from '../../app/support/matching.js'

const TODAY = '2027-03-10'
const query: GateQuery = {
  role: 'bidder',
  category: 'construction',
  regionCode: '500101',
  today: TODAY,
}

function record(overrides: Partial<CreditRecordFacts> = {}): CreditRecordFacts {
  return {
    id: 1,
    kind: 'violation',
    title: '串通投标',
    issuingDepartment: '重庆市住房和城乡建设委员会',
    sourceDocument: '渝建罚〔2027〕1号',
    decidedOn: '2027-01-05',
    startsOn: '2027-01-05',
    endsOn: '2028-01-04',
    restricts: true,
    restrictedRoles: [],
    categories: [],
    regionPrefix: '50',
    status: 'active',
    ...overrides,
  }
}

function rule(overrides: Partial<NegativeListRule> = {}): NegativeListRule {
  return {
    id: 7,
    name: '一年内两次行政处罚的限制投标',
    conditionKinds: ['violation'],
    conditionMinCount: 2,
    conditionWithinMonths: 12,
    restrictedRoles: ['bidder'],
    categories: ['construction'],
    regionPrefix: '500101',
    startsOn: '2027-01-01',
    endsOn: '2027-12-31',
    sourceDocument: '万州住建发〔2027〕3号',
    status: 'active',
    ...overrides,
  }
}

test.group('credit: a record restricts', () => {
  test('within its period, on both end days, and not the day after', ({ assert }) => {
    assert.isTrue(recordRestricts(record(), query))
    assert.isTrue(recordRestricts(record(), { ...query, today: '2027-01-05' }))
    assert.isTrue(recordRestricts(record(), { ...query, today: '2028-01-04' }))
    assert.isFalse(recordRestricts(record(), { ...query, today: '2028-01-05' }))
    assert.isFalse(recordRestricts(record(), { ...query, today: '2027-01-04' }))
  })

  test('not once revoked or expired, nor when it imposes no ban', ({ assert }) => {
    assert.isFalse(recordRestricts(record({ status: 'revoked' }), query))
    assert.isFalse(recordRestricts(record({ status: 'expired' }), query))
    assert.isFalse(recordRestricts(record({ restricts: false }), query))
  })

  test('only on the roles, categories and region it names', ({ assert }) => {
    assert.isTrue(recordRestricts(record({ restrictedRoles: ['bidder'] }), query))
    assert.isFalse(recordRestricts(record({ restrictedRoles: ['agency'] }), query))
    assert.isTrue(recordRestricts(record({ categories: ['construction'] }), query))
    assert.isFalse(recordRestricts(record({ categories: ['government_procurement'] }), query))
    assert.isTrue(recordRestricts(record({ regionPrefix: '500101' }), query))
    assert.isFalse(recordRestricts(record({ regionPrefix: '500102' }), query))
  })
})

test.group('credit: a negative-list rule', () => {
  test('role: reaches the roles it names and no other', ({ assert }) => {
    assert.isTrue(ruleReaches(rule(), query))
    assert.isFalse(ruleReaches(rule(), { ...query, role: 'tenderer' }))
  })

  test('category: reaches its categories; an empty list reaches all', ({ assert }) => {
    assert.isFalse(ruleReaches(rule(), { ...query, category: 'land' }))
    assert.isTrue(ruleReaches(rule({ categories: [] }), { ...query, category: 'land' }))
  })

  test('region: reaches the divisions under its prefix only', ({ assert }) => {
    assert.isFalse(ruleReaches(rule(), { ...query, regionCode: '500102' }))
    assert.isTrue(ruleReaches(rule({ regionPrefix: '50' }), { ...query, regionCode: '500102' }))
  })

  test('period: in force from its start to its end, and not once withdrawn', ({ assert }) => {
    assert.isTrue(ruleReaches(rule(), { ...query, today: '2027-12-31' }))
    assert.isFalse(ruleReaches(rule(), { ...query, today: '2028-01-01' }))
    assert.isFalse(ruleReaches(rule(), { ...query, today: '2026-12-31' }))
    assert.isTrue(ruleReaches(rule({ endsOn: null }), { ...query, today: '2030-01-01' }))
    assert.isFalse(ruleReaches(rule({ status: 'withdrawn' }), query))
  })

  test('condition: enough records of its kinds within its window, revoked ones not counted', ({
    assert,
  }) => {
    const fined = record({ id: 2, restricts: false, decidedOn: '2026-06-01' })
    const warned = record({ id: 3, restricts: false, decidedOn: '2027-02-01' })
    assert.lengthOf(ruleTriggers(rule(), [fined, warned], TODAY), 2)
    // Window of 6 months: the June decision is outside
    assert.lengthOf(ruleTriggers(rule({ conditionWithinMonths: 6 }), [fined, warned], TODAY), 0)
    assert.lengthOf(ruleTriggers(rule(), [fined, { ...warned, status: 'revoked' }], TODAY), 0)
    assert.lengthOf(ruleTriggers(rule(), [fined, { ...warned, kind: 'reward' }], TODAY), 0)
    // A decision dated after today does not count yet
    assert.lengthOf(ruleTriggers(rule(), [fined, { ...warned, decidedOn: '2027-04-01' }], TODAY), 0)
  })
})

test.group('credit: the decision', () => {
  test('a restricting record refuses and names itself; its snapshot lists what was considered', ({
    assert,
  }) => {
    const reward = record({ id: 9, kind: 'reward', restricts: false })
    const decision = decide([record(), reward], [rule()], query)
    assert.equal(decision.outcome, 'refused')
    assert.equal(decision.blocker?.type, 'record')
    assert.deepEqual(decision.snapshot.blockedBy, { type: 'record', id: 1 })
    assert.deepEqual(
      decision.snapshot.records.map((item) => [item.id, item.restricting]),
      [
        [1, true],
        [9, false],
      ]
    )
    assert.deepEqual(decision.snapshot.rules, [
      {
        id: 7,
        name: rule().name,
        sourceDocument: rule().sourceDocument,
        reaches: true,
        triggeredBy: [],
      },
    ])
  })

  test('of several bans the one ending last is named; one without an end outlasts all', ({
    assert,
  }) => {
    const shorter = record({ id: 1, endsOn: '2027-06-30' })
    const longer = record({ id: 2, endsOn: '2029-06-30' })
    assert.equal((decide([shorter, longer], [], query).blocker as any).record.id, 2)
    const open = record({ id: 3, kind: 'blacklist', endsOn: null })
    assert.equal((decide([shorter, open, longer], [], query).blocker as any).record.id, 3)
  })

  test('a rule whose condition holds refuses and names the latest record behind it', ({
    assert,
  }) => {
    const first = record({ id: 2, restricts: false, decidedOn: '2026-06-01' })
    const second = record({ id: 3, restricts: false, decidedOn: '2027-02-01' })
    const decision = decide([first, second], [rule()], query)
    assert.equal(decision.outcome, 'refused')
    assert.equal(decision.blocker?.type, 'rule')
    assert.equal(decision.blocker?.record.id, 3)
    assert.deepEqual(decision.snapshot.blockedBy, { type: 'rule', id: 7 })
    assert.equal(decide([first, second], [rule()], { ...query, role: 'agency' }).outcome, 'allowed')
  })

  test('no record and no rule: allowed', ({ assert }) => {
    const decision = decide([], [rule()], query)
    assert.equal(decision.outcome, 'allowed')
    assert.isNull(decision.snapshot.blockedBy)
  })
})
