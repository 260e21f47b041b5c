import { test } from '@japa/runner'
import { clock } from '#core/clock'
import { createAccount } from '#tests/helpers/accounts'
import { inTenant } from '#tests/helpers/bids'
import { auditTrail } from '#tests/helpers/access'
import {
  OPERATOR,
  TENDERER,
  alertsOf,
  district,
  newTrade,
  openedTrade,
  runSupervisionTimers,
} from '#tests/helpers/supervision'
import { fireTransition } from '#trading/engine/procedure_engine'

/**
 * Alerts reach the supervisors of their tenant and category; a supervisor
 * dismisses, opens a case or suspends the trade (which the engine then
 * refuses to move until resumed); the centre reads but never decides.
 * District 500182 is this file's own.
 */
let CODE = ''
const api = (path: string) => `/api/v1/t/${CODE}${path}`

/** A trade whose opening had too few bids: one W09 alert */
async function alertedTrade() {
  const { tradeId } = await openedTrade(CODE, [{ price: 100 }])
  await runSupervisionTimers(CODE)
  const [alert] = await alertsOf(CODE, { tradeId, rule: 'W09' })
  return { tradeId, alertId: Number(alert.id) }
}

test.group('supervision alerts', (group) => {
  group.setup(async () => {
    CODE = await district('alerts')
  })
  group.each.teardown(() => inTenant(CODE, () => clock.reset()))

  test('the supervisor of the category lists alerts and reads the evidence; another category sees none', async ({
    client,
    assert,
  }) => {
    const { alertId } = await alertedTrade()
    const supervisor = await createAccount([
      { code: CODE, role: 'supervisor', categories: ['construction'] },
    ])
    const landOnly = await createAccount([{ code: CODE, role: 'supervisor', categories: ['land'] }])

    const list = await client.get(api('/supervision/alerts?status=open')).loginAs(supervisor)
    list.assertStatus(200)
    assert.isTrue(
      list.body().data.some((alert: any) => alert.id === alertId && alert.rule === 'W09')
    )
    const detail = await client.get(api(`/supervision/alerts/${alertId}`)).loginAs(supervisor)
    detail.assertStatus(200)
    assert.equal(detail.body().data.evidence.submitted, 1)
    assert.equal(detail.body().data.cardinal, 'R018')
    const count = await client.get(api('/supervision/alerts/count')).loginAs(supervisor)
    assert.isAtLeast(count.body().data.open, 1)

    const other = await client.get(api('/supervision/alerts')).loginAs(landOnly)
    other.assertStatus(200)
    assert.lengthOf(other.body().data, 0)
    const hidden = await client.get(api(`/supervision/alerts/${alertId}`)).loginAs(landOnly)
    hidden.assertStatus(404)
  })

  test('the trading centre reads alerts but every decision is refused with 403', async ({
    client,
    assert,
  }) => {
    const { alertId } = await alertedTrade()
    const operator = await createAccount([{ code: CODE, role: 'center_operator' }])
    const list = await client.get(api('/supervision/alerts')).loginAs(operator)
    list.assertStatus(200)
    assert.isTrue(list.body().data.some((alert: any) => alert.id === alertId))
    for (const step of ['dismiss', 'case', 'suspend', 'resume']) {
      const refused = await client
        .post(api(`/supervision/alerts/${alertId}/${step}`))
        .json({ reason: '中心不能处理预警' })
        .withCsrfToken()
        .loginAs(operator)
      refused.assertStatus(403)
    }
    const rules = await client
      .put(api('/supervision/rules/W09'))
      .json({ thresholds: { min_bids: 2 } })
      .withCsrfToken()
      .loginAs(operator)
    rules.assertStatus(403)
    const [alert] = await alertsOf(CODE, { rule: 'W09' }).then((rows) =>
      rows.filter((r) => Number(r.id) === alertId)
    )
    assert.equal(alert.status, 'open')
  })

  test('a dismissal needs a written reason, is audited, and cannot be repeated', async ({
    client,
    assert,
  }) => {
    const { alertId } = await alertedTrade()
    const supervisor = await createAccount([
      { code: CODE, role: 'supervisor', categories: ['construction'] },
    ])
    const bare = await client
      .post(api(`/supervision/alerts/${alertId}/dismiss`))
      .header('accept-language', 'en')
      .json({ reason: '' })
      .withCsrfToken()
      .loginAs(supervisor)
    bare.assertStatus(422)
    assert.equal(bare.body().errors[0].field, 'reason')
    const dismissed = await client
      .post(api(`/supervision/alerts/${alertId}/dismiss`))
      .json({ reason: '经核查，投标人数不足系公告期内市场原因' })
      .withCsrfToken()
      .loginAs(supervisor)
    dismissed.assertStatus(200)
    assert.equal(dismissed.body().data.status, 'dismissed')
    const again = await client
      .post(api(`/supervision/alerts/${alertId}/case`))
      .header('accept-language', 'en')
      .json({ reason: '再次立案' })
      .withCsrfToken()
      .loginAs(supervisor)
    again.assertStatus(409)
    assert.include(again.body().errors[0].message, 'decided already')
    const trail = await auditTrail(CODE, 'alert', alertId)
    assert.includeMembers(
      trail.map((e: any) => e.action),
      ['alert.raise', 'alert.dismiss']
    )
  })

  test('suspension from an alert blocks operator actions until the supervisor resumes the trade', async ({
    client,
    assert,
  }) => {
    const tradeId = await newTrade(CODE, 'test-tender')
    await inTenant(CODE, () => fireTransition(tradeId, 'issue_documents', TENDERER))
    // Opening too early: refused, and W10 records the attempt
    await assert.rejects(() => inTenant(CODE, () => fireTransition(tradeId, 'open_bids', OPERATOR)))
    await runSupervisionTimers(CODE)
    const [alert] = await alertsOf(CODE, { tradeId, rule: 'W10' })
    const supervisor = await createAccount([
      { code: CODE, role: 'supervisor', categories: ['construction'] },
    ])

    const suspended = await client
      .post(api(`/supervision/alerts/${alert.id}/suspend`))
      .json({ reason: '依法暂停，核查提前开标企图' })
      .withCsrfToken()
      .loginAs(supervisor)
    suspended.assertStatus(200)
    assert.equal(suspended.body().data.status, 'suspended')
    assert.isTrue(suspended.body().data.trade.suspended)

    const now = await inTenant(CODE, () => clock.now())
    await inTenant(CODE, () => clock.freeze(new Date(now.getTime() + 21 * 86_400_000)))
    const blocked = inTenant(CODE, () => fireTransition(tradeId, 'open_bids', OPERATOR))
    await assert.rejects(() => blocked)
    await blocked.catch((error) => assert.equal(error.messageKey, 'trading.errors.suspended'))

    const resumed = await client
      .post(api(`/supervision/alerts/${alert.id}/resume`))
      .withCsrfToken()
      .loginAs(supervisor)
    resumed.assertStatus(200)
    assert.isFalse(resumed.body().data.trade.suspended)
    const opened = await inTenant(CODE, () => fireTransition(tradeId, 'open_bids', OPERATOR))
    assert.equal(opened.state, 'opened')

    const trail = await auditTrail(CODE, 'trade', tradeId)
    assert.includeMembers(
      trail.map((e: any) => e.action),
      ['trade.suspend', 'trade.resume']
    )
  })

  test('supervisors set a threshold within its range; out of range is refused in both languages', async ({
    client,
    assert,
  }) => {
    const supervisor = await createAccount([
      { code: CODE, role: 'supervisor', categories: ['construction'] },
    ])
    const outside = await client
      .put(api('/supervision/rules/W09'))
      .header('accept-language', 'en')
      .json({ thresholds: { min_bids: 99 } })
      .withCsrfToken()
      .loginAs(supervisor)
    outside.assertStatus(422)
    assert.equal(outside.body().errors[0].field, 'min_bids')
    assert.include(outside.body().errors[0].message, 'between 2 and 10')
    const zh = await client
      .put(api('/supervision/rules/W09'))
      .json({ thresholds: { min_bids: 99 } })
      .withCsrfToken()
      .loginAs(supervisor)
    assert.include(zh.body().errors[0].message, '应在 2 至 10 之间')

    const saved = await client
      .put(api('/supervision/rules/W09'))
      .json({ thresholds: { min_bids: 2 } })
      .withCsrfToken()
      .loginAs(supervisor)
    saved.assertStatus(200)
    // Two bids no longer fire W09 in this tenant
    const { tradeId } = await openedTrade(CODE, [{ price: 100 }, { price: 990 }])
    await runSupervisionTimers(CODE)
    assert.lengthOf(await alertsOf(CODE, { tradeId, rule: 'W09' }), 0)
    await client
      .put(api('/supervision/rules/W09'))
      .json({ thresholds: { min_bids: 3 } })
      .withCsrfToken()
      .loginAs(supervisor)
  })

  test('a city supervisor reads alerts of every district at the city, and decides none there', async ({
    client,
    assert,
  }) => {
    const { alertId } = await alertedTrade()
    const city = await createAccount([
      { code: '500000', role: 'supervisor', categories: ['construction'] },
    ])
    const list = await client.get('/api/v1/t/500000/supervision/alerts?rule=W09').loginAs(city)
    list.assertStatus(200)
    const seen = list.body().data.find((alert: any) => alert.id === alertId)
    assert.equal(seen.tenant.code, CODE)
    const dashboard = await client.get('/api/v1/t/500000/supervision/dashboard').loginAs(city)
    dashboard.assertStatus(200)
    assert.isTrue(dashboard.body().data.cityWide)
    assert.isTrue(dashboard.body().data.byTenant.some((row: any) => row.key === CODE))
    const refused = await client
      .post(`/api/v1/t/500000/supervision/alerts/${alertId}/dismiss`)
      .json({ reason: '市级不处理区县预警' })
      .withCsrfToken()
      .loginAs(city)
    assert.oneOf(refused.status(), [403, 404])
  })

  test('the alert pages render for a supervisor; the dashboard counts by rule', async ({
    client,
    assert,
  }) => {
    const { alertId } = await alertedTrade()
    const supervisor = await createAccount([
      { code: CODE, role: 'supervisor', categories: ['construction'] },
    ])
    for (const path of [
      '/supervision/alerts',
      `/supervision/alerts/${alertId}`,
      '/supervision/rules',
      '/supervision/dashboard',
    ]) {
      const response = await client.get(`/t/${CODE}${path}`).loginAs(supervisor)
      response.assertStatus(200)
    }
    const figures = await client.get(api('/supervision/dashboard')).loginAs(supervisor)
    assert.isTrue(
      figures.body().data.byRule.some((row: any) => row.key === 'W09' && row.count >= 1)
    )
    const bidder = await createAccount([])
    const refused = await client.get(api('/supervision/dashboard')).loginAs(bidder)
    refused.assertStatus(403)
    const noStream = await client.get(api('/supervision/alerts/count/events')).loginAs(bidder)
    noStream.assertStatus(403)
  })
})
