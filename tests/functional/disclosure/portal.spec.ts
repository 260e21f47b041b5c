import { DateTime } from 'luxon'
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { withTenant } from '#tenancy/tenant_context'
import { registerProcedure } from '#trading/engine/define_procedure'
import { type TradeActor, fireTransition, startTrade } from '#trading/engine/procedure_engine'
import { testTender } from '#tests/fixtures/test_procedure'
import { inDistrict, publishIn } from '#tests/helpers/disclosure'
import { tenantOf } from '#tests/helpers/plugins'

/**
 * The public portal and its JSON API: publishing from a transition, the
 * filters, Chinese keyword search, detail pages and the cursor. No login
 * anywhere. Each test owns its districts, so counts are exact.
 */
const tenderer: TradeActor = { accountId: null, label: 'tenderer', role: 'tenderer' }
const API = '/api/v1/public/announcements'

function titlesOf(body: any): string[] {
  return body.data.map((item: { title: string }) => item.title)
}

function today() {
  return DateTime.now().setZone('Asia/Shanghai').toISODate()!
}

test.group('disclosure · publishing', (group) => {
  group.setup(() => registerProcedure(testTender))

  test('a transition publishes its announcement and OCDS release', async ({ assert }) => {
    const trade = await inDistrict('500229', async () => {
      const started = await startTrade('test-tender', '城口道路工程', tenderer)
      return fireTransition(started.id, 'issue_documents', tenderer)
    })
    const tenant = await tenantOf('500229')
    const [announcement] = await inDistrict('500229', () =>
      db.from('announcements').where('tenant_id', tenant.id).where('trade_id', trade.id)
    )
    assert.equal(announcement.kind, 'trade_notice')
    assert.equal(announcement.category, 'construction')
    assert.equal(announcement.title, '城口道路工程 招标公告')
    assert.equal(announcement.ocid, `ocds-ggzy-500229-t${trade.id}`)
    const transition = await inDistrict('500229', () =>
      db.from('trade_transitions').where('trade_id', trade.id).firstOrFail()
    )
    // The database clock of the transition's own transaction
    assert.equal(
      new Date(announcement.published_at).getTime(),
      new Date(transition.occurred_at).getTime()
    )
    const [release] = await inDistrict('500229', () =>
      db.from('ocds_releases').where('announcement_id', announcement.id)
    )
    assert.deepEqual(release.release.tag, ['tender'])
    assert.equal(release.release.tender.title, '城口道路工程 招标公告')
    assert.equal(release.release.tender.mainProcurementCategory, 'works')
  })

  test('a transition that fails after publishing leaves no announcement', async ({ assert }) => {
    const started = await inDistrict('500229', () =>
      startTrade('test-tender', '回滚测试', tenderer)
    )
    const tenant = await tenantOf('500229')
    await assert.rejects(
      () =>
        withTenant(
          { scope: 'tenant', tenantId: tenant.id, rootTenantId: tenant.rootId },
          async () => {
            await fireTransition(started.id, 'issue_documents', tenderer)
            throw new Error('later step failed')
          }
        ),
      'later step failed'
    )
    const rows = await inDistrict('500229', () =>
      db.from('announcements').where('trade_id', started.id)
    )
    assert.lengthOf(rows, 0)
  })
})

