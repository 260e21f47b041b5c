import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import type Account from '#identity/models/account'
import { clock } from '#core/clock'
import { createAccount } from '#tests/helpers/accounts'
import { bidderAccount, inTenant } from '#tests/helpers/bids'
import { auditTrail } from '#tests/helpers/access'
import {
  OPERATOR,
  TENDERER,
  alertsOf,
  district,
  newTrade,
  projectOf,
  runSupervisionTimers,
} from '#tests/helpers/supervision'
import { fireTransition } from '#trading/engine/procedure_engine'

/**
 * Objections, challenges and complaints on their legal clocks, through the
 * API both sides use, across the 2026 National Day holiday (10-01…10-07).
 * District 500183 is this file's own; the platform clock is frozen per test.
 */
let CODE = ''
const api = (path: string) => `/api/v1/t/${CODE}${path}`

/** 10:00 Beijing time on `day` */
const at = (day: string) => new Date(`${day}T10:00:00+08:00`)

function complaintBody(overrides: Record<string, unknown> = {}) {
  return {
    kind: 'complaint',
    regime: 'construction',
    stage: 'process',
    respondent: '重庆某招标代理有限公司',
    claims: '评标委员会未按招标文件规定的评标标准评审，请求依法处理。',
    knownOn: '2026-09-25',
    ...overrides,
  }
}

/** Files a complaint through the API, as the complainant's page does */
function fileComplaint(
  client: ApiClient,
  account: Account,
  overrides: Record<string, unknown> = {}
) {
  return client
    .post(api('/complaints'))
    .json(complaintBody(overrides))
    .withCsrfToken()
    .loginAs(account)
}

