import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { clock } from '#core/clock'
import { createAccount } from '#tests/helpers/accounts'
import { inTenant } from '#tests/helpers/bids'
import { auditTrail } from '#tests/helpers/access'
import { alertsOf, district, openedTrade, runSupervisionTimers } from '#tests/helpers/supervision'

/**
 * Supervision cases: a supervisor opens one on alerts of one trade, appends
 * notes, closes it with a decision and a reason; the alerts link to it; the
 * centre and city supervisors read, never work on it.
 * District 500185 is this file's own.
 */
let CODE = ''
const api = (path: string) => `/api/v1/t/${CODE}${path}`
const SHARED_DEVICE = 'a'.repeat(64)

/** Two bidders on one device, too few bids: a W01 and a W09 alert on one trade */
async function alertedTrade() {
  const { tradeId } = await openedTrade(CODE, [
    { price: 100, fingerprint: SHARED_DEVICE },
    { price: 101, fingerprint: SHARED_DEVICE },
  ])
  await runSupervisionTimers(CODE)
  const alerts = await alertsOf(CODE, { tradeId })
  return { tradeId, alertIds: alerts.map((alert) => Number(alert.id)) }
}

function supervisorOf(code: string, categories = ['construction'], name = '张监督') {
  return createAccount([{ code, role: 'supervisor', categories }], name)
}

