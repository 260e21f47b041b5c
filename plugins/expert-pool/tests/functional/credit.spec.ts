import { test } from '@japa/runner'
import type { Job } from 'bullmq'
import db from '@adonisjs/lucid/services/db'
import { clock } from '#core/clock'
import { fireTimer } from '#jobs/timers'
import '#jobs/registry'
import { closeQueues, queue } from '#jobs/queues'
import { createAccount } from '#tests/helpers/accounts'
import { tenantScope } from '#tests/helpers/access'
import { inTenant } from '#tests/helpers/bids'
import { auditActions } from '#tests/helpers/identity'
import type Account from '#identity/models/account'
import type { ApiClient } from '@japa/api-client'
import { SUSPENSION_DAYS } from '../../app/expert_credit/credit.js'
import {
  API,
  CITY,
  ensurePluginEnabled,
  expertStatus,
  experts,
  fieldsOf,
  finishedEvaluation,
  openEvaluation,
  platformDate,
  sent,
  tradeWithOpenedBids,
} from './evaluation_fixtures.js'

function rate(client: ApiClient, account: Account, evaluationId: number, body: object) {
  return client
    .post(`${API}/evaluations/${evaluationId}/ratings`)
    .json(body)
    .accept('json')
    .withCsrfToken()
    .loginAs(account)
}

/** No worker runs here: the pushed job is fired by hand and its queue entry removed */
async function removeQueued(outboxId: number) {
  const queued = await queue('timers').getJobs(['delayed', 'waiting'])
  await Promise.all(
    queued.filter((job) => job.data?.outboxId === outboxId).map((job) => job.remove())
  )
}

async function statusName(expertId: number) {
  const row = await expertStatus(expertId)
  return row.status as string
}

async function timerRow(key: string) {
  return inTenant(CITY, () => db.from('outbox').where('dedupe_key', key).first())
}

test.group('expert-pool: expert credit', (group) => {
  group.setup(ensurePluginEnabled)
  group.teardown(() => closeQueues())

  test('ratings past the threshold suspend the expert until a date a timer ends', async ({
    client,
    assert,
  }) => {
    const tenderer = await createAccount([], '招标人经办')
    const supervisor = await createAccount([
      { code: CITY, role: 'supervisor', categories: ['construction'] },
    ])
    const stranger = await createAccount()
    const pool = await experts(5)
    const [poor, fair] = pool

    const { tradeId } = await tradeWithOpenedBids(['100'])
    const unfinished = await openEvaluation(
      { tradeId, method: 'lowest_evaluated_price', compositionRule: 'construction' },
      tenderer
    )
    const early = await rate(client, tenderer, unfinished, {
      raterKind: 'tenderer',
      expertId: poor.id,
      score: 1,
    })
    early.assertStatus(409)

    const first = await finishedEvaluation(pool, tenderer)
    const asTenderer = { raterKind: 'tenderer', expertId: poor.id, score: 1, comment: '迟到' }
    await sent(rate(client, stranger, first, asTenderer), 403)
    await sent(rate(client, tenderer, first, { ...asTenderer, raterKind: 'supervisor' }), 403)
    const outOfRange = await rate(client, tenderer, first, { ...asTenderer, score: 6 })
    outOfRange.assertStatus(422)
    assert.property(fieldsOf(outOfRange.body()), 'score')
    await sent(rate(client, tenderer, first, asTenderer), 201)
    const twice = await rate(client, tenderer, first, asTenderer)
    twice.assertStatus(422)
    assert.deepEqual(fieldsOf(twice.body()), { expertId: '您已评价过该专家' })
    const bySupervisor = { raterKind: 'supervisor', score: 2, comment: '评分偏离' }
    await sent(rate(client, supervisor, first, { ...bySupervisor, expertId: poor.id }), 201)
    await sent(rate(client, supervisor, first, { ...bySupervisor, expertId: fair.id }), 201)
    assert.equal(await statusName(poor.id), 'active', 'two bad ratings are not enough')

    const second = await finishedEvaluation(pool, tenderer)
    const third = await sent(
      rate(client, tenderer, second, { raterKind: 'tenderer', expertId: poor.id, score: 2 }),
      201
    )
    assert.include(third.body().data, { ratings: 3, badRatings: 3, suspend: true })

    const until = await platformDate(SUSPENSION_DAYS)
    const suspended = await expertStatus(poor.id)
    assert.equal(suspended.status, 'suspended')
    assert.equal(suspended.until, until)
    assert.match(suspended.status_reason, /信用评价触及阈值自动暂停/)
    assert.equal(await statusName(fair.id), 'active')
    const trail = await auditActions('expert', poor.id)
    assert.deepInclude(trail, { action: 'expert.suspend', actor_account_id: null })
    const timer = await timerRow(`expert-${poor.id}-status-until-${until}`)
    assert.equal(timer?.job_name, 'expert-pool.status_expiry')
    await removeQueued(timer.id)
  })

  test('a blacklisting with an end date ends by timer at the next Beijing midnight', async ({
    client,
    assert,
  }) => {
    const admin = await createAccount([{ code: CITY, role: 'expert_admin' }])
    const [expert] = await experts(1)
    const until = await platformDate(2)
    await sent(
      client
        .post(`${API}/experts/${expert.id}/blacklist`)
        .json({ reason: '私下接触投标人', until })
        .accept('json')
        .withCsrfToken()
        .loginAs(admin),
      200
    )
    const timer = await timerRow(`expert-${expert.id}-status-until-${until}`)
    assert.equal(timer.job_name, 'expert-pool.status_expiry')
    assert.equal(new Date(timer.run_at).toISOString(), new Date(`${until}T16:00:00Z`).toISOString())

    const delivery = { data: { outboxId: timer.id, scope: await tenantScope(CITY) } }
    const fire = () => fireTimer(delivery as unknown as Job)
    try {
      assert.equal(await fire(), 'early')
      assert.equal(await statusName(expert.id), 'blacklisted')

      await inTenant(CITY, () => clock.freeze(new Date(new Date(timer.run_at).getTime() + 1000)))
      assert.equal(await fire(), 'handled')
      assert.deepInclude(await expertStatus(expert.id), { status: 'active', until: null })
      const trail = await auditActions('expert', expert.id)
      assert.deepEqual(trail.at(-1), {
        action: 'expert.status_expire',
        actor_account_id: null,
      })
      assert.equal(await fire(), 'skipped')
    } finally {
      await inTenant(CITY, () => clock.reset())
      await removeQueued(timer.id)
    }
  })
})