test.group('disclosure · portal', () => {
  test('filters by tenant, kind, category and date; / and /t/:code list them', async ({
    client,
    assert,
  }) => {
    await publishIn('500230', { title: '丰都交易公告', kind: 'trade_notice' })
    await publishIn('500230', { title: '丰都成交信息', kind: 'deal', category: 'procurement' })
    await publishIn('500231', { title: '垫江交易公告', kind: 'trade_notice' })

    const byTenant = await client.get(`${API}?tenant=500230`)
    byTenant.assertStatus(200)
    assert.sameMembers(titlesOf(byTenant.body()), ['丰都交易公告', '丰都成交信息'])

    const byKind = await client.get(`${API}?tenant=500230&kind=deal`)
    assert.deepEqual(titlesOf(byKind.body()), ['丰都成交信息'])
    assert.equal(byKind.body().data[0].tenantCode, '500230')
    assert.equal(byKind.body().data[0].url, `/t/500230/announcements/${byKind.body().data[0].id}`)

    const byCategory = await client.get(`${API}?tenant=500230&category=construction`)
    assert.deepEqual(titlesOf(byCategory.body()), ['丰都交易公告'])

    const inRange = await client.get(`${API}?tenant=500230&from=${today()}&to=${today()}`)
    assert.lengthOf(inRange.body().data, 2)
    const yesterday = DateTime.fromISO(today()).minus({ days: 1 }).toISODate()
    const before = await client.get(`${API}?tenant=500230&to=${yesterday}`)
    assert.lengthOf(before.body().data, 0)

    const city = await client.get('/?tenant=500231').withInertia()
    city.assertStatus(200)
    city.assertInertiaComponent('core/home')
    assert.deepEqual(
      (city.inertiaProps as any).portal.announcements.map((a: any) => a.title),
      ['垫江交易公告']
    )

    const district = await client.get('/t/500230?kind=trade_notice').withInertia()
    district.assertInertiaComponent('tenancy/home')
    assert.deepEqual(
      (district.inertiaProps as any).portal.announcements.map((a: any) => a.title),
      ['丰都交易公告']
    )
  })

  test('a two-character word finds what contains it, and nothing else', async ({
    client,
    assert,
  }) => {
    for (const title of [
      '道路工程施工招标公告',
      '办公设备采购项目公告',
      '工艺品展览服务',
      '程序工作站维护',
      '绿化采购与工程监理',
      '采光购置说明',
    ]) {
      await publishIn('500233', { title })
    }
    const works = await client.get(`${API}?tenant=500233&q=${encodeURIComponent('工程')}`)
    works.assertStatus(200)
    assert.sameMembers(titlesOf(works.body()), ['道路工程施工招标公告', '绿化采购与工程监理'])

    const purchase = await client.get(`${API}?tenant=500233&q=${encodeURIComponent('采购')}`)
    assert.sameMembers(titlesOf(purchase.body()), ['办公设备采购项目公告', '绿化采购与工程监理'])

    const both = await client.get(`${API}?tenant=500233&q=${encodeURIComponent('采购 工程')}`)
    assert.deepEqual(titlesOf(both.body()), ['绿化采购与工程监理'])

    const phrase = await client.get(`${API}?tenant=500233&q=${encodeURIComponent('工程施工')}`)
    assert.deepEqual(titlesOf(phrase.body()), ['道路工程施工招标公告'])

    // The tenant's home searches the same way (its request runs in the tenant scope)
    const home = await client.get(`/t/500233?q=${encodeURIComponent('工程')}`).withInertia()
    home.assertInertiaComponent('tenancy/home')
    assert.sameMembers(
      (home.inertiaProps as any).portal.announcements.map((a: any) => a.title),
      ['道路工程施工招标公告', '绿化采购与工程监理']
    )
  })

  test('single characters, Latin words and digits are searchable', async ({ client, assert }) => {
    await publishIn('500235', { title: '云阳ABC公司设备采购', body: '项目编号 YY-2026-017' })
    await publishIn('500235', { title: '云阳港口疏浚' })

    const single = await client.get(`${API}?tenant=500235&q=${encodeURIComponent('港')}`)
    assert.deepEqual(titlesOf(single.body()), ['云阳港口疏浚'])
    const latin = await client.get(`${API}?tenant=500235&q=abc`)
    assert.deepEqual(titlesOf(latin.body()), ['云阳ABC公司设备采购'])
    // Full-width letters fold to ASCII
    const wide = await client.get(`${API}?tenant=500235&q=${encodeURIComponent('ＡＢＣ')}`)
    assert.deepEqual(titlesOf(wide.body()), ['云阳ABC公司设备采购'])
    const digits = await client.get(`${API}?tenant=500235&q=2026-017`)
    assert.deepEqual(titlesOf(digits.body()), ['云阳ABC公司设备采购'])
    const none = await client.get(`${API}?tenant=500235&q=2026-018`)
    assert.lengthOf(none.body().data, 0)
  })

  test('the detail page shows the announcement; under another tenant it is a 404', async ({
    client,
    assert,
  }) => {
    const published = await publishIn('500236', {
      title: '奉节详情公告',
      body: '正文第一行\n第二行',
    })
    const page = await client.get(`/t/500236/announcements/${published.id}`).withInertia()
    page.assertStatus(200)
    page.assertInertiaComponent('disclosure/show')
    const announcement = (page.inertiaProps as any).announcement
    assert.equal(announcement.title, '奉节详情公告')
    assert.equal(announcement.body, '正文第一行\n第二行')
    assert.equal(announcement.ocid, published.ocid)

    const foreign = await client.get(`/t/500235/announcements/${published.id}`).withInertia()
    foreign.assertStatus(404)
    foreign.assertInertiaComponent('core/error')
  })

  test('the cursor pages through ties of the same instant without loss', async ({
    client,
    assert,
  }) => {
    // One transaction: all five share the same published_at
    const ids = await inDistrict('500237', async () => {
      const { publishAnnouncement } = await import('#disclosure/actions/publish_announcement')
      const { SYSTEM_ACTOR } = await import('#audit/audit_log')
      const published = []
      for (const n of [1, 2, 3, 4, 5]) {
        published.push(
          await publishAnnouncement(SYSTEM_ACTOR, {
            kind: 'change',
            category: 'land',
            title: `分页公告 ${n}`,
          })
        )
      }
      return published.map((p) => p.id)
    })
    await publishIn('500237', { title: '分页公告 6', kind: 'change', category: 'land' })
    const seen: number[] = []
    let cursor: string | null = null
    let pages = 0
    do {
      const query: string = `${API}?tenant=500237&limit=2${cursor ? `&cursor=${cursor}` : ''}`
      const response = await client.get(query)
      response.assertStatus(200)
      seen.push(...response.body().data.map((item: { id: number }) => item.id))
      cursor = response.body().meta.nextCursor
      pages++
    } while (cursor && pages < 10)
    assert.equal(pages, 3)
    assert.lengthOf(seen, 6)
    assert.deepEqual(
      seen.slice(1),
      [...ids].sort((a, b) => b - a)
    )
  })

  test('bad query parameters are a 422 in the caller’s language, never a 500', async ({
    client,
    assert,
  }) => {
    for (const query of [
      'kind=notice',
      'limit=0',
      'limit=abc',
      'cursor=abc',
      'cursor=1.2.3',
      'from=2026-13-45',
      'tenant=12',
      'category=DROP%20TABLE',
      `q=${'长'.repeat(101)}`,
    ]) {
      const response = await client.get(`${API}?${query}`)
      response.assertStatus(422)
      assert.isAbove(response.body().errors.length, 0, query)
    }
    const zh = await client.get(`${API}?kind=notice`)
    assert.equal(zh.body().errors[0].field, 'kind')
    assert.equal(zh.body().errors[0].message, '公告类型的取值无效')
    const en = await client.get(`${API}?limit=0`).header('accept-language', 'en')
    assert.match(en.body().errors[0].message, /page size/)

    // A page shows the unfiltered list and says which filter it ignored
    const page = await client.get('/?kind=notice').withInertia()
    page.assertStatus(200)
    assert.deepEqual(
      (page.inertiaProps as any).portal.filterErrors.map((e: any) => e.field),
      ['kind']
    )
    const huge = await client.get(`/t/500236/announcements/99999999999999999999`).withInertia()
    assert.oneOf(huge.status(), [404])
  })
})