test.group('objections, challenges and complaints', (group) => {
  group.setup(async () => {
    CODE = await district('complaints')
  })
  group.each.teardown(() => inTenant(CODE, () => clock.reset()))

  test('a complaint filed before the holiday is due for acceptance after it; both sides see the deadline', async ({
    client,
    assert,
  }) => {
    await inTenant(CODE, () => clock.freeze(at('2026-09-29')))
    const complainant = await bidderAccount()
    const filed = await fileComplaint(client, complainant.account)
    filed.assertStatus(201)
    const complaint = filed.body().data
    assert.equal(complaint.filedOn, '2026-09-29')
    assert.equal(complaint.clock.acceptDue, '2026-10-09')
    assert.equal(complaint.clock.filingLastDay, '2026-10-08')

    const supervisor = await createAccount([
      { code: CODE, role: 'supervisor', categories: ['construction'] },
    ])
    const seen = await client.get(api(`/complaints/${complaint.id}`)).loginAs(supervisor)
    seen.assertStatus(200)
    assert.equal(seen.body().data.clock.acceptDue, '2026-10-09')
    const own = await client.get(api('/complaints')).loginAs(complainant.account)
    assert.isTrue(own.body().data.some((item: any) => item.id === complaint.id))
    const stranger = await bidderAccount()
    const refused = await client.get(api(`/complaints/${complaint.id}`)).loginAs(stranger.account)
    refused.assertStatus(403)
    for (const who of [complainant.account, supervisor]) {
      const page = await client.get(`/t/${CODE}/complaints/${complaint.id}`).loginAs(who)
      page.assertStatus(200)
    }
  })

  test('a complaint after its 10-day window is refused with the last day, in Chinese and English', async ({
    client,
    assert,
  }) => {
    await inTenant(CODE, () => clock.freeze(at('2026-10-09')))
    const complainant = await bidderAccount()
    for (const [language, text] of [
      ['zh-CN', '已超过法定提出期限（最后一日为 2026-10-08）'],
      ['en', 'its last day was 2026-10-08'],
    ]) {
      const late = await client
        .post(api('/complaints'))
        .header('accept-language', language)
        .json(complaintBody())
        .withCsrfToken()
        .loginAs(complainant.account)
      late.assertStatus(422)
      assert.equal(late.body().errors[0].field, 'knownOn')
      assert.include(late.body().errors[0].message, text)
    }
    const bad = await client
      .post(api('/complaints'))
      .header('accept-language', 'en')
      .json(complaintBody({ kind: 'challenge' }))
      .withCsrfToken()
      .loginAs(complainant.account)
    bad.assertStatus(422)
    assert.equal(bad.body().errors[0].field, 'stage')
  })

  test('an overdue acceptance raises a W19 alert for the supervisors', async ({
    client,
    assert,
  }) => {
    await inTenant(CODE, () => clock.freeze(at('2026-09-29')))
    const complainant = await bidderAccount()
    const filed = await fileComplaint(client, complainant.account)
    const id = filed.body().data.id
    // On the due day nothing is overdue yet
    await inTenant(CODE, () => clock.freeze(at('2026-10-09')))
    await runSupervisionTimers(CODE)
    assert.lengthOf(await alertsOf(CODE, { rule: 'W19', complaintId: id }), 0)
    await inTenant(CODE, () => clock.freeze(at('2026-10-10')))
    await runSupervisionTimers(CODE)
    const [alert] = await alertsOf(CODE, { rule: 'W19', complaintId: id })
    assert.equal(alert.evidence.step, 'accept')
    assert.equal(alert.evidence.due, '2026-10-09')
    assert.equal(alert.category, 'construction')
  })

  test('accepted, stopped and restarted: the decision deadline moves by the stopped working days, and only the moved one raises W19', async ({
    client,
    assert,
  }) => {
    await inTenant(CODE, () => clock.freeze(at('2026-09-02')))
    const complainant = await bidderAccount()
    const filed = await fileComplaint(client, complainant.account, { knownOn: '2026-09-01' })
    const id = filed.body().data.id
    const supervisor = await createAccount([
      { code: CODE, role: 'supervisor', categories: ['construction'] },
    ])
    const step = (name: string, body: Record<string, unknown> = {}) =>
      client
        .post(api(`/complaints/${id}/${name}`))
        .json(body)
        .withCsrfToken()
        .loginAs(supervisor)

    await inTenant(CODE, () => clock.freeze(at('2026-09-04')))
    const accepted = await step('accept')
    accepted.assertStatus(200)
    // 30 working days: the Mid-Autumn (09-25) and National Day holidays do not count
    assert.equal(accepted.body().data.clock.decisionDue, '2026-10-22')
    await inTenant(CODE, () => clock.freeze(at('2026-09-30')))
    const stopped = await step('clock-stop', { text: '委托检测机构鉴定' })
    assert.isNull(stopped.body().data.clock.decisionDue)
    assert.isTrue(stopped.body().data.clock.stopped)
    const early = await step('decide', { text: '驳回投诉' })
    early.assertStatus(409)
    await inTenant(CODE, () => clock.freeze(at('2026-10-09')))
    const restarted = await step('clock-resume')
    assert.equal(restarted.body().data.clock.stoppedWorkingDays, 3)
    assert.equal(restarted.body().data.clock.decisionDue, '2026-10-27')
    // The old deadline passes without an alert: the stop moved it
    await inTenant(CODE, () => clock.freeze(at('2026-10-23')))
    await runSupervisionTimers(CODE)
    assert.lengthOf(await alertsOf(CODE, { rule: 'W19', complaintId: id }), 0)
    await inTenant(CODE, () => clock.freeze(at('2026-10-28')))
    await runSupervisionTimers(CODE)
    const [overdue] = await alertsOf(CODE, { rule: 'W19', complaintId: id })
    assert.deepInclude(overdue.evidence, { step: 'decision', due: '2026-10-27' })
    const decided = await step('decide', { text: '经调查，投诉事项不成立，驳回投诉。' })
    decided.assertStatus(200)
    assert.equal(decided.body().data.status, 'decided')
    const operator = await createAccount([{ code: CODE, role: 'center_operator' }])
    const centre = await client
      .post(api(`/complaints/${id}/accept`))
      .withCsrfToken()
      .loginAs(operator)
    centre.assertStatus(403)
    const trail = await auditTrail(CODE, 'complaint', id)
    assert.includeMembers(
      trail.map((e: any) => e.action),
      [
        'complaint.file',
        'complaint.accept',
        'complaint.clock_stop',
        'complaint.clock_resume',
        'complaint.decide',
      ]
    )
  })

  test('an objection to the tender documents is answered by the tenderer within 3 days', async ({
    client,
    assert,
  }) => {
    await inTenant(CODE, () => clock.freeze(at('2026-09-02')))
    const tenderer = await bidderAccount()
    const projectId = await projectOf(CODE, tenderer.entityId)
    const tradeId = await newTrade(CODE, 'test-tender', {
      projectId,
      milestones: { bid_deadline: at('2026-09-30').toISOString() },
    })
    const bidder = await bidderAccount()
    const filed = await client
      .post(api('/complaints'))
      .json(
        complaintBody({ kind: 'objection', stage: 'documents', tradeId, knownOn: '2026-09-01' })
      )
      .withCsrfToken()
      .loginAs(bidder.account)
    filed.assertStatus(201)
    const objection = filed.body().data
    assert.equal(objection.clock.filingLastDay, '2026-09-20')
    assert.equal(objection.clock.answerDue, '2026-09-07')
    const outsider = await bidderAccount()
    const refused = await client
      .post(api(`/complaints/${objection.id}/answer`))
      .json({ text: '不是招标人' })
      .withCsrfToken()
      .loginAs(outsider.account)
    refused.assertStatus(403)
    const answered = await client
      .post(api(`/complaints/${objection.id}/answer`))
      .json({ text: '招标文件第三章已澄清，见澄清文件一。' })
      .withCsrfToken()
      .loginAs(tenderer.account)
    answered.assertStatus(200)
    assert.equal(answered.body().data.status, 'answered')

    await inTenant(CODE, () => clock.freeze(at('2026-09-21')))
    const late = await client
      .post(api('/complaints'))
      .json(
        complaintBody({ kind: 'objection', stage: 'documents', tradeId, knownOn: '2026-09-01' })
      )
      .withCsrfToken()
      .loginAs(bidder.account)
    late.assertStatus(422)
  })

  test('a pending objection pauses its trade until the tenderer answers', async ({
    client,
    assert,
  }) => {
    await inTenant(CODE, () => clock.freeze(at('2026-09-02')))
    const tenderer = await bidderAccount()
    const projectId = await projectOf(CODE, tenderer.entityId)
    const tradeId = await newTrade(CODE, 'test-tender', {
      projectId,
      milestones: { bid_deadline: at('2026-09-30').toISOString() },
    })
    await inTenant(CODE, () => fireTransition(tradeId, 'issue_documents', TENDERER))
    await inTenant(CODE, () => clock.freeze(at('2026-09-03')))
    const bidder = await bidderAccount()
    const filed = await client
      .post(api('/complaints'))
      .json(
        complaintBody({
          kind: 'objection',
          stage: 'evaluation_result',
          tradeId,
          knownOn: '2026-09-03',
        })
      )
      .withCsrfToken()
      .loginAs(bidder.account)
    filed.assertStatus(201)
    const id = filed.body().data.id

    await inTenant(CODE, () => clock.freeze(at('2026-09-25')))
    const paused = inTenant(CODE, () => fireTransition(tradeId, 'open_bids', OPERATOR))
    await assert.rejects(() => paused)
    await paused.catch((error) => {
      assert.equal(error.messageKey, 'supervision.complaints.errors.paused')
      assert.equal(error.status, 409)
    })
    const answered = await client
      .post(api(`/complaints/${id}/answer`))
      .json({ text: '评标结果复核无误，维持原结果。' })
      .withCsrfToken()
      .loginAs(tenderer.account)
    answered.assertStatus(200)
    const opened = await inTenant(CODE, () => fireTransition(tradeId, 'open_bids', OPERATOR))
    assert.equal(opened.state, 'opened')
  })
})
