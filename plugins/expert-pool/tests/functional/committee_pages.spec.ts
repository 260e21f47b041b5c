import { test } from '@japa/runner'
import { createAccount } from '#tests/helpers/accounts'
import {
  API,
  CITY,
  decidedDraw,
  ensurePluginEnabled,
  experts,
  fieldsOf,
  finishedEvaluation,
  openEvaluation,
  tradeWithOpenedBids,
} from './evaluation_fixtures.js'

const PAGES = `/t/${CITY}/expert-pool`

test.group('expert-pool: committee and rating pages', (group) => {
  group.setup(ensurePluginEnabled)

  test('the drawer manages the committee page, the supervisor reads it, others are refused', async ({
    client,
    assert,
  }) => {
    const drawer = await createAccount([{ code: CITY, role: 'expert_drawer' }])
    const supervisor = await createAccount([
      { code: CITY, role: 'supervisor', categories: ['construction'] },
    ])
    const stranger = await createAccount()
    const { tradeId } = await tradeWithOpenedBids(['100'])
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
    const formed = await client
      .post(`${API}/committees/${evaluationId}`)
      .json({ representatives: [] })
      .accept('json')
      .withCsrfToken()
      .loginAs(drawer)
    formed.assertStatus(201)
    // A later top-up draw brings the sixth expert, who may step in
    await decidedDraw(
      tradeId,
      pool.map((expert) => expert.id)
    )

    const list = await client.get(`${PAGES}/committees`).withInertia().loginAs(drawer)
    list.assertStatus(200)
    assert.include(
      (list.inertiaProps as any).committees.map((line: { id: number }) => line.id),
      evaluationId
    )

    const managed = await client
      .get(`${PAGES}/committees/${evaluationId}`)
      .withInertia()
      .loginAs(drawer)
    managed.assertInertiaComponent('expert-pool/committee')
    const props = managed.inertiaProps as any
    assert.isTrue(props.manages)
    assert.lengthOf(props.committee.members, 5)
    assert.deepEqual(props.candidates, [{ id: pool[5].id, name: '专家6' }])

    const read = await client
      .get(`${PAGES}/committees/${evaluationId}`)
      .withInertia()
      .loginAs(supervisor)
    read.assertStatus(200)
    assert.isFalse((read.inertiaProps as any).manages)
    assert.deepEqual((read.inertiaProps as any).candidates, [])

    const refused = await client
      .get(`${PAGES}/committees/${evaluationId}`)
      .withInertia()
      .loginAs(stranger)
    refused.assertStatus(403)
    const noList = await client.get(`${PAGES}/committees`).withInertia().loginAs(stranger)
    noList.assertStatus(403)
  })

  test('the rating page offers the tenderer and the supervisor their side, nobody else', async ({
    client,
    assert,
  }) => {
    const tenderer = await createAccount([], '招标人经办')
    const supervisor = await createAccount([
      { code: CITY, role: 'supervisor', categories: ['construction'] },
    ])
    const stranger = await createAccount()
    const pool = await experts(5)
    const evaluationId = await finishedEvaluation(pool, tenderer)
    const rated = await client
      .post(`${API}/evaluations/${evaluationId}/ratings`)
      .json({ raterKind: 'tenderer', expertId: pool[0].id, score: 4 })
      .accept('json')
      .withCsrfToken()
      .loginAs(tenderer)
    rated.assertStatus(201)

    const page = (account: typeof tenderer) =>
      client.get(`${PAGES}/evaluations/${evaluationId}/ratings`).withInertia().loginAs(account)
    const mine = await page(tenderer)
    mine.assertInertiaComponent('expert-pool/ratings')
    const props = mine.inertiaProps as any
    assert.isTrue(props.final)
    assert.deepEqual(props.kinds, ['tenderer'])
    assert.lengthOf(props.experts, 5)
    const first = props.experts.find((line: { expertId: number }) => line.expertId === pool[0].id)
    assert.deepEqual(first.scores, { tenderer: 4 })

    const supervised = await page(supervisor)
    assert.deepEqual((supervised.inertiaProps as any).kinds, ['supervisor'])
    const supervisorsFirst = (supervised.inertiaProps as any).experts.find(
      (line: { expertId: number }) => line.expertId === pool[0].id
    )
    assert.deepEqual(supervisorsFirst.scores, { supervisor: null })

    const refused = await page(stranger)
    refused.assertStatus(403)

    // Bad input is refused per field with the plugin's labels, in both languages
    const bad = (language: string) =>
      client
        .post(`/api/v1${API}/evaluations/${evaluationId}/ratings`)
        .json({ raterKind: 'supervisor', expertId: pool[1].id, score: 6 })
        .header('accept-language', language)
        .withCsrfToken()
        .loginAs(supervisor)
    const zh = await bad('zh-CN')
    zh.assertStatus(422)
    assert.equal(fieldsOf(zh.body()).score, '评分不能大于5')
    const en = await bad('en')
    en.assertStatus(422)
    assert.equal(fieldsOf(en.body()).score, 'Score must be at most 5')
    const missing = await client
      .post(`/api/v1${API}/evaluations/${evaluationId}/ratings`)
      .json({ raterKind: 'supervisor', expertId: pool[1].id })
      .header('accept-language', 'en')
      .withCsrfToken()
      .loginAs(supervisor)
    missing.assertStatus(422)
    assert.equal(fieldsOf(missing.body()).score, 'Score is required')
  })
})
