import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import db from '@adonisjs/lucid/services/db'
import { clock } from '#core/clock'
import type Account from '#identity/models/account'
import { createAccount } from '#tests/helpers/accounts'
import { bidderAccount, inTenant, sealPrice, submitSealed } from '#tests/helpers/bids'
import { newKeyFile } from '#trading/sealed_bids/bid_crypto'
import { fireTransition } from '#trading/engine/procedure_engine'
import type { RegisterTenderInput } from '../../app/actions/register_tender.js'
import { CODE, enableConstructionBidding, isoIn, platformNow, tenderOnProject } from './fixtures.js'

/**
 * A tender that demands a bid deposit (投标保证金, 条例 Art. 26) admits only
 * the bidders whose deposit the centre recorded as received; a tender
 * without one admits every bidder.
 */
async function tenderInBidding(overrides: Partial<RegisterTenderInput> = {}) {
  const { tender, tenderer } = await tenderOnProject(overrides)
  const now = await platformNow()
  await inTenant(CODE, async () => {
    await fireTransition(tender.tradeId, 'publish_notice', tenderer)
    await fireTransition(tender.tradeId, 'issue_documents', tenderer, {
      saleEndsAt: isoIn(now, 5),
      bidDeadline: isoIn(now, 20),
    })
  })
  return tender.tradeId
}

async function bid(client: ApiClient, account: Account, tradeId: number, language = 'zh-CN') {
  const sealed = await sealPrice(9_000_000, { keyFile: newKeyFile() })
  return submitSealed(client, account, CODE, tradeId, sealed).header('accept-language', language)
}

test.group('construction-bidding: bid deposits', (group) => {
  group.setup(() => enableConstructionBidding())
  group.each.teardown(() => inTenant(CODE, () => clock.reset()))

  test('without the recorded deposit a bid is refused, naming the deposit; once recorded it is accepted', async ({
    client,
    assert,
  }) => {
    const tradeId = await tenderInBidding({ deposit: '200000.00' })
    const bidder = await bidderAccount()

    const refused = await bid(client, bidder.account, tradeId)
    refused.assertStatus(403)
    assert.equal(
      refused.body().errors[0].message,
      '本项目要求缴纳投标保证金 200000.00 元，交易中心尚未登记贵单位的投标保证金到账，暂不能投标'
    )
    const inEnglish = await bid(client, bidder.account, tradeId, 'en')
    inEnglish.assertStatus(403)
    assert.include(inEnglish.body().errors[0].message, 'bid deposit of 200000.00 yuan')
    const none = await inTenant(CODE, () => db.from('bids').where('trade_id', tradeId))
    assert.lengthOf(none, 0)

    // The centre records the deposit as received; the same bidder may now bid
    const entity = await db
      .connection('owner')
      .from('market_entities')
      .where('id', bidder.entityId)
      .first()
    const centre = await createAccount([{ code: CODE, role: 'center_operator' }])
    const recorded = await client
      .post(`/t/${CODE}/construction-bidding/api/tenders/${tradeId}/deposits`)
      .json({ entityCode: entity.code, fromBasicAccount: true })
      .accept('json')
      .withCsrfToken()
      .loginAs(centre)
    recorded.assertStatus(200)
    const accepted = await bid(client, bidder.account, tradeId)
    accepted.assertStatus(201)
  })

  test('a tender without a deposit admits every bidder', async ({ client }) => {
    const tradeId = await tenderInBidding({ deposit: '0.00' })
    const bidder = await bidderAccount()
    const accepted = await bid(client, bidder.account, tradeId)
    accepted.assertStatus(201)
  })
})
