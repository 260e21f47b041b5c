import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { clock } from '#core/clock'
import { createAccount } from '#tests/helpers/accounts'
import { inTenant } from '#tests/helpers/bids'
import { randomUscc } from '#tests/helpers/identity'
import { fireTransition } from '#trading/engine/procedure_engine'
import { Award } from '../../app/actions/award.js'
import { AmendDocuments } from '../../app/actions/amend_documents.js'
import { TakeStep } from '../../app/actions/take_step.js'
import {
  CODE,
  DAY,
  deliver,
  enableConstructionBidding,
  inPublicity,
  isoIn,
  platformNow,
  sealedBids,
  tenderOnProject,
} from './fixtures.js'

/**
 * The timers of the procedure: the opening at the deadline (法 Art. 34,
 * 条例 Art. 44), and the contract the supervisor watches: not signed within
 * 30 days of the award, an alert on the supervisor's list (法 Art. 46).
 */
async function awardedTender() {
  const { tender, tenderer } = await tenderOnProject()
  const winner = { rank: 1, name: '按期建设有限公司', code: randomUscc(), price: 9_000_000 }
  await inPublicity(tender.tradeId, [winner])
  await inTenant(CODE, () => clock.advance(3 * DAY))
  await inTenant(CODE, () =>
    new Award(tenderer).handle(tender.tradeId, { winnerCode: winner.code })
  )
  return { tradeId: tender.tradeId, tenderer, winner }
}

/** Documents issued through the action that sets the opening timer; returns the deadline */
async function issued(bids: number) {
  const { tender, tenderer } = await tenderOnProject()
  const now = await platformNow()
  await inTenant(CODE, async () => {
    await fireTransition(tender.tradeId, 'publish_notice', tenderer)
    await new TakeStep(tenderer).handle(tender.tradeId, 'issue_documents', {
      saleEndsAt: isoIn(now, 5),
      bidDeadline: isoIn(now, 20),
    })
  })
  await sealedBids(tender.tradeId, bids)
  return { tradeId: tender.tradeId, tenderer, deadline: new Date(isoIn(now, 20)) }
}

const stateOf = async (tradeId: number) => {
  const trade = await inTenant(CODE, () => db.from('trades').where('id', tradeId).first())
  return trade.state as string
}

test.group('construction-bidding: the opening at the deadline', (group) => {
  group.setup(() => enableConstructionBidding())
  group.each.teardown(() => inTenant(CODE, () => clock.reset()))

  test('the system opens 3 bids at the deadline, and declares 2 a failed tender', async ({
    assert,
  }) => {
    const three = await issued(3)
    const two = await issued(2)
    await inTenant(CODE, () => clock.advance(20 * DAY + 60))
    assert.equal(
      await deliver(`cb-deadline-${three.tradeId}-${three.deadline.getTime()}`),
      'handled'
    )
    assert.equal(await deliver(`cb-deadline-${two.tradeId}-${two.deadline.getTime()}`), 'handled')
    assert.equal(await stateOf(three.tradeId), 'opening')
    assert.equal(await stateOf(two.tradeId), 'failed')
  })

  test('a deadline moved by an amendment: the old moment opens nothing, the new one does', async ({
    assert,
  }) => {
    const { tradeId, tenderer, deadline } = await issued(3)
    await inTenant(CODE, () => clock.advance(10 * DAY))
    const amended = await inTenant(CODE, () =>
      new AmendDocuments(tenderer).handle(tradeId, {
        kind: 'amendment',
        summary: '工期调整',
        affectsBids: true,
        moveDeadline: true,
      })
    )
    await inTenant(CODE, () => clock.advance(10 * DAY + 60))
    assert.equal(await deliver(`cb-deadline-${tradeId}-${deadline.getTime()}`), 'handled')
    assert.equal(await stateOf(tradeId), 'documents_issued')
    await inTenant(CODE, () => clock.advance(10 * DAY))
    const moved = amended.deadlineAfter!.getTime()
    assert.equal(await deliver(`cb-deadline-${tradeId}-${moved}`), 'handled')
    assert.equal(await stateOf(tradeId), 'opening')
  })
})

test.group('construction-bidding: the contract timer', (group) => {
  group.setup(() => enableConstructionBidding())
  group.each.teardown(() => inTenant(CODE, () => clock.reset()))

  test('no contract 30 days after the award: the supervisor sees an alert', async ({
    client,
    assert,
  }) => {
    const { tradeId } = await awardedTender()
    await inTenant(CODE, () => clock.advance(30 * DAY + 60))
    assert.equal(await deliver(`cb-contract_overdue-${tradeId}`), 'handled')

    const supervisor = await createAccount([
      { code: CODE, role: 'supervisor', categories: ['construction'] },
    ])
    const list = await client
      .get(`/t/${CODE}/construction-bidding/api/tenders`)
      .accept('json')
      .loginAs(supervisor)
    list.assertStatus(200)
    const alert = list.body().alerts.find((a: { tradeId: number }) => a.tradeId === tradeId)
    assert.equal(alert.kind, 'contract_overdue')
    // A bidder's list shows no supervision alerts
    const bidder = await createAccount([])
    const other = await client
      .get(`/t/${CODE}/construction-bidding/api/tenders`)
      .accept('json')
      .loginAs(bidder)
    other.assertStatus(403)
  })

  test('a contract signed in time raises no alert', async ({ assert }) => {
    const { tradeId, tenderer, winner } = await awardedTender()
    const signedOn = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(
      await inTenant(CODE, () => clock.now())
    )
    await inTenant(CODE, () =>
      fireTransition(tradeId, 'sign_contract', tenderer, { amount: winner.price, signedOn })
    )
    await inTenant(CODE, () => clock.advance(30 * DAY + 60))
    assert.equal(await deliver(`cb-contract_overdue-${tradeId}`), 'handled')
    const alerts = await inTenant(CODE, () => db.from('cb_alerts').where('trade_id', tradeId))
    assert.lengthOf(alerts, 0)
  })
})
