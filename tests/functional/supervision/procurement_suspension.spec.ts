import { test } from '@japa/runner'
import { clock } from '#core/clock'
import { createAccount } from '#tests/helpers/accounts'
import { bidderAccount, inTenant } from '#tests/helpers/bids'
import { auditTrail } from '#tests/helpers/access'
import {
  TENDERER,
  alertsOf,
  district,
  newTrade,
  runSupervisionTimers,
} from '#tests/helpers/supervision'
import { fireTransition } from '#trading/engine/procedure_engine'

/**
 * A government procurement complaint suspends its procurement activity for
 * 30 days at most (采购法 Art. 57): once, with its last day shown; still
 * suspended after it, W19 fires. District 500186 is this file's own; the
 * platform clock is frozen per test.
 */
let CODE = ''
const api = (path: string) => `/api/v1/t/${CODE}${path}`
const at = (day: string) => new Date(`${day}T10:00:00+08:00`)

/** A GP complaint about a trade, filed on 2026-09-01, and the procurement supervisor */
async function filedComplaint(client: any, regime = 'government_procurement') {
  await inTenant(CODE, () => clock.freeze(at('2026-09-01')))
  const tradeId = await newTrade(CODE, 'test-tender')
  const complainant = await bidderAccount()
  const filed = await client
    .post(api('/complaints'))
    .json({
      kind: 'complaint',
      regime,
      stage: 'process',
      tradeId,
      respondent: '重庆某采购代理机构',
      claims: '采购过程中代理机构限制供应商参与，请求依法处理。',
      knownOn: '2026-09-01',
    })
    .withCsrfToken()
    .loginAs(complainant.account)
  filed.assertStatus(201)
  const supervisor = await createAccount([
    { code: CODE, role: 'supervisor', categories: ['government_procurement', 'construction'] },
  ])
  return { tradeId, id: filed.body().data.id as number, supervisor }
}

function suspend(client: any, id: number, who: any) {
  return client
    .post(api(`/complaints/${id}/suspend-procurement`))
    .json({ text: '投诉事项可能影响采购结果，暂停采购活动' })
    .withCsrfToken()
    .loginAs(who)
}

test.group('procurement suspended during a complaint', (group) => {
  group.setup(async () => {
    CODE = await district('suspension')
  })
  group.each.teardown(() => inTenant(CODE, () => clock.reset()))

  test('the supervisor suspends for 30 days at most, once; still suspended after the last day raises W19', async ({
    client,
    assert,
  }) => {
    const { tradeId, id, supervisor } = await filedComplaint(client)
    const operator = await createAccount([{ code: CODE, role: 'center_operator' }])
    const refused = await suspend(client, id, operator)
    refused.assertStatus(403)

    const suspended = await suspend(client, id, supervisor)
    suspended.assertStatus(200)
    assert.deepEqual(suspended.body().data.procurementSuspension, {
      from: '2026-09-01',
      lastDay: '2026-10-01',
      resumedOn: null,
    })
    const page = await client.get(`/t/${CODE}/complaints/${id}`).loginAs(supervisor)
    page.assertStatus(200)
    const blocked = inTenant(CODE, () => fireTransition(tradeId, 'issue_documents', TENDERER))
    await assert.rejects(() => blocked)
    await blocked.catch((error) => assert.equal(error.messageKey, 'trading.errors.suspended'))
    const again = await client
      .post(api(`/complaints/${id}/suspend-procurement`))
      .header('accept-language', 'en')
      .json({ text: '再次暂停以延长期限' })
      .withCsrfToken()
      .loginAs(supervisor)
    again.assertStatus(409)
    assert.include(again.body().errors[0].message, 'not possible')

    await inTenant(CODE, () => clock.freeze(at('2026-10-01')))
    await runSupervisionTimers(CODE)
    const onLastDay = await alertsOf(CODE, { rule: 'W19', complaintId: id })
    assert.notInclude(
      onLastDay.map((alert) => alert.evidence.step),
      'suspension'
    )
    await inTenant(CODE, () => clock.freeze(at('2026-10-02')))
    await runSupervisionTimers(CODE)
    const overdue = await alertsOf(CODE, { rule: 'W19', complaintId: id })
    const alert = overdue.find((row) => row.evidence.step === 'suspension')
    assert.exists(alert)
    assert.equal(alert!.evidence.due, '2026-10-01')
    assert.equal(alert!.category, 'government_procurement')
    assert.equal(Number(alert!.trade_id), tradeId)

    const resumed = await client
      .post(api(`/complaints/${id}/resume-procurement`))
      .withCsrfToken()
      .loginAs(supervisor)
    resumed.assertStatus(200)
    assert.equal(resumed.body().data.procurementSuspension.resumedOn, '2026-10-02')
    const moved = await inTenant(CODE, () => fireTransition(tradeId, 'issue_documents', TENDERER))
    assert.equal(moved.state, 'documents_issued')
    const trail = await auditTrail(CODE, 'complaint', id)
    assert.includeMembers(
      trail.map((e: any) => e.action),
      ['complaint.suspend_procurement', 'complaint.overdue', 'complaint.resume_procurement']
    )
  })

  test('lifted before the last day, no alert; a construction complaint suspends nothing here', async ({
    client,
    assert,
  }) => {
    const { id, supervisor } = await filedComplaint(client)
    const suspended = await suspend(client, id, supervisor)
    suspended.assertStatus(200)
    await inTenant(CODE, () => clock.freeze(at('2026-09-20')))
    const resumed = await client
      .post(api(`/complaints/${id}/resume-procurement`))
      .withCsrfToken()
      .loginAs(supervisor)
    resumed.assertStatus(200)
    const twice = await client
      .post(api(`/complaints/${id}/resume-procurement`))
      .withCsrfToken()
      .loginAs(supervisor)
    twice.assertStatus(409)
    await inTenant(CODE, () => clock.freeze(at('2026-10-05')))
    await runSupervisionTimers(CODE)
    const alerts = await alertsOf(CODE, { rule: 'W19', complaintId: id })
    assert.notInclude(
      alerts.map((alert) => alert.evidence.step),
      'suspension'
    )

    const construction = await filedComplaint(client, 'construction')
    const refused = await suspend(client, construction.id, construction.supervisor)
    refused.assertStatus(409)
  })
})
