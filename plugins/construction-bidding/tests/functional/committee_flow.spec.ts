import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import type { Assert } from '@japa/assert'
import db from '@adonisjs/lucid/services/db'
import { clock } from '#core/clock'
import type Account from '#identity/models/account'
import { createAccount } from '#tests/helpers/accounts'
import { inTenant } from '#tests/helpers/bids'
import { randomIdCard, randomMobile, randomUscc } from '#tests/helpers/identity'
import { tenantScope } from '#tests/helpers/access'
import { ownSpecialty } from '#tests/helpers/expert_specialties'
import { enablePlugin } from '#tests/helpers/plugins'
import { withTenant } from '#tenancy/tenant_context'
import { CloseOpening, DecryptBid } from '#trading/sealed_bids/bids'
import { SYSTEM_ACTOR } from '#audit/audit_log'
import { unwrapBidKey } from '#trading/sealed_bids/bid_crypto'
import {
  CODE,
  DAY,
  deliver,
  depositsRecorded,
  enableConstructionBidding,
  isoIn,
  platformNow,
  tenderOnProject,
} from './fixtures.js'
import { fireTransition } from '#trading/engine/procedure_engine'
import { SubmitBid } from '#trading/sealed_bids/bids'
import { bidderAccount, sealPrice } from '#tests/helpers/bids'
import { newKeyFile } from '#trading/sealed_bids/bid_crypto'

/**
 * A whole public tender through the expert pool's committee, as the people
 * of each side call the API: experts drawn for the trade confirm, the
 * committee formed of the draw scores and signs; the candidates come from
 * its report, an objection pauses the publicity, the first-ranked wins, the
 * contract and performance are recorded, and the export says all of it.
 */
const EXPERTS = `/t/500000/expert-pool/api`
const POOL = `/t/${CODE}/expert-pool/api`
const TENDERS = `/t/${CODE}/construction-bidding/api/tenders`

function send(
  client: ApiClient,
  account: Account,
  url: string,
  body: Record<string, unknown> = {}
) {
  return client.post(url).json(body).accept('json').withCsrfToken().loginAs(account)
}

async function ok(request: PromiseLike<{ status(): number; body(): any }>, status = 200) {
  const response = await request
  if (response.status() !== status) {
    throw new Error(
      `expected ${status}, got ${response.status()}: ${JSON.stringify(response.body())}`
    )
  }
  return response.body()
}

/**
 * A tender at evaluation: three bids opened, `count` experts of its own
 * specialty drawn for the trade, each confirmed
 */
async function tenderAtEvaluation(client: ApiClient, assert: Assert, count: number) {
  const { tender, tenderer, account: owner } = await tenderOnProject()
  const tradeId = tender.tradeId
  const now = await platformNow()
  await inTenant(CODE, async () => {
    await fireTransition(tradeId, 'publish_notice', tenderer)
    await fireTransition(tradeId, 'issue_documents', tenderer, {
      saleEndsAt: isoIn(now, 5),
      bidDeadline: isoIn(now, 20),
    })
  })
  const bidders = []
  for (const price of [9_600_000, 9_200_000, 9_900_000]) {
    const bidder = await bidderAccount()
    const keyFile = newKeyFile()
    const sealed = await sealPrice(price, { keyFile })
    const actor = { accountId: bidder.account.id, label: 'bidder' }
    await depositsRecorded(tradeId, [bidder.entityId])
    await inTenant(CODE, () =>
      new SubmitBid({ actor, entityId: bidder.entityId }).handle(tradeId, sealed)
    )
    bidders.push({ ...bidder, actor, price, dataKey: await unwrapBidKey(sealed, { keyFile }) })
  }

  // Five experts of one specialty, each with an account
  const expertAdmin = await createAccount([{ code: '500000', role: 'expert_admin' }])
  const specialty = await ownSpecialty()
  const experts: Array<{ id: number; account: Account }> = []
  for (let i = 0; i < count; i++) {
    const account = await createAccount([], `评标专家${i + 1}`)
    const created = await ok(
      send(client, expertAdmin, `${EXPERTS}/experts`, {
        name: `评标专家${i + 1}`,
        idNumber: randomIdCard(),
        mobile: randomMobile(),
        employerUscc: randomUscc(),
        title: '高级工程师',
        titleLevel: 'deputy_senior',
        yearsInField: 12,
        specialtyCodes: [specialty],
        regionCodes: [CODE],
        busyDates: [],
        relativeEmployerUsccs: [],
        shareholdingUsccs: [],
      }),
      201
    )
    await ok(
      client
        .put(`${EXPERTS}/experts/${created.data.id}/account`)
        .json({ accountId: account.id })
        .accept('json')
        .withCsrfToken()
        .loginAs(expertAdmin)
    )
    experts.push({ id: created.data.id, account })
  }

  // The deadline passes; the centre opens, the bidders decrypt, the opening closes
  await inTenant(CODE, () => clock.advance(20 * DAY + 60))
  const operator = await createAccount([{ code: CODE, role: 'center_operator' }])
  const opened = await ok(send(client, operator, `${TENDERS}/${tradeId}/open`))
  assert.equal(opened.data.state, 'opening')
  for (const bidder of bidders) {
    await inTenant(CODE, () =>
      new DecryptBid({ actor: bidder.actor, entityId: bidder.entityId }).handle(
        tradeId,
        bidder.dataKey
      )
    )
  }
  await inTenant(CODE, () => new CloseOpening(SYSTEM_ACTOR).handle(tradeId))
  const evaluating = await ok(send(client, operator, `${TENDERS}/${tradeId}/evaluation`))
  assert.equal(evaluating.data.state, 'evaluating')

  // The draw for the trade; every drawn expert confirms
  const drawer = await createAccount([{ code: CODE, role: 'expert_drawer' }])
  const tomorrow = new Date(Date.now() + DAY * 1000).toISOString().slice(0, 10)
  const draw = await ok(
    send(client, drawer, `${POOL}/draws`, {
      tradeId,
      lines: [{ code: specialty, count }],
      reservePerLine: 0,
      regionCodes: [],
      supervisingUsccs: [],
      evaluationDate: tomorrow,
      fallbackToParent: false,
      maxDrawsPerTenderer: 100,
    }),
    201
  )
  await ok(send(client, drawer, `${POOL}/draws/${draw.data.id}/draw`))
  for (const expert of experts) {
    const invitations = await ok(
      client.get(`${POOL}/invitations`).accept('json').loginAs(expert.account)
    )
    const seat = invitations.data.find((s: { tradeId: number }) => s.tradeId === tradeId)
    await ok(send(client, expert.account, `${POOL}/seats/${seat.seatId}/confirm`))
  }

  return { tradeId, owner, bidders, experts, drawer }
}

