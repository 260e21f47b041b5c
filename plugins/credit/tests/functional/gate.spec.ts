import { test } from '@japa/runner'
import type { Job } from 'bullmq'
import db from '@adonisjs/lucid/services/db'
import { clock } from '#core/clock'
import { fireTimer } from '#jobs/timers'
import '#jobs/registry'
import { newKeyFile } from '#trading/sealed_bids/bid_crypto'
import { tenantScope } from '#tests/helpers/access'
import {
  bidderAccount,
  inTenant,
  sealPrice,
  submitSealed,
  tradeWithDeadline,
} from '#tests/helpers/bids'
import { projectBody } from '#tests/helpers/projects'
import { closeQueues } from '#jobs/queues'
import {
  CITY,
  ensureCreditEnabled,
  entityCode,
  penaltyBody,
  platformDay,
  supervisorOf,
} from './credit_fixtures.js'

/**
 * The credit gate in the trading core: a real SubmitBid and a real project
 * registration through the HTTP API. Tenant 500240 is used by no other test.
 */
const CODE = '500240'
const DAY = 86_400

async function checksOf(code: string, subjectCode: string) {
  return inTenant(code, () =>
    db.from('credit_checks').where('subject_code', subjectCode).orderBy('id')
  )
}

async function auditOf(code: string, action: string, subjectId: number | string) {
  return inTenant(code, () =>
    db
      .from('audit_events')
      .where({ action, subject_id: String(subjectId) })
      .orderBy('seq')
  )
}

