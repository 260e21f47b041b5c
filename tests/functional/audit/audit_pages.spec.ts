import { randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import { test } from '@japa/runner'
import { createAccount } from '#tests/helpers/accounts'
import { appendEvent, auditEvents } from '#tests/helpers/audit'

/**
 * The audit log pages and API: auditors and city admins read it; at the
 * city, city-wide roles see every district's events; a district auditor
 * sees only its own, and another district's event is a 404 (RLS hides it).
 */
async function twoDistricts(action: string) {
  await appendEvent('500151', { action, subjectType: 'trade', subjectId: 'A-1', payload: { n: 1 } })
  await appendEvent('500152', { action, subjectType: 'trade', subjectId: 'B-1', payload: { n: 2 } })
  const [a, b] = await auditEvents({ action })
  return { a, b }
}

function tenantCodesOf(body: any) {
  return body.data.map((event: { tenantCode: string; action: string }) => event.tenantCode)
}

test.group('audit log pages', () => {
  test('an id beyond any bigint is the same 404, as a page and as JSON, never a 500', async ({
    client,
  }) => {
    const auditor = await createAccount([{ code: '500151', role: 'auditor' }])
    const huge = '99999999999999999999999'
    const page = await client.get(`/t/500151/audit/${huge}`).loginAs(auditor)
    page.assertStatus(404)
    const json = await client.get(`/api/v1/t/500151/audit/${huge}`).loginAs(auditor)
    json.assertStatus(404)
    json.assertBodyContains({ errors: [{ field: '' }] })
  })

  test('a district auditor reads only its own events; another district is 404', async ({
    client,
    assert,
  }) => {
    const action = `test.pages.${randomUUID()}`
    const { a, b } = await twoDistricts(action)
    const auditor = await createAccount([{ code: '500151', role: 'auditor' }])

    const list = await client.get(`/api/v1/t/500151/audit?action=${action}`).loginAs(auditor)
    list.assertStatus(200)
    assert.deepEqual(tenantCodesOf(list.body()), ['500151'])

    const own = await client.get(`/api/v1/t/500151/audit/${a.id}`).loginAs(auditor)
    own.assertStatus(200)
    own.assertBodyContains({
      data: {
        id: Number(a.id),
        tenantCode: '500151',
        action,
        subjectType: 'trade',
        subjectId: 'A-1',
        payload: { n: 1 },
        hash: a.hash,
        prevHash: a.prev_hash,
      },
    })

    const foreignApi = await client.get(`/api/v1/t/500151/audit/${b.id}`).loginAs(auditor)
    foreignApi.assertStatus(404)
    foreignApi.assertBody({ errors: [{ field: '', message: '未找到该资源' }] })
    const foreignPage = await client.get(`/t/500151/audit/${b.id}`).withInertia().loginAs(auditor)
    foreignPage.assertStatus(404)
    foreignPage.assertInertiaComponent('core/error')

    // Another district's log is not theirs to read at all
    const otherLog = await client.get('/api/v1/t/500152/audit').loginAs(auditor)
    otherLog.assertStatus(403)
  })

  test('city auditors and city admins see every district at the city', async ({
    client,
    assert,
  }) => {
    const action = `test.city.${randomUUID()}`
    const { b } = await twoDistricts(action)
    for (const role of ['auditor', 'city_admin'] as const) {
      const account = await createAccount([{ code: '500000', role }])
      const page = await client
        .get(`/t/500000/audit?action=${action}`)
        .withInertia()
        .loginAs(account)
      page.assertStatus(200)
      page.assertInertiaComponent('audit/index')
      const props = page.inertiaProps as any
      assert.isTrue(props.cityWide)
      assert.deepEqual(
        props.events.map((e: any) => e.tenantCode),
        ['500152', '500151']
      )

      const detail = await client.get(`/t/500000/audit/${b.id}`).withInertia().loginAs(account)
      detail.assertStatus(200)
      detail.assertInertiaComponent('audit/show')
      detail.assertInertiaPropsContains({
        event: { id: Number(b.id), tenantCode: '500152', payload: { n: 2 }, hash: b.hash },
      })

      const oneDistrict = await client
        .get(`/api/v1/t/500000/audit?action=${action}&tenant=500151`)
        .loginAs(account)
      assert.deepEqual(tenantCodesOf(oneDistrict.body()), ['500151'])
    }
  })

  test('filters by action, subject type, actor and date; pages newest first', async ({
    client,
    assert,
  }) => {
    const action = `test.filters.${randomUUID()}`
    for (let i = 1; i <= 5; i++) {
      await appendEvent('500153', { action, subjectType: i % 2 ? 'odd' : 'even', subjectId: i })
    }
    const auditor = await createAccount([{ code: '500153', role: 'auditor' }])
    const api = (query: string) =>
      client.get(`/api/v1/t/500153/audit?action=${action}&${query}`).loginAs(auditor)
    const subjects = (response: any) => response.body().data.map((e: any) => e.subjectId)

    assert.deepEqual(subjects(await api('subjectType=even')), ['4', '2'])
    assert.deepEqual(subjects(await api('actor=SYST')), ['5', '4', '3', '2', '1'])
    assert.deepEqual(subjects(await api('actor=nobody')), [])

    const today = DateTime.now().setZone('Asia/Shanghai').toISODate()
    const tomorrow = DateTime.now().setZone('Asia/Shanghai').plus({ days: 1 }).toISODate()
    assert.lengthOf(subjects(await api(`from=${today}&to=${today}`)), 5)
    assert.lengthOf(subjects(await api(`from=${tomorrow}`)), 0)

    const first = await api('limit=2')
    assert.deepEqual(subjects(first), ['5', '4'])
    const second = await api(`limit=2&before=${first.body().meta.nextBefore}`)
    assert.deepEqual(subjects(second), ['3', '2'])
    const last = await api(`limit=2&before=${second.body().meta.nextBefore}`)
    assert.deepEqual(subjects(last), ['1'])
    assert.isNull(last.body().meta.nextBefore)

    // An empty field of the filter form means "any"
    const page = await client
      .get(`/t/500153/audit?action=${action}&actor=&from=&to=&subjectType=odd`)
      .withInertia()
      .loginAs(auditor)
    page.assertStatus(200)
    assert.deepEqual(
      (page.inertiaProps as any).events.map((e: any) => e.subjectId),
      ['5', '3', '1']
    )
  })

  test('bad filters are 422; non-auditors 403; anonymous 401', async ({ client }) => {
    const auditor = await createAccount([{ code: '500154', role: 'auditor' }])
    const badDate = await client
      .get('/api/v1/t/500154/audit?from=2026-13-45')
      .header('accept-language', 'en')
      .loginAs(auditor)
    badDate.assertStatus(422)
    badDate.assertBodyContains({ errors: [{ field: 'from' }] })
    const badCursor = await client.get('/api/v1/t/500154/audit?before=-3').loginAs(auditor)
    badCursor.assertStatus(422)

    const centreAdmin = await createAccount([{ code: '500154', role: 'center_admin' }])
    const refused = await client.get('/api/v1/t/500154/audit').loginAs(centreAdmin)
    refused.assertStatus(403)
    refused.assertBody({ errors: [{ field: '', message: '您没有执行此操作的权限' }] })
    const refusedPage = await client.get('/t/500154/audit').withInertia().loginAs(centreAdmin)
    refusedPage.assertStatus(403)
    refusedPage.assertInertiaComponent('core/error')

    const anonymous = await client.get('/api/v1/t/500154/audit')
    anonymous.assertStatus(401)
  })
})
