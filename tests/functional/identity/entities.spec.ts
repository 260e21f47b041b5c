import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { createAccount } from '#tests/helpers/accounts'
import { auditActions, countRows, randomIdCard, randomUscc } from '#tests/helpers/identity'

/**
 * Market entities: the live code check, and registration once for the
 * whole city (page and JSON API, one controller).
 */
function entityBody(overrides: Record<string, unknown> = {}) {
  return {
    codeType: 'uscc',
    code: randomUscc(),
    name: '重庆示例建设工程有限公司',
    entityType: 'legal_person',
    regionCode: '500101',
    address: '重庆市万州区示例路1号',
    legalRepresentative: '李四',
    ...overrides,
  }
}

async function rowCounts() {
  return {
    entities: await countRows('market_entities'),
    members: await countRows('entity_members'),
  }
}

function fieldErrors(response: any) {
  return response.body().errors.map((e: any) => ({ field: e.field, message: e.message }))
}

test.group('code check endpoint', () => {
  test('answers 200 with a verdict and a localized message', async ({ client }) => {
    const valid = await client.get('/api/v1/validate/uscc').qs({ code: '91500101MA5U7K2Q17' })
    valid.assertStatus(200)
    valid.assertBody({ valid: true, message: '代码格式正确' })

    const lower = await client.get('/api/v1/validate/uscc').qs({ code: ' 91500101ma5u7k2q17 ' })
    lower.assertBody({ valid: true, message: '代码格式正确' })

    const cases: Array<[string, string, string]> = [
      [
        '91500101MA5U7K2Q18',
        '统一社会信用代码的校验位（第18位）错误',
        'The check character (the 18th) is wrong',
      ],
      [
        '91500101MA5U7K2Q',
        '统一社会信用代码应为18位',
        'A unified social credit code has 18 characters',
      ],
      [
        '91500101MA5U7K2I17',
        '统一社会信用代码只能包含数字和大写字母（不含 I、O、S、V、Z）',
        'A unified social credit code has only digits and capital letters (never I, O, S, V or Z)',
      ],
      [
        '915001A1MA5U7K2Q17',
        '统一社会信用代码第3至8位应为6位数字的行政区划代码',
        'Characters 3 to 8 of a unified social credit code are a 6-digit region code',
      ],
      [
        '91500101MA5U7K2017',
        '统一社会信用代码第9至17位（组织机构代码）的校验位错误',
        'The check character of the organisation code (characters 9 to 17) is wrong',
      ],
    ]
    for (const [code, zh, en] of cases) {
      const response = await client.get('/api/v1/validate/uscc').qs({ code })
      response.assertStatus(200)
      response.assertBody({ valid: false, message: zh })
      const english = await client
        .get('/api/v1/validate/uscc')
        .qs({ code })
        .header('accept-language', 'en')
      english.assertBody({ valid: false, message: en })
    }
  })

  test('any input at all is answered 200: empty, missing, 10 KB, a list', async ({
    client,
    assert,
  }) => {
    const answers = [
      await client.get('/api/v1/validate/uscc'),
      await client.get('/api/v1/validate/uscc').qs({ code: '' }),
      await client.get('/api/v1/validate/uscc').qs({ code: '   ' }),
      await client.get('/api/v1/validate/uscc').qs({ code: 'x'.repeat(10_240) }),
      await client.get('/api/v1/validate/uscc?code[]=1&code[]=2'),
      await client.get('/api/v1/validate/uscc?code[a]=1'),
      await client.get('/api/v1/validate/uscc').qs({ code: '<script>alert(1)</script>' }),
      await client.get('/api/v1/validate/id-card').qs({ code: '中'.repeat(1000) }),
    ]
    for (const response of answers) {
      response.assertStatus(200)
      assert.isFalse(response.body().valid)
      assert.isString(response.body().message)
      assert.isNotEmpty(response.body().message)
    }
    assert.equal(answers[0].body().message, '请填写代码')
    assert.equal(answers[1].body().message, '请填写统一社会信用代码')
    assert.equal(answers[3].body().message, '统一社会信用代码应为18位')
  })

  test('ID numbers have their own check', async ({ client }) => {
    const check = (code: string) => client.get('/api/v1/validate/id-card').qs({ code })
    const code = randomIdCard()
    const valid = await check(code)
    valid.assertBody({ valid: true, message: '代码格式正确' })
    const wrongCheck = await check(code.slice(0, 17) + (code[17] === '0' ? '1' : '0'))
    wrongCheck.assertBody({ valid: false, message: '身份证号码的校验位（第18位）错误' })
    const impossibleDate = await check('500101199902301234')
    impossibleDate.assertBody({ valid: false, message: '身份证号码中的出生日期无效' })
  })
})

