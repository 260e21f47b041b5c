import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import db from '@adonisjs/lucid/services/db'
import type Account from '#identity/models/account'
import { createEntityOwner } from '#tests/helpers/accounts'
import { randomUscc } from '#tests/helpers/identity'
import { projectBody } from '#tests/helpers/projects'
import { newKeyFile } from '#trading/sealed_bids/bid_crypto'
import { sealPrice, submitSealed } from '#tests/helpers/bids'
import { CODE, enableConstructionBidding, isoIn, platformNow } from './fixtures.js'

/**
 * An agency (招标代理机构) named by the tender acts for the tenderer: its
 * members take the tenderer's steps on that tender; members of any other
 * entity do not. The agency must be a registered market entity, and does
 * not bid in the tender it acts for.
 */
const API = `/api/v1/t/${CODE}/construction-bidding/api/tenders`

const codeOf = async (entityId: number) => {
  const entity = await db.connection('owner').from('market_entities').where('id', entityId).first()
  return entity.code as string
}

function post(client: ApiClient, account: Account, url: string, body: object, language = 'zh-CN') {
  return client
    .post(url)
    .json(body)
    .accept('json')
    .header('accept-language', language)
    .withCsrfToken()
    .loginAs(account)
}

async function registered(client: ApiClient, agencyCode: string, language = 'zh-CN') {
  const { account } = await createEntityOwner('万州代理示例业主有限公司')
  const project = await post(client, account, `/api/v1/t/${CODE}/projects`, projectBody(CODE))
  project.assertStatus(201)
  return post(
    client,
    account,
    API,
    {
      projectId: project.body().data.id,
      title: '万州区沙龙路改造工程施工招标',
      sectionName: '施工一标段',
      tenderMode: 'public',
      prequalification: false,
      content: '道路改造',
      estimate: '5000000.00',
      deposit: '0.00',
      evaluationMethod: 'lowest_evaluated_price',
      tendererRepresentatives: 0,
      agencyCode,
    },
    language
  )
}

test.group('construction-bidding: an agency acting for the tenderer', (group) => {
  group.setup(() => enableConstructionBidding())

  test("the named agency's member takes the tenderer's steps; another entity's member may not", async ({
    client,
    assert,
  }) => {
    const agency = await createEntityOwner('万州招标代理示例有限公司')
    const tender = await registered(client, await codeOf(agency.entity.id))
    tender.assertStatus(201)
    const tradeId = tender.body().data.id

    const stranger = await createEntityOwner('万州无关单位有限公司')
    const refused = await post(
      client,
      stranger.account,
      `${API}/${tradeId}/steps/publish_notice`,
      {}
    )
    refused.assertStatus(403)
    assert.equal(refused.body().errors[0].rule, 'trading.errors.wrong_actor')

    const view = await client.get(`${API}/${tradeId}`).accept('json').loginAs(agency.account)
    assert.equal(view.body().data.party, 'tenderer')
    // The agency's list shows what waits for it on the tender
    const list = await client.get(API).accept('json').loginAs(agency.account)
    const listed = list.body().tenders.find((t: { id: number }) => t.id === tradeId)
    assert.deepEqual(listed.waiting, ['publish_notice'])
    const published = await post(
      client,
      agency.account,
      `${API}/${tradeId}/steps/publish_notice`,
      {}
    )
    published.assertStatus(200)
    assert.equal(published.body().data.state, 'notice_published')
    const now = await platformNow()
    const issued = await post(client, agency.account, `${API}/${tradeId}/steps/issue_documents`, {
      saleEndsAt: isoIn(now, 5),
      bidDeadline: isoIn(now, 20),
    })
    issued.assertStatus(200)
    // The data-spec export names the agency and a commissioned tender (委托招标)
    const exported = await client
      .get(`${API}/${tradeId}/export`)
      .accept('json')
      .loginAs(agency.account)
    const [tenderProject] = exported.body().data.GCJS_TENDER_PROJECT
    assert.equal(tenderProject.TENDER_ORGANIZE_FORM, '2')
    assert.equal(tenderProject.TENDER_AGENCY_CODE, await codeOf(agency.entity.id))
    assert.equal(tenderProject.TENDER_AGENCY_NAME, '万州招标代理示例有限公司')

    // The agency never bids in the tender it acts for (条例 Art. 13)
    const sealed = await sealPrice(4_000_000, { keyFile: newKeyFile() })
    const ownBid = await submitSealed(client, agency.account, CODE, tradeId, sealed)
    ownBid.assertStatus(403)
    assert.equal(ownBid.body().errors[0].rule, 'construction_bidding.errors.agency_bids')
  })

  test('an agency that is no registered market entity is refused, in the asked language', async ({
    client,
    assert,
  }) => {
    const unknown = await registered(client, randomUscc(), 'en')
    unknown.assertStatus(422)
    assert.equal(unknown.body().errors[0].field, 'agencyCode')
    assert.include(unknown.body().errors[0].message, 'the agency must be one')
    const zh = await registered(client, randomUscc())
    zh.assertStatus(422)
    assert.include(zh.body().errors[0].message, '招标代理机构须为本平台已注册的市场主体')
  })
})