test.group('credit gate', (group) => {
  group.setup(() => ensureCreditEnabled([CITY]))
  group.each.teardown(() => inTenant(CODE, () => clock.reset()))
  group.teardown(() => closeQueues())

  test('a banned bidder is refused at bid submission, named record and end date, and bids again once the ban has expired', async ({
    client,
    assert,
  }) => {
    const supervisor = await supervisorOf(CITY)
    const bidder = await bidderAccount()
    const code = await entityCode(bidder.entityId)
    const endsOn = await platformDay(30)
    const body = penaltyBody(code, {
      decidedOn: await platformDay(),
      startsOn: await platformDay(),
      endsOn,
    })
    const recorded = await client
      .post(`/t/${CITY}/credit/api/penalties`)
      .json(body)
      .accept('json')
      .withCsrfToken()
      .loginAs(supervisor)
    recorded.assertStatus(201)
    const recordId = recorded.body().data.id

    const now = await inTenant(CODE, () => clock.now())
    const tradeId = await tradeWithDeadline(CODE, new Date(now.getTime() + 60 * DAY * 1000))
    const keyFile = newKeyFile()
    const refused = await submitSealed(
      client,
      bidder.account,
      CODE,
      tradeId,
      await sealPrice(100, { keyFile })
    )
    refused.assertStatus(403)
    refused.assertBodyContains({
      errors: [{ field: 'entity', rule: 'credit.gate.refused_record' }],
    })
    const zh = refused.body().errors[0].message
    assert.include(zh, '串通投标')
    assert.include(zh, body.sourceDocument)
    assert.include(zh, `限制期至${endsOn}`)
    assert.include(zh, '投标人')

    const english = await submitSealed(
      client,
      bidder.account,
      CODE,
      tradeId,
      await sealPrice(100, { keyFile })
    ).header('accept-language', 'en')
    english.assertStatus(403)
    const en = english.body().errors[0].message
    assert.include(en, `until ${endsOn}`)
    assert.include(en, body.sourceDocument)
    assert.include(en, 'a bidder')

    // Nothing of the bid stayed; both refused checks did, with their snapshots and audit events
    const bids = await inTenant(CODE, () => db.from('bids').where('trade_id', tradeId))
    assert.lengthOf(bids, 0)
    const refusedChecks = await checksOf(CODE, code)
    assert.deepEqual(
      refusedChecks.map((check) => check.outcome),
      ['refused', 'refused']
    )
    const snapshot = refusedChecks[0].snapshot
    assert.deepEqual(snapshot.blockedBy, { type: 'record', id: recordId })
    assert.deepInclude(snapshot.query, {
      role: 'bidder',
      category: 'construction',
      regionCode: CODE,
    })
    assert.equal(snapshot.records[0].id, recordId)
    assert.isTrue(snapshot.records[0].restricting)
    assert.equal(refusedChecks[0].stage, 'bid_submission')
    assert.equal(Number(refusedChecks[0].trade_id), tradeId)
    const audited = await auditOf(CODE, 'credit.check', refusedChecks[0].id)
    assert.lengthOf(audited, 1)
    assert.equal(audited[0].actor_account_id, bidder.account.id)
    assert.deepInclude(audited[0].payload, { outcome: 'refused', stage: 'bid_submission' })
    assert.notInclude(JSON.stringify(audited[0].payload), code)

    // The last day of the ban still bars; the day after it does not
    await inTenant(CODE, () => clock.advance(30 * DAY))
    const lastDay = await submitSealed(
      client,
      bidder.account,
      CODE,
      tradeId,
      await sealPrice(100, { keyFile })
    )
    lastDay.assertStatus(403)
    await inTenant(CODE, () => clock.advance(1 * DAY))
    const accepted = await submitSealed(
      client,
      bidder.account,
      CODE,
      tradeId,
      await sealPrice(100, { keyFile })
    )
    accepted.assertStatus(201)
    const checks = await checksOf(CODE, code)
    assert.equal(checks.at(-1).outcome, 'allowed')
    assert.deepEqual(checks.at(-1).snapshot.records[0], {
      ...checks.at(-1).snapshot.records[0],
      id: recordId,
      restricting: false,
    })
    assert.lengthOf(await auditOf(CODE, 'credit.check', checks.at(-1).id), 1)

    // The expiry timer, due now, marks the record expired and audits it in the recording tenant
    const scope = await tenantScope(CITY)
    const outbox = await inTenant(CITY, () =>
      db.from('outbox').where('dedupe_key', `credit-record-${recordId}`).first()
    )
    assert.equal(outbox.job_name, 'credit.record-expiry')
    const delivery = { data: { outboxId: outbox.id, scope } } as Job<any>
    assert.equal(await fireTimer(delivery as any), 'handled')
    const stored = await db.connection('owner').from('credit_records').where('id', recordId).first()
    assert.equal(stored.status, 'expired')
    const expiry = await auditOf(CITY, 'credit.record.expire', recordId)
    assert.lengthOf(expiry, 1)
    assert.equal(expiry[0].payload.endsOn, endsOn)
  })

  test('the expiry timer delivered before the end changes nothing', async ({ client, assert }) => {
    const supervisor = await supervisorOf(CITY)
    const bidder = await bidderAccount()
    const code = await entityCode(bidder.entityId)
    const recorded = await client
      .post(`/t/${CITY}/credit/api/penalties`)
      .json(
        penaltyBody(code, {
          decidedOn: await platformDay(),
          startsOn: await platformDay(),
          endsOn: await platformDay(5),
        })
      )
      .accept('json')
      .withCsrfToken()
      .loginAs(supervisor)
    recorded.assertStatus(201)
    const recordId = recorded.body().data.id
    const scope = await tenantScope(CITY)
    const outbox = await inTenant(CITY, () =>
      db.from('outbox').where('dedupe_key', `credit-record-${recordId}`).first()
    )
    assert.equal(await fireTimer({ data: { outboxId: outbox.id, scope } } as any), 'early')
    const stored = await db.connection('owner').from('credit_records').where('id', recordId).first()
    assert.equal(stored.status, 'active')
  })

  test('a blacklisted tenderer is refused at project registration; an entity with a reward only is not', async ({
    client,
    assert,
  }) => {
    const supervisor = await supervisorOf(CITY)
    const listed = await bidderAccount()
    const listedCode = await entityCode(listed.entityId)
    const blacklist = await client
      .post(`/t/${CITY}/credit/api/records`)
      .json({
        ...penaltyBody(listedCode),
        kind: 'blacklist',
        title: '严重失信主体名单',
        decidedOn: await platformDay(),
        startsOn: await platformDay(),
        restrictedRoles: ['tenderer'],
      })
      .accept('json')
      .withCsrfToken()
      .loginAs(supervisor)
    blacklist.assertStatus(201)

    const refused = await client
      .post(`/api/v1/t/${CODE}/projects`)
      .json(projectBody(CODE))
      .withCsrfToken()
      .loginAs(listed.account)
    refused.assertStatus(403)
    assert.include(refused.body().errors[0].message, '严重失信主体名单')
    assert.include(refused.body().errors[0].message, '限制期至长期')
    assert.include(refused.body().errors[0].message, '招标人')
    const [check] = await checksOf(CODE, listedCode)
    assert.equal(check.stage, 'project_registration')
    assert.equal(check.role, 'tenderer')
    assert.equal(check.outcome, 'refused')
    const projects = await inTenant(CODE, () =>
      db.from('projects').where('entity_id', listed.entityId)
    )
    assert.lengthOf(projects, 0)

    const rewarded = await bidderAccount()
    const rewardedCode = await entityCode(rewarded.entityId)
    const reward = await client
      .post(`/t/${CITY}/credit/api/records`)
      .json({
        ...penaltyBody(rewardedCode),
        kind: 'reward',
        title: '优质工程奖',
        decidedOn: await platformDay(),
        startsOn: await platformDay(),
      })
      .accept('json')
      .withCsrfToken()
      .loginAs(supervisor)
    reward.assertStatus(201)
    assert.isFalse(reward.body().data.restricts)
    const registered = await client
      .post(`/api/v1/t/${CODE}/projects`)
      .json(projectBody(CODE))
      .withCsrfToken()
      .loginAs(rewarded.account)
    registered.assertStatus(201)
    const [allowed] = await checksOf(CODE, rewardedCode)
    assert.equal(allowed.outcome, 'allowed')
  })

  test('a revoked blacklist entry no longer bars', async ({ client, assert }) => {
    const supervisor = await supervisorOf(CITY)
    const bidder = await bidderAccount()
    const code = await entityCode(bidder.entityId)
    const entry = await client
      .post(`/t/${CITY}/credit/api/records`)
      .json({
        ...penaltyBody(code),
        kind: 'blacklist',
        decidedOn: await platformDay(),
        startsOn: await platformDay(),
      })
      .accept('json')
      .withCsrfToken()
      .loginAs(supervisor)
    entry.assertStatus(201)
    const now = await inTenant(CODE, () => clock.now())
    const tradeId = await tradeWithDeadline(CODE, new Date(now.getTime() + 20 * DAY * 1000))
    const keyFile = newKeyFile()
    const banned = await submitSealed(
      client,
      bidder.account,
      CODE,
      tradeId,
      await sealPrice(1, { keyFile })
    )
    banned.assertStatus(403)

    const revoked = await client
      .post(`/t/${CITY}/credit/api/records/${entry.body().data.id}/revoke`)
      .json({
        issuingDepartment: '重庆市住房和城乡建设委员会',
        sourceDocument: '渝建撤〔2027〕1号',
        decidedOn: await platformDay(),
        reason: '信用修复完成',
      })
      .accept('json')
      .withCsrfToken()
      .loginAs(supervisor)
    revoked.assertStatus(201)
    assert.equal(revoked.body().data.kind, 'blacklist_revocation')
    assert.equal(revoked.body().data.revokesRecordId, entry.body().data.id)
    const accepted = await submitSealed(
      client,
      bidder.account,
      CODE,
      tradeId,
      await sealPrice(1, { keyFile })
    )
    accepted.assertStatus(201)
    const again = await client
      .post(`/t/${CITY}/credit/api/records/${entry.body().data.id}/revoke`)
      .json({
        issuingDepartment: '住建委',
        sourceDocument: '渝建撤〔2027〕2号',
        decidedOn: await platformDay(),
        reason: '重复',
      })
      .accept('json')
      .withCsrfToken()
      .loginAs(supervisor)
    again.assertStatus(422)
    assert.lengthOf(await auditOf(CITY, 'credit.record.revoke', entry.body().data.id), 1)
  })
})
