import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { createAccount } from '#tests/helpers/accounts'
import { inTenant } from '#tests/helpers/bids'
import { auditActions } from '#tests/helpers/identity'
import {
  API,
  CITY,
  decidedDraw,
  ensurePluginEnabled,
  experts,
  fieldsOf,
  liveMembers,
  memberApi,
  openEvaluation,
  outcomeOf,
  seatIds,
  sent,
  tradeWithOpenedBids,
} from './evaluation_fixtures.js'

test.group('expert-pool: evaluation', (group) => {
  group.setup(ensurePluginEnabled)

  test('comprehensive scoring: declaration, scores, a rejection, the chair, signatures, the outcome', async ({
    client,
    assert,
  }) => {
    const drawer = await createAccount([{ code: CITY, role: 'expert_drawer' }])
    const tenderer = await createAccount([], '招标人经办')
    const { tradeId, bids } = await tradeWithOpenedBids(['1000000', '800000', '900000'])
    const [high, low, middle] = bids
    const evaluationId = await openEvaluation(
      {
        tradeId,
        method: 'comprehensive_scoring',
        compositionRule: 'construction',
        weights: { price: 30, technical: 50, commercial: 20 },
        candidateCount: 2,
      },
      tenderer
    )
    const pool = await experts(5)
    await decidedDraw(
      tradeId,
      pool.map((expert) => expert.id)
    )
    const formed = await client
      .post(`${API}/committees/${evaluationId}`)
      .json({ representatives: [] })
      .accept('json')
      .withCsrfToken()
      .loginAs(drawer)
    formed.assertStatus(201)
    const seats = await seatIds(evaluationId)
    const members = pool.map((expert) => memberApi(client, evaluationId, expert.account))
    const chairSeat = seats.get(pool[0].account.id)!

    // Nothing of the bids before the declaration
    const early = await members[0].sheet()
    early.assertStatus(403)
    assert.deepEqual(fieldsOf(early.body()), { declaration: '请先确认无利害关系声明' })
    await sent(members[0].verdict(high.bidId, { technical: 40, commercial: 10 }), 403)
    const unconfirmed = await members[0].declare({})
    unconfirmed.assertStatus(422)
    assert.property(fieldsOf(unconfirmed.body()), 'noConflict')
    const stranger = await createAccount()
    await sent(memberApi(client, evaluationId, stranger).declare(), 404)

    for (const member of members) await sent(member.declare(), 200)
    const sheet = await members[0].sheet()
    sheet.assertStatus(200)
    assert.deepEqual(
      sheet.body().data.bids.map((bid: { bidId: number; price: string }) => [bid.bidId, bid.price]),
      bids.map((bid) => [bid.bidId, bid.price])
    )
    assert.lengthOf(sheet.body().data.rejectReasons, 9)

    const aboveWeight = await members[0].verdict(high.bidId, { technical: 51, commercial: 10 })
    aboveWeight.assertStatus(422)
    assert.deepEqual(fieldsOf(aboveWeight.body()), { technical: '评分不得超过该项权重分值50' })
    const badReason = await members[0].verdict(high.bidId, { rejectReason: 'too_expensive' })
    badReason.assertStatus(422)
    assert.property(fieldsOf(badReason.body()), 'rejectReason')

    for (const [i, member] of members.entries()) {
      await sent(member.verdict(high.bidId, { technical: 45, commercial: 18 }), 200)
      await sent(member.verdict(middle.bidId, { technical: 40, commercial: 16 }), 200)
      // Three of five reject the lowest price as below cost: a majority
      const onLow = i < 3 ? { rejectReason: 'below_cost' } : { technical: 30, commercial: 15 }
      await sent(member.verdict(low.bidId, onLow), 200)
    }

    // No chair yet: nobody signs
    const unchaired = await members[0].sign()
    unchaired.assertStatus(409)
    assert.deepEqual(fieldsOf(unchaired.body()), { chair: '尚未选出评标委员会主任委员' })
    for (const member of members.slice(0, 3)) await sent(member.voteChair(chairSeat), 200)
    for (const member of members.slice(3)) {
      await sent(member.voteChair(seats.get(pool[4].account.id)!), 200)
    }
    const elected = await members[4].sheet()
    assert.equal(elected.body().data.chair, chairSeat)

    for (const member of members.slice(0, 4)) {
      await sent(member.sign(), 200)
      assert.isNull(await outcomeOf(tradeId), 'no outcome until every member has signed')
    }
    const signedTwice = await members[0].verdict(high.bidId, { technical: 44, commercial: 18 })
    signedTwice.assertStatus(409)
    await sent(members[4].sign(), 200)

    const outcome = await outcomeOf(tradeId)
    // Benchmark: the lowest valid price, 900000 (the rejected 800000 does not count)
    // 1000000: 27.00 + 45 + 18 = 90.00; 900000: 30.00 + 40 + 16 = 86.00
    assert.deepEqual(outcome?.candidates, [
      {
        bidId: high.bidId,
        entityId: high.entityId,
        rank: 1,
        score: '90.00',
        evaluatedPrice: '1000000.00',
      },
      {
        bidId: middle.bidId,
        entityId: middle.entityId,
        rank: 2,
        score: '86.00',
        evaluatedPrice: '900000.00',
      },
    ])
    assert.deepEqual(outcome?.rejected, [
      {
        bidId: low.bidId,
        entityId: low.entityId,
        reasonCode: 'below_cost',
        reason: '投标报价低于成本',
      },
    ])
    assert.sameMembers(
      outcome!.signedBy,
      pool.map((expert) => expert.id)
    )
    await sent(members[1].verdict(high.bidId, { technical: 1, commercial: 1 }), 409)

    const english = await client
      .get(`/api/v1${API}/evaluations/${evaluationId}/sheet`)
      .header('accept-language', 'en')
      .loginAs(pool[0].account)
    assert.equal(
      english.body().data.evaluation.outcome.rejected[0].reason,
      'The price is below cost'
    )

    const trail = await auditActions('expert_evaluation', evaluationId)
    const actions = trail.map((a) => a.action)
    assert.equal(actions.filter((a) => a === 'evaluation.declare_no_conflict').length, 5)
    assert.equal(actions.filter((a) => a === 'evaluation.verdict').length, 15)
    assert.equal(actions.filter((a) => a === 'evaluation.chair_vote').length, 5)
    assert.equal(actions.filter((a) => a === 'evaluation.sign').length, 5)
    assert.equal(actions.at(-1), 'evaluation.final')
  })

  test("lowest evaluated price; a replaced member's verdicts are void and signatures are taken back", async ({
    client,
    assert,
  }) => {
    const drawer = await createAccount([{ code: CITY, role: 'expert_drawer' }])
    const { tradeId, bids } = await tradeWithOpenedBids(['100000', '95000', '99000'])
    const [first, second, third] = bids
    const evaluationId = await openEvaluation({
      tradeId,
      method: 'lowest_evaluated_price',
      compositionRule: 'construction',
    })
    const pool = await experts(6)
    await decidedDraw(
      tradeId,
      pool.slice(0, 5).map((expert) => expert.id)
    )
    await sent(
      client
        .post(`${API}/committees/${evaluationId}`)
        .json({ representatives: [] })
        .accept('json')
        .withCsrfToken()
        .loginAs(drawer),
      201
    )
    const seats = await seatIds(evaluationId)
    const chairSeat = seats.get(pool[0].account.id)!
    const api = pool.map((expert) => memberApi(client, evaluationId, expert.account))
    const fair = async (member: (typeof api)[number]) => {
      for (const bid of bids) {
        await sent(member.verdict(bid.bidId, { evaluatedPrice: Number(bid.price) }), 200)
      }
    }

    for (const member of api.slice(0, 5)) {
      await sent(member.declare(), 200)
      await sent(member.voteChair(chairSeat), 200)
    }
    for (const member of api.slice(0, 4)) await fair(member)
    // The member about to leave loads the cheapest bid and rejects the first
    await sent(api[4].verdict(second.bidId, { evaluatedPrice: 500000 }), 200)
    await sent(api[4].verdict(third.bidId, { evaluatedPrice: 99000 }), 200)
    await sent(api[4].verdict(first.bidId, { rejectReason: 'non_responsive' }), 200)
    await sent(api[0].sign(), 200)

    // The replacement comes from a top-up draw of the same trade
    const leaving = seats.get(pool[4].account.id)!
    const notDrawn = await client
      .post(`${API}/committees/${evaluationId}/members/${leaving}/replace`)
      .json({ reason: 'health', expertId: pool[5].id })
      .accept('json')
      .withCsrfToken()
      .loginAs(drawer)
    notDrawn.assertStatus(422)
    await decidedDraw(tradeId, [pool[5].id])
    const badReason = await client
      .post(`${API}/committees/${evaluationId}/members/${leaving}/replace`)
      .json({ reason: 'bored', expertId: pool[5].id })
      .accept('json')
      .withCsrfToken()
      .loginAs(drawer)
    badReason.assertStatus(422)
    const replaced = await client
      .post(`${API}/committees/${evaluationId}/members/${leaving}/replace`)
      .json({ reason: 'health', expertId: pool[5].id })
      .accept('json')
      .withCsrfToken()
      .loginAs(drawer)
    replaced.assertStatus(200)

    const rows = await liveMembers(evaluationId)
    const voided = rows.find((row) => Number(row.id) === leaving)!
    assert.equal(voided.void_reason, 'health')
    assert.isNotNull(voided.voided_at)
    const kept = await inTenant(CITY, () =>
      db.from('expert_bid_verdicts').where('member_id', leaving).count('* as n').first()
    )
    assert.equal(Number(kept!.n), 3, "the replaced member's verdicts stay on record")
    await sent(api[4].sheet(), 404)
    const chairSheet = await api[0].sheet()
    assert.isFalse(chairSheet.body().data.me.signed, 'the signature given before is taken back')

    await sent(api[5].declare(), 200)
    await fair(api[5])
    await sent(api[5].voteChair(chairSeat), 200)
    for (const member of [...api.slice(0, 4), api[5]]) {
      assert.isNull(await outcomeOf(tradeId))
      await sent(member.sign(), 200)
    }
    const outcome = await outcomeOf(tradeId)
    assert.deepEqual(
      outcome?.candidates.map((c) => [c.bidId, c.rank, c.evaluatedPrice, c.score]),
      [
        [second.bidId, 1, '95000.00', null],
        [third.bidId, 2, '99000.00', null],
        [first.bidId, 3, '100000.00', null],
      ]
    )
    assert.deepEqual(outcome?.rejected, [])
    assert.notInclude(outcome!.signedBy, pool[4].id)
    assert.include(outcome!.signedBy, pool[5].id)

    // A signed report is final: nobody is replaced afterwards
    const late = await client
      .post(`${API}/committees/${evaluationId}/members/${seats.get(pool[1].account.id)}/replace`)
      .json({ reason: 'left_post', expertId: pool[5].id })
      .accept('json')
      .withCsrfToken()
      .loginAs(drawer)
    late.assertStatus(409)
    assert.deepEqual(fieldsOf(late.body()), { evaluation: '评标报告已经签署完毕，不能再更改' })
  })

  test('the chair is elected by a majority; a purchaser representative cannot chair a GP panel', async ({
    client,
    assert,
  }) => {
    const drawer = await createAccount([{ code: CITY, role: 'expert_drawer' }])
    const { tradeId, bids } = await tradeWithOpenedBids(['100'])
    const evaluationId = await openEvaluation({
      tradeId,
      method: 'lowest_evaluated_price',
      compositionRule: 'gp_inquiry',
    })
    const pool = await experts(2)
    const representative = await createAccount([], '采购人代表')
    await decidedDraw(
      tradeId,
      pool.map((expert) => expert.id)
    )
    await sent(
      client
        .post(`${API}/committees/${evaluationId}`)
        .json({ representatives: [representative.id] })
        .accept('json')
        .withCsrfToken()
        .loginAs(drawer),
      201
    )
    const seats = await seatIds(evaluationId)

    // The expert's pages: the list, then the sheet, which shows no bid before the declaration
    const list = await client
      .get(`/t/${CITY}/expert-pool/evaluations`)
      .withInertia()
      .loginAs(pool[0].account)
    list.assertInertiaComponent('expert-pool/evaluations')
    assert.deepInclude((list.inertiaProps as any).data, {
      id: evaluationId,
      declared: false,
      signed: false,
      void: false,
      final: false,
      method: 'lowest_evaluated_price',
      tradeTitle: (list.inertiaProps as any).data[0].tradeTitle,
    })
    const before = await client
      .get(`/t/${CITY}/expert-pool/evaluations/${evaluationId}`)
      .withInertia()
      .loginAs(pool[0].account)
    before.assertInertiaComponent('expert-pool/evaluation')
    const props = before.inertiaProps as any
    assert.isFalse(props.me.declared)
    assert.deepEqual(props.bids, [])
    assert.match(props.declarationText, /利害关系/)
    await sent(
      client
        .get(`/t/${CITY}/expert-pool/evaluations/${evaluationId}`)
        .withInertia()
        .loginAs(drawer),
      404
    )

    const accounts = [...pool.map((expert) => expert.account), representative]
    const api = accounts.map((account) => memberApi(client, evaluationId, account))
    for (const member of api) {
      await sent(member.declare(), 200)
      await sent(member.verdict(bids[0].bidId, { evaluatedPrice: 100 }), 200)
    }
    const barred = await api[0].voteChair(seats.get(representative.id)!)
    barred.assertStatus(422)
    assert.deepEqual(fieldsOf(barred.body()), { memberId: '采购人代表不得担任评审小组组长' })

    // One vote each: no majority
    await sent(api[0].voteChair(seats.get(pool[0].account.id)!), 200)
    await sent(api[1].voteChair(seats.get(pool[1].account.id)!), 200)
    await sent(api[0].sign(), 409)
    // Two of three
    const decided = await api[2].voteChair(seats.get(pool[1].account.id)!)
    assert.equal(decided.body().data.chair, seats.get(pool[1].account.id))
    for (const member of api) await sent(member.sign(), 200)
    const outcome = await outcomeOf(tradeId)
    assert.deepEqual(outcome?.signedBy.sort(), pool.map((expert) => expert.id).sort())
  })
})