/** The committee formed of the draw scores every bid, elects its chair and signs the report */
async function signedReport(
  client: ApiClient,
  tradeId: number,
  experts: Array<{ account: Account }>,
  drawer: Account
) {
  const evaluation = await inTenant(CODE, () =>
    db.from('expert_evaluations').where('trade_id', tradeId).firstOrFail()
  )
  await ok(
    send(client, drawer, `${POOL}/committees/${evaluation.id}`, { representatives: [] }),
    201
  )
  const members = await inTenant(CODE, () =>
    db.from('expert_committee_members').where('evaluation_id', evaluation.id).orderBy('id')
  )
  const base = `${POOL}/evaluations/${evaluation.id}`
  const bids = await inTenant(CODE, () => db.from('bids').where('trade_id', tradeId).orderBy('id'))
  for (const expert of experts)
    await ok(send(client, expert.account, `${base}/declaration`, { noConflict: true }))
  for (const expert of experts) {
    for (const [i, bid] of bids.entries()) {
      await ok(
        client
          .put(`${base}/verdicts/${bid.id}`)
          .json({ technical: 25 - i, commercial: 8 })
          .accept('json')
          .withCsrfToken()
          .loginAs(expert.account)
      )
    }
    await ok(
      send(client, expert.account, `${base}/chair-vote`, { memberId: Number(members[0].id) })
    )
  }
  for (const expert of experts) await ok(send(client, expert.account, `${base}/signature`))
}

