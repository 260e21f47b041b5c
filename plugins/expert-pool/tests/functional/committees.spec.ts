import { test } from '@japa/runner'
import { createAccount } from '#tests/helpers/accounts'
import { auditActions } from '#tests/helpers/identity'
import {
  API,
  CITY,
  decidedDraw,
  ensurePluginEnabled,
  experts,
  fieldsOf,
  liveMembers,
  openEvaluation,
  tradeWithOpenedBids,
} from './evaluation_fixtures.js'

test.group('expert-pool: committee composition', (group) => {
  group.setup(ensurePluginEnabled)

  test('a construction committee that breaks the rules is not formed; a lawful one is', async ({
    client,
    assert,
  }) => {
    const drawer = await createAccount([{ code: CITY, role: 'expert_drawer' }])
    const { tradeId } = await tradeWithOpenedBids(['100'])
    const evaluationId = await openEvaluation({
      tradeId,
      method: 'lowest_evaluated_price',
      compositionRule: 'construction',
    })
    const pool = await experts(6)
    const representative = await createAccount([], '招标人代表')
    const other = await createAccount([], '招标人代表二')
    const form = (representatives: number[], language?: string) => {
      const request = client
        .post(`${language ? '/api/v1' : ''}${API}/committees/${evaluationId}`)
        .json({ representatives })
        .withCsrfToken()
        .loginAs(drawer)
      return language ? request.header('accept-language', language) : request.accept('json')
    }

    const noDraw = await form([])
    noDraw.assertStatus(409)

    // Four members
    await decidedDraw(
      tradeId,
      pool.slice(0, 4).map((expert) => expert.id)
    )
    const four = await form([])
    four.assertStatus(422)
    assert.deepEqual(fieldsOf(four.body()), { members: '评标委员会成员人数应为5人以上单数' })

    // Six members: an even count
    await decidedDraw(
      tradeId,
      pool.slice(0, 5).map((expert) => expert.id)
    )
    const even = await form([representative.id])
    even.assertStatus(422)
    assert.deepEqual(fieldsOf(even.body()), { members: '评标委员会成员人数应为单数' })

    // Three experts of five members: fewer than two thirds
    await decidedDraw(
      tradeId,
      pool.slice(0, 3).map((expert) => expert.id)
    )
    const fewExperts = await form([representative.id, other.id])
    fewExperts.assertStatus(422)
    assert.deepEqual(fieldsOf(fewExperts.body()), {
      members: '技术、经济等方面的专家不得少于成员总数的三分之二',
    })
    // The API in English
    const english = await form([representative.id, other.id], 'en')
    english.assertStatus(422)
    assert.deepEqual(fieldsOf(english.body()), {
      members: 'Experts must be at least two thirds of the members',
    })
    assert.lengthOf(await liveMembers(evaluationId), 0, 'nothing of a refused committee is kept')

    // Four experts and one representative: lawful
    await decidedDraw(
      tradeId,
      pool.slice(2, 6).map((expert) => expert.id)
    )
    const formed = await form([representative.id])
    formed.assertStatus(201)
    assert.lengthOf(formed.body().data.members, 5)
    assert.deepEqual(
      formed.body().data.members.map((member: { kind: string }) => member.kind),
      ['expert', 'expert', 'expert', 'expert', 'tenderer_representative']
    )
    const again = await form([representative.id])
    again.assertStatus(409)
    assert.deepEqual(await auditActions('expert_evaluation', evaluationId), [
      { action: 'evaluation.open', actor_account_id: null },
      { action: 'evaluation.committee_form', actor_account_id: drawer.id },
    ])
  })

  test('a government procurement panel follows its method', async ({ client, assert }) => {
    const drawer = await createAccount([{ code: CITY, role: 'expert_drawer' }])
    const { tradeId } = await tradeWithOpenedBids(['100'])
    const evaluationId = await openEvaluation({
      tradeId,
      method: 'lowest_evaluated_price',
      compositionRule: 'gp_inquiry',
    })
    const pool = await experts(3)
    const representative = await createAccount([], '采购人代表')

    await decidedDraw(
      tradeId,
      pool.slice(0, 1).map((expert) => expert.id)
    )
    const tooFew = await client
      .post(`${API}/committees/${evaluationId}`)
      .json({ representatives: [representative.id] })
      .accept('json')
      .withCsrfToken()
      .loginAs(drawer)
    tooFew.assertStatus(422)
    assert.deepEqual(fieldsOf(tooFew.body()), { members: '评审小组成员人数应为3人以上单数' })

    // Three for an inquiry is enough; open tenders would need five
    await decidedDraw(
      tradeId,
      pool.slice(0, 2).map((expert) => expert.id)
    )
    const formed = await client
      .post(`${API}/committees/${evaluationId}`)
      .json({ representatives: [representative.id] })
      .accept('json')
      .withCsrfToken()
      .loginAs(drawer)
    formed.assertStatus(201)
  })

  test('only the drawing side forms a committee; the supervisor reads it', async ({
    client,
    assert,
  }) => {
    const { tradeId } = await tradeWithOpenedBids(['100'])
    const evaluationId = await openEvaluation({
      tradeId,
      method: 'lowest_evaluated_price',
      compositionRule: 'construction',
    })
    const pool = await experts(5)
    await decidedDraw(
      tradeId,
      pool.map((expert) => expert.id)
    )
    const stranger = await createAccount()
    const supervisor = await createAccount([
      { code: CITY, role: 'supervisor', categories: ['construction'] },
    ])
    for (const account of [stranger, supervisor]) {
      const refused = await client
        .post(`${API}/committees/${evaluationId}`)
        .json({ representatives: [] })
        .accept('json')
        .withCsrfToken()
        .loginAs(account)
      refused.assertStatus(403)
    }
    const view = await client
      .get(`${API}/committees/${evaluationId}`)
      .accept('json')
      .loginAs(supervisor)
    view.assertStatus(200)
    assert.isFalse(view.body().data.formed)
    const hidden = await client
      .get(`${API}/committees/${evaluationId}`)
      .accept('json')
      .loginAs(stranger)
    hidden.assertStatus(403)
  })

  test('the capability refuses a second opening and bad weights', async ({ assert }) => {
    const { tradeId } = await tradeWithOpenedBids(['100'])
    await assert.rejects(
      () =>
        openEvaluation({
          tradeId,
          method: 'comprehensive_scoring',
          compositionRule: 'construction',
          weights: { price: 30, technical: 50, commercial: 30 },
        }),
      /expert_committee.errors.weights/
    )
    await openEvaluation({
      tradeId,
      method: 'lowest_evaluated_price',
      compositionRule: 'construction',
    })
    await assert.rejects(
      () =>
        openEvaluation({
          tradeId,
          method: 'lowest_evaluated_price',
          compositionRule: 'construction',
        }),
      /expert_committee.errors.already_open/
    )
  })
})