test.group('market entity registration', () => {
  test('through the API: created, the registrant is its owner, audited', async ({
    client,
    assert,
  }) => {
    const account = await createAccount()
    const code = randomUscc()
    const response = await client
      .post('/api/v1/entities')
      .json(entityBody({ code: ` ${code.toLowerCase()} ` }))
      .withCsrfToken()
      .loginAs(account)
    response.assertStatus(201)
    response.assertBodyContains({
      data: { code, codeType: 'uscc', entityType: 'legal_person', role: 'owner', current: true },
    })
    const id = response.body().data.id
    const entity = await db.connection('owner').from('market_entities').where('id', id).first()
    assert.equal(entity.registered_by, account.id)
    assert.equal(entity.region_code, '500101')
    const members = await db.connection('owner').from('entity_members').where('entity_id', id)
    assert.deepEqual(
      members.map((m) => ({ account: Number(m.account_id), role: m.role })),
      [{ account: account.id, role: 'owner' }]
    )
    assert.deepEqual(await auditActions('market_entity', id), [
      { action: 'entity.register', actor_account_id: account.id },
    ])
    assert.equal(response.session('identity.currentEntityId'), id)
  })

  test('through the page: back to my account', async ({ client, assert }) => {
    const account = await createAccount()
    const code = randomUscc()
    const response = await client
      .post('/entities')
      .json(entityBody({ code, regionCode: '', address: '', legalRepresentative: '' }))
      .withInertia()
      .withCsrfToken()
      .loginAs(account)
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/account')
    const entity = await db.connection('owner').from('market_entities').where('code', code).first()
    assert.isNull(entity.region_code)
    assert.isNull(entity.address)
  })

  test('a code registered once is refused on the code field, not as a conflict', async ({
    client,
    assert,
  }) => {
    const first = await createAccount()
    const second = await createAccount()
    const code = randomUscc()
    const registered = await client
      .post('/api/v1/entities')
      .json(entityBody({ code }))
      .withCsrfToken()
      .loginAs(first)
    registered.assertStatus(201)
    const before = await rowCounts()
    for (const account of [first, second]) {
      const response = await client
        .post('/api/v1/entities')
        .json(entityBody({ code, name: '另一个名称' }))
        .withCsrfToken()
        .loginAs(account)
      response.assertStatus(422)
      assert.deepEqual(fieldErrors(response), [
        {
          field: 'code',
          message:
            '该代码已注册。市场主体全市只需注册一次；如需代表该主体办理业务，请联系其管理人将您添加为成员。',
        },
      ])
    }
    const english = await client
      .post('/api/v1/entities')
      .json(entityBody({ code }))
      .header('accept-language', 'en')
      .withCsrfToken()
      .loginAs(second)
    english.assertStatus(422)
    assert.match(english.body().errors[0].message, /^This code is already registered\./)
    assert.deepEqual(await rowCounts(), before)
  })

  test('two registrations of one code at the same moment: one wins, one gets 422', async ({
    client,
    assert,
  }) => {
    const [first, second] = [await createAccount(), await createAccount()]
    const code = randomUscc()
    const responses = await Promise.all(
      [first, second].map((account) =>
        client.post('/api/v1/entities').json(entityBody({ code })).withCsrfToken().loginAs(account)
      )
    )
    assert.sameMembers(
      responses.map((r) => r.status()),
      [201, 422]
    )
    const refused = responses.find((r) => r.status() === 422)!
    assert.equal(refused.body().errors[0].field, 'code')
    assert.lengthOf(await db.connection('owner').from('market_entities').where('code', code), 1)
  })

  test('a malformed code is refused with what is wrong with it', async ({ client, assert }) => {
    const account = await createAccount()
    const before = await rowCounts()
    const code = randomUscc()
    const badCheck = code.slice(0, 17) + (code[17] === '0' ? '1' : '0')
    const response = await client
      .post('/api/v1/entities')
      .json(entityBody({ code: badCheck }))
      .withCsrfToken()
      .loginAs(account)
    response.assertStatus(422)
    assert.deepEqual(fieldErrors(response), [
      { field: 'code', message: '统一社会信用代码的校验位（第18位）错误' },
    ])
    // An ID number is not a USCC, and the other way round
    const crossed = await client
      .post('/api/v1/entities')
      .json(
        entityBody({
          codeType: 'id_card',
          code: '91500101MA5U7K2Q17',
          entityType: 'natural_person',
        })
      )
      .withCsrfToken()
      .loginAs(account)
    crossed.assertStatus(422)
    assert.deepEqual(fieldErrors(crossed), [
      { field: 'code', message: '身份证号码前17位应为数字，第18位为数字或X' },
    ])
    assert.deepEqual(await rowCounts(), before)
  })

  test('a natural person registers by ID number', async ({ client, assert }) => {
    const account = await createAccount()
    const code = randomIdCard()
    const response = await client
      .post('/api/v1/entities')
      .json(
        entityBody({
          codeType: 'id_card',
          code,
          name: '王五',
          entityType: 'natural_person',
          legalRepresentative: '不适用',
        })
      )
      .withCsrfToken()
      .loginAs(account)
    response.assertStatus(201)
    response.assertBodyContains({
      data: { code, codeType: 'id_card', entityType: 'natural_person', legalRepresentative: null },
    })
    const id = response.body().data.id
    assert.deepEqual(await auditActions('market_entity', id), [
      { action: 'entity.register', actor_account_id: account.id },
    ])

    // A natural person is not a company, and an ID number cannot register one
    const mismatched = await client
      .post('/api/v1/entities')
      .json(entityBody({ codeType: 'id_card', code: randomIdCard(), entityType: 'legal_person' }))
      .withCsrfToken()
      .loginAs(account)
    mismatched.assertStatus(422)
    assert.deepEqual(fieldErrors(mismatched), [
      { field: 'entityType', message: '主体类型的取值无效' },
    ])
    const companyAsPerson = await client
      .post('/api/v1/entities')
      .json(entityBody({ entityType: 'natural_person' }))
      .withCsrfToken()
      .loginAs(account)
    companyAsPerson.assertStatus(422)
    assert.deepEqual(fieldErrors(companyAsPerson), [
      { field: 'entityType', message: '主体类型的取值无效' },
    ])
  })

  test('empty, oversized and malformed input: 422 with field messages, nothing saved', async ({
    client,
    assert,
  }) => {
    const account = await createAccount()
    const before = await rowCounts()
    const post = (body: unknown, locale = 'zh-CN') =>
      client
        .post('/api/v1/entities')
        .json(body as any)
        .header('accept-language', locale)
        .withCsrfToken()
        .loginAs(account)

    const empty = await post({})
    empty.assertStatus(422)
    assert.sameDeepMembers(fieldErrors(empty), [
      { field: 'codeType', message: '请填写代码类型' },
      { field: 'name', message: '请填写名称' },
      { field: 'code', message: '请填写代码' },
      { field: 'entityType', message: '请填写主体类型' },
    ])
    const emptyEn = await post({}, 'en')
    assert.deepInclude(fieldErrors(emptyEn), {
      field: 'codeType',
      message: 'Code type is required',
    })

    const oversized = await post(
      entityBody({
        name: '名'.repeat(10_000),
        address: 'a'.repeat(10_000),
        legalRepresentative: 'b'.repeat(10_000),
        code: 'C'.repeat(10_000),
      })
    )
    oversized.assertStatus(422)
    assert.sameDeepMembers(fieldErrors(oversized), [
      { field: 'name', message: '名称不能超过 200 个字符' },
      { field: 'address', message: '住所不能超过 300 个字符' },
      { field: 'legalRepresentative', message: '法定代表人不能超过 50 个字符' },
      { field: 'code', message: '统一社会信用代码应为18位' },
    ])

    const malformed = await post({
      codeType: 'passport',
      code: 12345,
      name: { zh: 'x' },
      entityType: 'company',
      regionCode: '5001',
      address: ['x'],
    })
    malformed.assertStatus(422)
    assert.sameDeepMembers(fieldErrors(malformed), [
      { field: 'codeType', message: '代码类型的取值无效' },
      { field: 'name', message: '名称必须是文本' },
      { field: 'regionCode', message: '行政区划代码应为6位数字' },
      { field: 'address', message: '住所必须是文本' },
      { field: 'code', message: '代码必须是文本' },
      { field: 'entityType', message: '主体类型的取值无效' },
    ])
    assert.deepEqual(await rowCounts(), before)
  })

  test('the page form gets its errors back, nothing saved', async ({ client, assert }) => {
    const account = await createAccount()
    const before = await rowCounts()
    const response = await client
      .post('/entities')
      .header('referer', '/entities/new')
      .json(entityBody({ code: '91500101MA5U7K2Q18', name: 'x' }))
      .withInertia()
      .withCsrfToken()
      .loginAs(account)
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/entities/new')
    assert.deepEqual(response.flashMessage('inputErrorsBag'), {
      code: ['统一社会信用代码的校验位（第18位）错误'],
      name: ['名称至少需要 2 个字符'],
    })
    assert.deepEqual(await rowCounts(), before)
  })

  test('only a logged-in account registers; the page renders for it', async ({ client }) => {
    const anonymous = await client.post('/api/v1/entities').json(entityBody()).withCsrfToken()
    anonymous.assertStatus(401)
    const page = await client.get('/entities/new').redirects(0)
    page.assertStatus(302)
    page.assertHeader('location', '/login?next=%2Fentities%2Fnew')

    const account = await createAccount()
    const form = await client.get('/entities/new').withInertia().loginAs(account)
    form.assertStatus(200)
    form.assertInertiaComponent('identity/entity_new')
    form.assertInertiaPropsContains({
      usccEntityTypes: ['legal_person', 'other_org', 'individual_business'],
    })
  })
})
