import { test } from '@japa/runner'
import { closeQueues } from '#jobs/queues'
import { createAccount } from '#tests/helpers/accounts'
import { randomIdCard, randomUscc } from '#tests/helpers/identity'
import { CITY, ensureCreditEnabled, platformDay, supervisorOf } from './credit_fixtures.js'

const API = `/t/${CITY}/credit/api`

function record(subjectCode: string, overrides: Record<string, unknown>) {
  return {
    subjectCodeType: 'uscc',
    subjectCode,
    subjectName: '重庆公示测试有限公司',
    issuingDepartment: '重庆市住房和城乡建设委员会',
    legalBasis: '《招标投标法实施条例》第六十七条',
    ...overrides,
  }
}

test.group('credit: the public credit page', (group) => {
  group.setup(() => ensureCreditEnabled([CITY]))
  // Records with an end schedule their expiry timer: the queue connection must close
  group.teardown(() => closeQueues())

  test('shows penalty decisions and blacklist entries in force, nothing else, without login', async ({
    client,
    assert,
  }) => {
    const supervisor = await supervisorOf(CITY)
    const code = randomUscc()
    const post = async (path: string, body: Record<string, unknown>) => {
      const response = await client
        .post(`${API}/${path}`)
        .json(body)
        .accept('json')
        .withCsrfToken()
        .loginAs(supervisor)
      response.assertStatus(201)
    }
    const today = await platformDay()
    // Public: a fine decided today, and a blacklist entry in force
    await post(
      'penalties',
      record(code, {
        title: '未按规定公示',
        sourceDocument: '渝建罚〔2027〕101号',
        penaltyType: 'fine',
        fineAmount: 20000,
        bans: false,
        decidedOn: today,
        startsOn: today,
      })
    )
    await post(
      'records',
      record(code, {
        kind: 'blacklist',
        title: '严重失信主体',
        sourceDocument: '渝发改信〔2027〕102号',
        decidedOn: today,
        startsOn: today,
        endsOn: await platformDay(365),
      })
    )
    // Not public: a reward, a penalty decided over six months ago, an ended blacklist entry
    await post(
      'records',
      record(code, {
        kind: 'reward',
        title: '优质工程奖',
        sourceDocument: '渝建奖〔2027〕103号',
        decidedOn: today,
        startsOn: today,
      })
    )
    await post(
      'penalties',
      record(code, {
        title: '旧的处罚',
        sourceDocument: '渝建罚〔2026〕104号',
        penaltyType: 'warning',
        bans: false,
        decidedOn: await platformDay(-200),
        startsOn: await platformDay(-200),
      })
    )
    await post(
      'records',
      record(code, {
        kind: 'blacklist',
        title: '已期满的名单',
        sourceDocument: '渝发改信〔2026〕105号',
        decidedOn: await platformDay(-400),
        startsOn: await platformDay(-400),
        endsOn: await platformDay(-35),
      })
    )

    const response = await client.get(`${API}/public/${code}`).accept('json')
    response.assertStatus(200)
    const { subject, records } = response.body().data
    assert.deepEqual(subject, { name: '重庆公示测试有限公司', code })
    assert.sameMembers(
      records.map((item: { sourceDocument: string }) => item.sourceDocument),
      ['渝建罚〔2027〕101号', '渝发改信〔2027〕102号']
    )

    const page = await client.get(`/t/${CITY}/credit/public/${code}`).withInertia()
    page.assertStatus(200)
    page.assertInertiaComponent('credit/public')
    assert.lengthOf(page.inertiaProps.records as unknown[], 2)
  })

  test('a natural person’s ID number is masked; an unknown or malformed code shows nothing', async ({
    client,
    assert,
  }) => {
    const supervisor = await supervisorOf(CITY)
    const idNumber = randomIdCard()
    const today = await platformDay()
    const created = await client
      .post(`${API}/penalties`)
      .json(
        record(idNumber, {
          subjectCodeType: 'id_card',
          subjectName: '李四',
          title: '以他人名义投标',
          sourceDocument: '渝建罚〔2027〕201号',
          penaltyType: 'disqualification',
          bans: true,
          decidedOn: today,
          startsOn: today,
          endsOn: await platformDay(365),
        })
      )
      .accept('json')
      .withCsrfToken()
      .loginAs(supervisor)
    created.assertStatus(201)

    const response = await client.get(`${API}/public/${idNumber}`).accept('json')
    response.assertStatus(200)
    const text = JSON.stringify(response.body())
    assert.notInclude(text, idNumber)
    assert.equal(
      response.body().data.subject.code,
      `${idNumber.slice(0, 6)}********${idNumber.slice(14)}`
    )

    const unknown = await client.get(`${API}/public/${randomUscc()}`).accept('json')
    unknown.assertStatus(200)
    assert.deepEqual(unknown.body().data, { subject: null, records: [] })
    const malformed = await client.get(`${API}/public/not-a-code`).accept('json')
    malformed.assertStatus(404)
  })
})

test.group('credit: the supervisors’ page', (group) => {
  group.setup(() => ensureCreditEnabled([CITY]))

  test('supervisors get the records and rules with their controls; the centre reads only; others are refused', async ({
    client,
    assert,
  }) => {
    const supervisor = await supervisorOf(CITY)
    const page = await client.get(`/t/${CITY}/credit`).withInertia().loginAs(supervisor)
    page.assertStatus(200)
    page.assertInertiaComponent('credit/index')
    const props = page.inertiaProps as Record<string, any>
    assert.isTrue(props.canRecord)
    assert.isTrue(props.canKeepRules)
    assert.match(props.today, /^\d{4}-\d{2}-\d{2}$/)
    assert.isArray(props.records)

    const operator = await createAccount([{ code: CITY, role: 'center_operator' }])
    const readOnly = await client.get(`/t/${CITY}/credit`).withInertia().loginAs(operator)
    readOnly.assertStatus(200)
    assert.isFalse((readOnly.inertiaProps as Record<string, any>).canRecord)
    const penalty = await client
      .post(`${API}/penalties`)
      .json({})
      .accept('json')
      .withCsrfToken()
      .loginAs(operator)
    penalty.assertStatus(403)

    const nobody = await createAccount()
    const refused = await client.get(`${API}/records`).accept('json').loginAs(nobody)
    refused.assertStatus(403)
  })
})
