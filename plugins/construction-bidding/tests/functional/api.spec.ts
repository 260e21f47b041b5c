import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { clock } from '#core/clock'
import { fireTransition } from '#trading/engine/procedure_engine'
import { createAccount, createEntityOwner } from '#tests/helpers/accounts'
import { inTenant } from '#tests/helpers/bids'
import { projectBody } from '#tests/helpers/projects'
import {
  CODE,
  DAY,
  enableConstructionBidding,
  isoIn,
  platformNow,
  sealedBids,
  tenderOnProject,
} from './fixtures.js'

// API clients choose their language with Accept-Language under /api/v1
const API = `/api/v1/t/${CODE}/construction-bidding/api/tenders`

function tenderBody(projectId: number, overrides: Record<string, unknown> = {}) {
  return {
    projectId,
    title: '万州区滨江路改造工程施工招标',
    sectionName: '施工一标段',
    tenderMode: 'public',
    prequalification: false,
    content: '道路及排水改造',
    estimate: '5000000.00',
    deposit: '100000.00',
    evaluationMethod: 'comprehensive_scoring',
    weights: { price: 60, technical: 30, commercial: 10 },
    tendererRepresentatives: 0,
    ...overrides,
  }
}

test.group('construction-bidding: the API', (group) => {
  group.setup(() => enableConstructionBidding())
  group.each.teardown(() => inTenant(CODE, () => clock.reset()))

  test('a project owner registers a tender; bad input answers 422 in the asked language', async ({
    client,
    assert,
  }) => {
    const { account } = await createEntityOwner('万州示例建设业主有限公司')
    const project = await client
      .post(`/api/v1/t/${CODE}/projects`)
      .json(projectBody(CODE))
      .withCsrfToken()
      .loginAs(account)
    project.assertStatus(201)
    const projectId = project.body().data.id

    const tooMuch = await client
      .post(API)
      .json(tenderBody(projectId, { deposit: '100000.01' }))
      .accept('json')
      .header('accept-language', 'en')
      .withCsrfToken()
      .loginAs(account)
    tooMuch.assertStatus(422)
    assert.equal(tooMuch.body().errors[0].field, 'deposit')
    assert.include(tooMuch.body().errors[0].message, 'may not exceed 2% of the estimated price')

    const zh = await client
      .post(API)
      .json(tenderBody(projectId, { weights: { price: 50, technical: 30, commercial: 10 } }))
      .accept('json')
      .header('accept-language', 'zh-CN')
      .withCsrfToken()
      .loginAs(account)
    zh.assertStatus(422)
    assert.include(zh.body().errors[0].message, '合计应为100')

    const missing = await client
      .post(API)
      .json({ projectId })
      .accept('json')
      .withCsrfToken()
      .loginAs(account)
    missing.assertStatus(422)

    const created = await client
      .post(API)
      .json(tenderBody(projectId))
      .accept('json')
      .withCsrfToken()
      .loginAs(account)
    created.assertStatus(201)
    const tender = created.body().data
    assert.equal(tender.party, 'tenderer')
    assert.deepEqual(tender.waiting, ['publish_notice'])

    // Someone else's project cannot be tendered by another entity
    const { account: stranger } = await createEntityOwner('其他公司')
    const refused = await client
      .post(API)
      .json(tenderBody(projectId))
      .accept('json')
      .withCsrfToken()
      .loginAs(stranger)
    refused.assertStatus(403)

    // A bidder may not publish the tenderer's notice
    const notice = await client
      .post(`${API}/${tender.id}/steps/publish_notice`)
      .json({})
      .accept('json')
      .withCsrfToken()
      .loginAs(stranger)
    notice.assertStatus(403)

    const published = await client
      .post(`${API}/${tender.id}/steps/publish_notice`)
      .json({})
      .accept('json')
      .withCsrfToken()
      .loginAs(account)
    published.assertStatus(200)
    assert.equal(published.body().data.state, 'notice_published')

    const short = await client
      .post(`${API}/${tender.id}/steps/issue_documents`)
      .json({
        saleEndsAt: isoIn(await platformNow(), 5),
        bidDeadline: isoIn(await platformNow(), 10),
      })
      .accept('json')
      .header('accept-language', 'en')
      .withCsrfToken()
      .loginAs(account)
    short.assertStatus(422)
    assert.include(short.body().errors[0].message, 'Bidding Law Art. 24')
  })

  test('the supervisor suspends and resumes a tender; the list shows each person what waits', async ({
    client,
    assert,
  }) => {
    const { tender } = await tenderOnProject()
    const supervisor = await createAccount([
      { code: CODE, role: 'supervisor', categories: ['construction'] },
    ])
    const suspended = await client
      .post(`${API}/${tender.tradeId}/suspend`)
      .json({ reason: '接到投诉，暂停核查' })
      .accept('json')
      .withCsrfToken()
      .loginAs(supervisor)
    suspended.assertStatus(200)
    assert.isTrue(suspended.body().data.suspended)
    assert.deepEqual(suspended.body().data.waiting, ['resume'])

    const list = await client.get(API).accept('json').loginAs(supervisor)
    list.assertStatus(200)
    const row = list.body().tenders.find((t: { id: number }) => t.id === tender.tradeId)
    assert.equal(row.party, 'supervisor')
    assert.deepEqual(row.waiting, ['resume'])

    const resumed = await client
      .post(`${API}/${tender.tradeId}/resume`)
      .json({})
      .accept('json')
      .withCsrfToken()
      .loginAs(supervisor)
    resumed.assertStatus(200)
    assert.isFalse(resumed.body().data.suspended)
  })

  test('the data-spec export names every set and what happened', async ({ client, assert }) => {
    const { tender, tenderer, account } = await tenderOnProject()
    const now = await platformNow()
    await inTenant(CODE, async () => {
      await fireTransition(tender.tradeId, 'publish_notice', tenderer)
      await fireTransition(tender.tradeId, 'issue_documents', tenderer, {
        saleEndsAt: isoIn(now, 5),
        bidDeadline: isoIn(now, 20),
      })
    })
    await sealedBids(tender.tradeId, 2)
    await inTenant(CODE, () => clock.advance(20 * DAY + 60))
    const operator = await createAccount([{ code: CODE, role: 'center_operator' }])
    const opened = await client
      .post(`${API}/${tender.tradeId}/open`)
      .json({})
      .accept('json')
      .withCsrfToken()
      .loginAs(operator)
    opened.assertStatus(200)
    assert.equal(opened.body().data.state, 'failed')

    const exported = await client
      .get(`${API}/${tender.tradeId}/export`)
      .accept('json')
      .loginAs(account)
    exported.assertStatus(200)
    const sets = exported.body().data
    assert.includeMembers(Object.keys(sets), [
      'GCJS_PROJECT',
      'GCJS_TENDER_PROJECT',
      'GCJS_SECTION',
      'GCJS_NOTICE',
      'GCJS_OPENING_RECORD',
      'GCJS_WIN_CANDIDATE',
      'GCJS_RESULT_NOTICE',
      'GCJS_CONTRACT_PERFORMANCE',
    ])
    assert.equal(sets.GCJS_TENDER_PROJECT[0].TENDER_PROJECT_CODE, tender.tenderCode)
    assert.equal(sets.GCJS_TENDER_PROJECT[0].TENDER_MODE, '1')
    assert.equal(sets.GCJS_SECTION[0].BID_SECTION_CODE, tender.sectionCode)
    assert.equal(sets.GCJS_SECTION[0].MARGIN_AMOUNT, '200000.00')
    assert.equal(sets.GCJS_PROJECT[0].REGION_CODE, CODE)
    assert.match(sets.GCJS_PROJECT[0].PLATFORM_CODE, /^[A-Z]500101[0-9]{4}$/)
    // The notice and the failed tender (流标) were published; nothing was opened
    assert.deepEqual(
      sets.GCJS_NOTICE.map((n: { NOTICE_NAME: string }) => n.NOTICE_NAME.split(' ').pop()),
      ['招标公告', '流标公告']
    )
    assert.lengthOf(sets.GCJS_OPENING_RECORD, 0)
    assert.lengthOf(sets.GCJS_RESULT_NOTICE, 0)
    const rows = await inTenant(CODE, () => db.from('cb_tenders').where('trade_id', tender.tradeId))
    assert.lengthOf(rows, 1)
  })
})
