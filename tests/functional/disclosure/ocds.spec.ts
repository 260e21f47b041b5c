import { test } from '@japa/runner'
import { registerProcedure } from '#trading/engine/define_procedure'
import { type TradeActor, fireTransition, startTrade } from '#trading/engine/procedure_engine'
import { clock } from '#core/clock'
import { testTender } from '#tests/fixtures/test_procedure'
import { inDistrict, ocdsErrors, publishIn } from '#tests/helpers/disclosure'

/**
 * OCDS 1.1.5 open data: the release packages of the change feed and the
 * record package of a trade, validated against the standard's own schemas.
 */
const tenderer: TradeActor = { accountId: null, label: 'tenderer', role: 'tenderer' }
const operator: TradeActor = { accountId: null, label: 'operator', role: 'operator' }
const DAY = 24 * 60 * 60

test.group('disclosure · OCDS', (group) => {
  group.setup(() => registerProcedure(testTender))
  group.each.teardown(() => inDistrict('500238', () => clock.reset()))

  test('a trade’s releases form a valid record whose compiled release merges them', async ({
    client,
    assert,
  }) => {
    const trade = await inDistrict('500238', async () => {
      const started = await startTrade('test-tender', '巫山污水管网工程', tenderer)
      return fireTransition(started.id, 'issue_documents', tenderer)
    })
    await inDistrict('500238', () => clock.advance(20 * DAY))
    await inDistrict('500238', async () => {
      await fireTransition(trade.id, 'open_bids', operator)
      await fireTransition(trade.id, 'publish_candidates', tenderer)
    })
    await inDistrict('500238', () => clock.advance(7 * DAY))
    await inDistrict('500238', () =>
      fireTransition(trade.id, 'award', tenderer, { winner: '重庆示例建设工程有限公司' })
    )

    const ocid = `ocds-ggzy-500238-t${trade.id}`
    const response = await client.get(`/api/ocds/records/${ocid}`)
    response.assertStatus(200)
    const body = response.body()
    assert.deepEqual(ocdsErrors('record-package', body), [])
    const [record] = body.records
    assert.equal(record.ocid, ocid)
    assert.deepEqual(
      record.releases.map((r: any) => r.tag[0]),
      ['tender', 'award']
    )
    const compiled = record.compiledRelease
    assert.deepEqual(compiled.tag, ['compiled'])
    assert.equal(compiled.tender.title, '巫山污水管网工程 招标公告')
    assert.equal(compiled.awards[0].title, '巫山污水管网工程 成交结果公告')
    assert.equal(compiled.date, record.releases[1].date)
    assert.equal(compiled.tender.documents[0].documentType, 'tenderNotice')
    assert.equal(compiled.awards[0].documents[0].documentType, 'awardNotice')

    const missing = await client.get('/api/ocds/records/ocds-ggzy-500238-t999999999')
    missing.assertStatus(404)
    const bad = await client.get('/api/ocds/records/not-an-ocid')
    bad.assertStatus(422)
  })

  test('the release feed is a valid package, newest first, cursor-paged, with since', async ({
    client,
    assert,
  }) => {
    const published = []
    for (const [n, kind] of (['qualification', 'performance', 'change'] as const).entries()) {
      published.push(await publishIn('500240', { title: `武隆公告 ${n}`, kind }))
    }
    const mine = published.map((p) => p.releaseId)
    const since = published[0].publishedAt.toISOString()
    // Other tests publish too (some at a fast-forwarded clock): walk the whole feed
    const seen: Array<{ id: string; date: string }> = []
    let path: string | null = `/api/ocds/releases?limit=2&since=${since}`
    let pages = 0
    while (path && pages < 20) {
      const response: Awaited<ReturnType<typeof client.get>> = await client.get(path)
      response.assertStatus(200)
      assert.deepEqual(ocdsErrors('release-package', response.body()), [])
      assert.isAtMost(response.body().releases.length, 2)
      seen.push(...response.body().releases)
      const next: string | undefined = response.body().links?.next
      path = next ? `${new URL(next).pathname}${new URL(next).search}` : null
      pages++
    }
    assert.isAbove(pages, 1)
    assert.deepEqual(
      seen.map((r) => r.id).filter((id) => mine.includes(id)),
      [...mine].reverse()
    )
    const dates = seen.map((r) => r.date)
    assert.deepEqual(dates, [...dates].sort().reverse())
    assert.isTrue(dates.every((date) => date >= since))
    const tags = seen.filter((r: any) => mine.includes(r.id)).map((r: any) => r.tag[0])
    assert.deepEqual(tags, ['tenderUpdate', 'implementation', 'tenderUpdate'])

    const later = new Date(published[2].publishedAt.getTime() + 1000).toISOString()
    const after = await client.get(`/api/ocds/releases?since=${later}`)
    assert.isFalse(after.body().releases.some((r: any) => mine.includes(r.id)))
  })

  test('bad feed parameters are a 422 in the caller’s language', async ({ client, assert }) => {
    for (const query of ['since=yesterday', 'since=2026-02-30', 'limit=101', 'cursor=x']) {
      const response = await client.get(`/api/ocds/releases?${query}`)
      response.assertStatus(422)
      assert.isAbove(response.body().errors.length, 0, query)
    }
    const en = await client
      .get('/api/ocds/releases?since=2026-99-99')
      .header('accept-language', 'en')
    en.assertStatus(422)
    assert.equal(en.body().errors[0].message, 'since is not a valid time')
  })
})