test.group('supervision cases', (group) => {
  group.setup(async () => {
    CODE = await district('cases')
  })
  group.each.teardown(() => inTenant(CODE, () => clock.reset()))

  test('a supervisor opens one case on the alerts of a trade, which then link to it', async ({
    client,
    assert,
  }) => {
    const { tradeId, alertIds } = await alertedTrade()
    assert.lengthOf(alertIds, 2)
    const supervisor = await supervisorOf(CODE)
    const opened = await client
      .post(api('/supervision/cases'))
      .json({ alertIds, reason: '同一设备投标且投标人不足，立案调查' })
      .withCsrfToken()
      .loginAs(supervisor)
    opened.assertStatus(200)
    const found = opened.body().data
    assert.match(found.number, /^监案〔\d{4}〕\d{4}$/)
    assert.equal(found.status, 'open')
    assert.equal(found.trade.id, tradeId)
    assert.equal(found.supervisor, '张监督')
    assert.sameMembers(
      found.alerts.map((alert: any) => alert.rule),
      ['W01', 'W09']
    )
    for (const alertId of alertIds) {
      const alert = await client.get(api(`/supervision/alerts/${alertId}`)).loginAs(supervisor)
      assert.equal(alert.body().data.status, 'case_opened')
      assert.equal(alert.body().data.caseId, found.id)
      const trail = await auditTrail(CODE, 'alert', alertId)
      assert.include(
        trail.map((e: any) => e.action),
        'alert.open_case'
      )
    }
    const trail = await auditTrail(CODE, 'supervision_case', found.id)
    assert.deepEqual(
      trail.map((e: any) => e.action),
      ['case.open']
    )
    const list = await client.get(api('/supervision/cases?status=open')).loginAs(supervisor)
    assert.isTrue(list.body().data.some((row: any) => row.id === found.id))
    for (const path of [
      '/supervision/cases',
      `/supervision/cases/${found.id}`,
      `/supervision/alerts/${alertIds[0]}`,
    ]) {
      const page = await client.get(`/t/${CODE}${path}`).loginAs(supervisor)
      page.assertStatus(200)
    }
  })

  test('the alert route opens a case on its one alert; a decided alert opens none', async ({
    client,
    assert,
  }) => {
    const { alertIds } = await alertedTrade()
    const supervisor = await supervisorOf(CODE)
    const opened = await client
      .post(api(`/supervision/alerts/${alertIds[0]}/case`))
      .json({ reason: '单条预警立案' })
      .withCsrfToken()
      .loginAs(supervisor)
    opened.assertStatus(200)
    assert.isNumber(opened.body().data.caseId)
    const again = await client
      .post(api('/supervision/cases'))
      .header('accept-language', 'en')
      .json({ alertIds, reason: '重复立案' })
      .withCsrfToken()
      .loginAs(supervisor)
    again.assertStatus(409)
    assert.include(again.body().errors[0].message, 'decided already')
    const alerts = await alertsOf(CODE)
    const untouched = alerts.find((row) => Number(row.id) === alertIds[1])
    assert.equal(untouched!.status, 'open')
    assert.isNull(untouched!.case_id)
  })

  test('alerts of two trades make no case; bad input is refused with field messages', async ({
    client,
    assert,
  }) => {
    const first = await alertedTrade()
    const second = await alertedTrade()
    const supervisor = await supervisorOf(CODE)
    const mixed = await client
      .post(api('/supervision/cases'))
      .header('accept-language', 'en')
      .json({ alertIds: [first.alertIds[0], second.alertIds[0]], reason: '跨交易立案' })
      .withCsrfToken()
      .loginAs(supervisor)
    mixed.assertStatus(422)
    assert.equal(mixed.body().errors[0].field, 'alertIds')
    assert.include(mixed.body().errors[0].message, 'one trade')
    const zh = await client
      .post(api('/supervision/cases'))
      .json({ alertIds: [first.alertIds[0], second.alertIds[0]], reason: '跨交易立案' })
      .withCsrfToken()
      .loginAs(supervisor)
    assert.include(zh.body().errors[0].message, '同一交易')
    const empty = await client
      .post(api('/supervision/cases'))
      .json({ alertIds: [], reason: '' })
      .withCsrfToken()
      .loginAs(supervisor)
    empty.assertStatus(422)
    assert.includeMembers(
      empty.body().errors.map((e: any) => e.field),
      ['alertIds', 'reason']
    )
    const missing = await client
      .post(api('/supervision/cases'))
      .json({ alertIds: [999999999], reason: '不存在的预警' })
      .withCsrfToken()
      .loginAs(supervisor)
    missing.assertStatus(404)
  })

  test('notes are appended in order; the case closes once with a decision and a reason', async ({
    client,
    assert,
  }) => {
    const { alertIds } = await alertedTrade()
    const supervisor = await supervisorOf(CODE)
    const opened = await client
      .post(api('/supervision/cases'))
      .json({ alertIds, reason: '立案调查' })
      .withCsrfToken()
      .loginAs(supervisor)
    const caseId = opened.body().data.id
    for (const text of ['调取两家投标人的投标文件制作设备信息', '约谈投标人法定代表人']) {
      const noted = await client
        .post(api(`/supervision/cases/${caseId}/notes`))
        .json({ text })
        .withCsrfToken()
        .loginAs(supervisor)
      noted.assertStatus(200)
    }
    const badDecision = await client
      .post(api(`/supervision/cases/${caseId}/close`))
      .header('accept-language', 'en')
      .json({ decision: 'forgotten', reason: '' })
      .withCsrfToken()
      .loginAs(supervisor)
    badDecision.assertStatus(422)
    assert.includeMembers(
      badDecision.body().errors.map((e: any) => e.field),
      ['decision', 'reason']
    )
    const closed = await client
      .post(api(`/supervision/cases/${caseId}/close`))
      .json({ decision: 'penalty_referred', reason: '串通投标属实，已作出处罚并推送信用系统' })
      .withCsrfToken()
      .loginAs(supervisor)
    closed.assertStatus(200)
    const found = closed.body().data
    assert.equal(found.status, 'closed')
    assert.equal(found.decision, 'penalty_referred')
    assert.deepEqual(
      found.notes.map((note: any) => note.text),
      ['调取两家投标人的投标文件制作设备信息', '约谈投标人法定代表人']
    )
    const late = await client
      .post(api(`/supervision/cases/${caseId}/notes`))
      .header('accept-language', 'en')
      .json({ text: '结案后补充记录' })
      .withCsrfToken()
      .loginAs(supervisor)
    late.assertStatus(409)
    assert.include(late.body().errors[0].message, 'closed')
    const twice = await client
      .post(api(`/supervision/cases/${caseId}/close`))
      .json({ decision: 'no_violation', reason: '再次结案' })
      .withCsrfToken()
      .loginAs(supervisor)
    twice.assertStatus(409)
    const trail = await auditTrail(CODE, 'supervision_case', caseId)
    assert.deepEqual(
      trail.map((e: any) => e.action),
      ['case.open', 'case.note', 'case.note', 'case.close']
    )
  })

  test('the centre and city supervisors read cases; only the district supervisors work on them; the city centre reads no district', async ({
    client,
    assert,
  }) => {
    const { alertIds } = await alertedTrade()
    const supervisor = await supervisorOf(CODE)
    const operator = await createAccount([{ code: CODE, role: 'center_operator' }])
    const landOnly = await supervisorOf(CODE, ['land'])
    const city = await supervisorOf('500000')
    const bidder = await createAccount([])

    const refusedOpen = await client
      .post(api('/supervision/cases'))
      .json({ alertIds, reason: '中心不能立案' })
      .withCsrfToken()
      .loginAs(operator)
    refusedOpen.assertStatus(403)
    const landOpen = await client
      .post(api('/supervision/cases'))
      .json({ alertIds, reason: '其他行业不能立案' })
      .withCsrfToken()
      .loginAs(landOnly)
    landOpen.assertStatus(403)

    const opened = await client
      .post(api('/supervision/cases'))
      .json({ alertIds, reason: '立案调查' })
      .withCsrfToken()
      .loginAs(supervisor)
    const caseId = opened.body().data.id

    const read = await client.get(api(`/supervision/cases/${caseId}`)).loginAs(operator)
    read.assertStatus(200)
    for (const [step, body] of [
      ['notes', { text: '中心补充记录' }],
      ['close', { decision: 'no_violation', reason: '中心不能结案' }],
    ] as const) {
      const refused = await client
        .post(api(`/supervision/cases/${caseId}/${step}`))
        .json(body)
        .withCsrfToken()
        .loginAs(operator)
      refused.assertStatus(403)
    }
    const hidden = await client.get(api(`/supervision/cases/${caseId}`)).loginAs(landOnly)
    hidden.assertStatus(404)
    const stranger = await client.get(api('/supervision/cases')).loginAs(bidder)
    stranger.assertStatus(403)

    const cityList = await client.get('/api/v1/t/500000/supervision/cases').loginAs(city)
    cityList.assertStatus(200)
    const seen = cityList.body().data.find((row: any) => row.id === caseId)
    assert.equal(seen.tenant.code, CODE)
    const cityPage = await client.get('/t/500000/supervision/cases').loginAs(city)
    cityPage.assertStatus(200)
    // The city's own trading centre reads the city's rows, never the districts'
    const cityCentre = await createAccount([{ code: '500000', role: 'center_operator' }])
    for (const path of ['/supervision/cases', '/supervision/alerts']) {
      const seenByCentre = await client.get(`/api/v1/t/500000${path}`).loginAs(cityCentre)
      seenByCentre.assertStatus(200)
      assert.lengthOf(
        seenByCentre.body().data.filter((row: any) => row.tenant.code === CODE),
        0
      )
    }
    const centreFigures = await client
      .get('/api/v1/t/500000/supervision/dashboard')
      .loginAs(cityCentre)
    assert.notInclude(
      centreFigures.body().data.byTenant.map((row: any) => row.key),
      CODE
    )
    const cityNote = await client
      .post(`/api/v1/t/500000/supervision/cases/${caseId}/notes`)
      .json({ text: '市级不办理区县案件' })
      .withCsrfToken()
      .loginAs(city)
    assert.oneOf(cityNote.status(), [403, 404])
    const notes = await inTenant(CODE, () =>
      db.from('supervision_case_notes').where('case_id', caseId)
    )
    assert.lengthOf(notes, 0)
  })
})