test.group('construction-bidding: a tender through the committee', (group) => {
  group.setup(async () => {
    await enableConstructionBidding()
    const enabled = await withTenant(await tenantScope('500000'), () =>
      db.from('tenant_plugins').where({ plugin_id: 'expert-pool', enabled: true }).first()
    )
    if (!enabled) await enablePlugin('500000', 'expert-pool')
  })
  group.each.teardown(() => inTenant(CODE, () => clock.reset()))

  test('drawn experts score and sign; candidates, publicity, award, contract and performance follow', async ({
    client,
    assert,
  }) => {
    const { tradeId, owner, bidders, experts, drawer } = await tenderAtEvaluation(client, assert, 5)
    // Before the report is signed the candidates cannot be published
    const early = await send(client, owner, `${TENDERS}/${tradeId}/candidates`)
    early.assertStatus(422)
    await signedReport(client, tradeId, experts, drawer)

    // The candidates of the report, publicised; an objection pauses the publicity
    const publicity = await ok(send(client, owner, `${TENDERS}/${tradeId}/candidates`))
    assert.equal(publicity.data.state, 'publicity')
    const objector = bidders[2]
    await ok(
      send(client, objector.account, `${TENDERS}/${tradeId}/objections`, {
        stage: 'candidates',
        content: '第一名业绩证明不实',
      })
    )
    const paused = await ok(client.get(`${TENDERS}/${tradeId}`).accept('json').loginAs(owner))
    assert.equal(paused.data.state, 'publicity_objection')
    assert.deepEqual(paused.data.waiting, ['answer_objection'])
    await inTenant(CODE, () => clock.advance(1 * DAY))
    const objectionId = paused.data.objections[0].id
    await ok(
      send(client, owner, `${TENDERS}/${tradeId}/objections/${objectionId}/answer`, {
        answer: '经核查业绩属实',
      })
    )

    // Publicity runs 3 days plus the day of the pause: 3 days after publishing is too early
    await inTenant(CODE, () => clock.advance(2 * DAY))
    const exportOf = async () => {
      const body = await ok(
        client.get(`${TENDERS}/${tradeId}/export`).accept('json').loginAs(owner)
      )
      return body.data
    }
    const published = await exportOf()
    const shortened = await send(client, owner, `${TENDERS}/${tradeId}/award`, {
      winnerCode: published.GCJS_WIN_CANDIDATE[0].WIN_CANDIDATE_CODE,
    })
    shortened.assertStatus(422)
    await inTenant(CODE, () => clock.advance(1 * DAY))
    const sets = await exportOf()
    const [first, second] = sets.GCJS_WIN_CANDIDATE
    // State funds: the second-ranked cannot be chosen while the first stands
    const passedOver = await send(client, owner, `${TENDERS}/${tradeId}/award`, {
      winnerCode: second.WIN_CANDIDATE_CODE,
    })
    passedOver.assertStatus(422)
    const awarded = await ok(
      send(client, owner, `${TENDERS}/${tradeId}/award`, { winnerCode: first.WIN_CANDIDATE_CODE })
    )
    assert.equal(awarded.data.state, 'awarded')
    // Published the day the report was signed: its 3-day limit passed with nothing to say
    assert.equal(await deliver(`cb-candidates_late-${tradeId}`), 'handled')
    const alerts = await inTenant(CODE, () => db.from('cb_alerts').where('trade_id', tradeId))
    assert.lengthOf(alerts, 0)
    // Each bidder's letter: the winner's notice of award, the others' notice of the result
    const letters = []
    for (const bidder of bidders) {
      const view = await ok(
        client.get(`${TENDERS}/${tradeId}`).accept('json').loginAs(bidder.account)
      )
      letters.push(view.data.letter.kind)
    }
    assert.sameMembers(letters, ['award_notice', 'result_notice', 'result_notice'])

    const signedOn = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(
      await platformNow()
    )
    await ok(
      send(client, owner, `${TENDERS}/${tradeId}/steps/sign_contract`, {
        amount: Number(first.BID_PRICE),
        signedOn,
      })
    )
    await ok(
      send(client, owner, `${TENDERS}/${tradeId}/steps/record_performance`, {
        stage: '开工',
        description: '已于本月开工',
      })
    )
    const closed = await ok(
      send(client, owner, `${TENDERS}/${tradeId}/steps/complete_performance`, {
        summary: '竣工验收合格',
      })
    )
    assert.equal(closed.data.state, 'closed')

    const done = await exportOf()
    assert.lengthOf(done.GCJS_OPENING_RECORD, 3)
    assert.lengthOf(done.GCJS_WIN_CANDIDATE, 3)
    assert.equal(done.GCJS_RESULT_NOTICE[0].WIN_BIDDER_CODE, first.WIN_CANDIDATE_CODE)
    assert.deepEqual(
      done.GCJS_CONTRACT_PERFORMANCE.map((r: { RECORD_TYPE: string }) => r.RECORD_TYPE),
      ['sign_contract', 'record_performance', 'complete_performance']
    )
    const kinds = await inTenant(CODE, () =>
      db.from('announcements').where('trade_id', tradeId).orderBy('id').select('kind')
    )
    assert.includeMembers(
      kinds.map((k) => k.kind),
      ['trade_notice', 'deal', 'change', 'performance']
    )
  })

  test('a committee of 4 is not formed, and without its signed report no candidate is published', async ({
    client,
    assert,
  }) => {
    const { tradeId, owner, drawer } = await tenderAtEvaluation(client, assert, 4)
    const evaluation = await inTenant(CODE, () =>
      db.from('expert_evaluations').where('trade_id', tradeId).firstOrFail()
    )
    const four = await client
      .post(`${POOL}/committees/${evaluation.id}`)
      .json({ representatives: [] })
      .accept('json')
      .withCsrfToken()
      .loginAs(drawer)
    four.assertStatus(422)
    assert.include(four.body().errors[0].message, '5')
    const refused = await client
      .post(`${TENDERS}/${tradeId}/candidates`)
      .json({})
      .accept('json')
      .withCsrfToken()
      .loginAs(owner)
    refused.assertStatus(422)
    assert.equal(refused.body().errors[0].message, '评标委员会尚未签署评标报告')
  })
  test('candidates not published within 3 days of the signed report: the supervisor sees an alert', async ({
    client,
    assert,
  }) => {
    const { tradeId, experts, drawer } = await tenderAtEvaluation(client, assert, 5)
    await signedReport(client, tradeId, experts, drawer)
    await inTenant(CODE, () => clock.advance(3 * DAY + 60))
    assert.equal(await deliver(`cb-candidates_late-${tradeId}`), 'handled')

    const supervisor = await createAccount([
      { code: CODE, role: 'supervisor', categories: ['construction'] },
    ])
    const list = await ok(client.get(TENDERS).accept('json').loginAs(supervisor))
    const alerts = list.alerts.filter((a: { tradeId: number }) => a.tradeId === tradeId)
    assert.deepEqual(
      alerts.map((a: { kind: string }) => a.kind),
      ['candidates_late']
    )
  })
})
