import { test } from '@japa/runner'
import type { Job } from 'bullmq'
import db from '@adonisjs/lucid/services/db'
import { clock } from '#core/clock'
import { fireTimer } from '#jobs/timers'
import '#jobs/registry'
import { createAccount } from '#tests/helpers/accounts'
import { inTenant } from '#tests/helpers/bids'
import { tenantScope } from '#tests/helpers/access'
import { randomUscc } from '#tests/helpers/identity'
import { fireTransition } from '#trading/engine/procedure_engine'
import { Award } from '../../app/actions/award.js'
import { CODE, DAY, enableConstructionBidding, inPublicity, tenderOnProject } from './fixtures.js'

/**
 * The legal time limits the supervisor watches: a contract not signed within
 * 30 days of the award raises an alert on the supervisor's list; one signed
 * in time raises none (法 Art. 46).
 */
async function deliver(dedupeKey: string) {
  const scope = await tenantScope(CODE)
  const row = await inTenant(CODE, () => db.from('outbox').where('dedupe_key', dedupeKey).first())
  const job = { data: { outboxId: Number(row.id), scope } } as unknown as Job
  return fireTimer(job as any)
}

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

test.group('construction-bidding: the contract timer', (group) => {
  group.setup(() => enableConstructionBidding())
  group.each.teardown(() => inTenant(CODE, () => clock.reset()))

  test('no contract 30 days after the award: the supervisor sees an alert', async ({
    client,
    assert,
  }) => {
    const { tradeId } = await awardedTender()
    await inTenant(CODE, () => clock.advance(30 * DAY + 60))
    assert.equal(await deliver(`cb-contract-${tradeId}`), 'handled')

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
    assert.equal(await deliver(`cb-contract-${tradeId}`), 'handled')
    const alerts = await inTenant(CODE, () => db.from('cb_alerts').where('trade_id', tradeId))
    assert.lengthOf(alerts, 0)
  })
})
