import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { createAccount } from '#tests/helpers/accounts'
import { auditTrail } from '#tests/helpers/access'
import { projectBody } from '#tests/helpers/projects'
import { createEntityOwner } from '#tests/helpers/accounts'

/**
 * Project registration through the JSON API: the routing rule of
 * 渝府办发〔2016〕35号 §二(一), national project numbers, validation, and who
 * may register and read. Districts 500153–500156 and the city only.
 */
const api = (code: string, path = '') => `/api/v1/t/${code}/projects${path}`
const CITY = '500000'
const DISTRICT = '500153'
const OTHER = '500154'

function fieldErrors(response: any) {
  return Object.fromEntries(response.body().errors.map((e: any) => [e.field, e.message]))
}

test.group('project registration', () => {
  test('an entity member registers a project: numbered, listed, shown and audited', async ({
    client,
    assert,
  }) => {
    const { account, entity } = await createEntityOwner()
    const created = await client
      .post(api(DISTRICT))
      .json(projectBody(DISTRICT, { amount: 1500000.5 }))
      .withCsrfToken()
      .loginAs(account)
    created.assertStatus(201)
    const project = created.body().data
    assert.match(project.code, /^L5001530001[0-9]{6}$/)
    assert.containsSubset(project, {
      name: '示例道路改造工程',
      category: 'construction',
      amount: '1500000.50',
      tenantCode: DISTRICT,
      regionCode: DISTRICT,
      approvalLevel: 'district',
      fundSource: 'district_finance',
      legallyBound: true,
      investProjectCode: '2024-500101-48-01-012345',
      entity: { id: entity.id, name: entity.name },
      contact: { name: '张三', phone: '13800000000' },
    })

    const list = await client.get(api(DISTRICT)).loginAs(account)
    list.assertStatus(200)
    assert.deepEqual(
      list.body().data.map((p: any) => p.id),
      [project.id]
    )
    const shown = await client.get(api(DISTRICT, `/${project.id}`)).loginAs(account)
    shown.assertStatus(200)
    assert.equal(shown.body().data.code, project.code)
    assert.deepEqual(await auditTrail(DISTRICT, 'project', project.id), [
      { action: 'project.register', actor_account_id: account.id },
    ])
  })

  test('the city registers city projects, a district its own, a private one either', async ({
    client,
    assert,
  }) => {
    const { account } = await createEntityOwner()
    const city = await client
      .post(api(CITY))
      .json(projectBody(DISTRICT, { approvalLevel: 'city', fundSource: 'city_finance' }))
      .withCsrfToken()
      .loginAs(account)
    city.assertStatus(201)
    assert.match(city.body().data.code, /^L5000000001[0-9]{6}$/)
    for (const code of [CITY, DISTRICT]) {
      const chosen = await client
        .post(api(code))
        .json(projectBody(DISTRICT, { fundSource: 'private', legallyBound: false }))
        .withCsrfToken()
        .loginAs(account)
      chosen.assertStatus(201)
      assert.equal(chosen.body().data.tenantCode, code)
    }
  })
})

test.group('project routing refusals', () => {
  const cases: Array<[string, string, Record<string, unknown>, string, string, string]> = [
    [
      'a mining right filed at a district',
      DISTRICT,
      { category: 'mining', fundSource: 'private', legallyBound: false },
      'category',
      CITY,
      '矿业权出让项目一律在市级平台交易（渝府办发〔2016〕35号 第二条第（一）项），请到重庆市（500000）登记',
    ],
    [
      'city land filed at a district',
      DISTRICT,
      { category: 'land', approvalLevel: 'city' },
      'approvalLevel',
      CITY,
      '市级审批的土地使用权项目在市级平台交易（渝府办发〔2016〕35号 第二条第（一）项），请到重庆市（500000）登记',
    ],
    [
      'city state property filed at a district',
      DISTRICT,
      { category: 'state_property', approvalLevel: 'city', fundSource: 'state_capital' },
      'approvalLevel',
      CITY,
      '市属国有产权项目在市级平台交易（渝府办发〔2016〕35号 第二条第（一）项），请到重庆市（500000）登记',
    ],
    [
      'a city-approved project filed at a district',
      DISTRICT,
      { approvalLevel: 'city' },
      'approvalLevel',
      CITY,
      '市级审批（核准、备案）的项目在市级平台交易（渝府办发〔2016〕35号 第二条第（一）项），请到重庆市（500000）登记',
    ],
    [
      'city finance filed at a district',
      DISTRICT,
      { fundSource: 'city_finance' },
      'fundSource',
      CITY,
      '使用市级财政资金的项目在市级平台交易（渝府办发〔2016〕35号 第二条第（一）项），请到重庆市（500000）登记',
    ],
    [
      'a district project filed at the city',
      CITY,
      {},
      'regionCode',
      DISTRICT,
      '区县审批、区县资金的项目在项目所在区县平台交易（渝府办发〔2016〕35号 第二条第（一）项），请到荣昌区（500153）登记',
    ],
    [
      'a district project filed at another district',
      OTHER,
      {},
      'regionCode',
      DISTRICT,
      '区县审批、区县资金的项目在项目所在区县平台交易（渝府办发〔2016〕35号 第二条第（一）项），请到荣昌区（500153）登记',
    ],
    [
      'a project located at the city filed at a district',
      DISTRICT,
      { regionCode: CITY },
      'regionCode',
      CITY,
      '项目所在地为市级的项目在市级平台交易，请到重庆市（500000）登记',
    ],
    [
      'a private project not bound to tender filed at a third platform',
      OTHER,
      { fundSource: 'private', legallyBound: false },
      'regionCode',
      DISTRICT,
      '非依法必须招标的民间投资项目可在市级平台或项目所在区县平台交易，本平台不在其中，请到荣昌区（500153）登记',
    ],
  ]
  for (const [title, filedAt, overrides, field, rightCode, message] of cases) {
    test(`${title} is refused with a link to ${rightCode}`, async ({ client, assert }) => {
      const { account } = await createEntityOwner()
      const refused = await client
        .post(api(filedAt))
        .json(projectBody(DISTRICT, overrides))
        .withCsrfToken()
        .loginAs(account)
      refused.assertStatus(422)
      const [error] = refused.body().errors
      assert.containsSubset(error, { field, message, link: `/t/${rightCode}/projects/new` })
      const [row] = await db.connection('owner').from('projects').where('created_by', account.id)
      assert.isUndefined(row)
    })
  }

  test('the refusal speaks English on request', async ({ client }) => {
    const { account } = await createEntityOwner()
    const refused = await client
      .post(api(DISTRICT))
      .json(projectBody(DISTRICT, { category: 'mining' }))
      .header('accept-language', 'en')
      .withCsrfToken()
      .loginAs(account)
    refused.assertStatus(422)
    refused.assertBodyContains({
      errors: [
        {
          field: 'category',
          message:
            'Mining rights always trade on the city platform (渝府办发〔2016〕35号 §2(1)); register the project at Chongqing (500000)',
          link: '/t/500000/projects/new',
        },
      ],
    })
  })
})

test.group('project validation', () => {
  test('missing fields are named in Chinese', async ({ client, assert }) => {
    const { account } = await createEntityOwner()
    const response = await client
      .post(api(DISTRICT))
      .json({ name: ' ', amount: '' })
      .withCsrfToken()
      .loginAs(account)
    response.assertStatus(422)
    assert.containsSubset(fieldErrors(response), {
      name: '请填写名称',
      category: '请填写项目类别',
      approvalLevel: '请填写审批层级',
      approvingAuthority: '请填写审批部门',
      fundSource: '请填写资金来源',
      legallyBound: '请填写是否依法必须招标',
      amount: '请填写项目金额',
      regionCode: '请填写行政区划代码',
      contactName: '请填写联系人',
      contactPhone: '请填写联系电话',
    })
  })

  test('malformed values get one message each, in zh-CN and en', async ({ client, assert }) => {
    const { account } = await createEntityOwner()
    const bad = projectBody('110000', {
      category: 'weapons',
      investProjectCode: '2024-5001-48-01',
      amount: '1.234',
      contactPhone: '12345',
      legallyBound: 'perhaps',
    })
    const zh = await client.post(api(DISTRICT)).json(bad).withCsrfToken().loginAs(account)
    zh.assertStatus(422)
    assert.deepEqual(fieldErrors(zh), {
      category: '项目类别的取值无效',
      investProjectCode:
        '投资项目代码格式应为 年份-行政区划-行业-类别-序号，例如 2024-500101-48-01-012345',
      amount: '项目金额应为以元为单位的金额，最多两位小数',
      contactPhone: '请输入有效的手机号码或带区号的固定电话',
      legallyBound: '是否依法必须招标必须是是或否',
      regionCode: '行政区划代码必须是重庆市或其区县的代码',
    })
    const en = await client
      .post(api(DISTRICT))
      .json(bad)
      .header('accept-language', 'en')
      .withCsrfToken()
      .loginAs(account)
    en.assertStatus(422)
    assert.containsSubset(fieldErrors(en), {
      amount: 'The amount is an amount in yuan with at most two decimals',
      contactPhone: 'Enter a mobile number or a landline with its area code',
      regionCode: 'The Region code must be the code of Chongqing or one of its districts',
    })
  })

  test('a zero amount, an unknown district and odd types are 422, never 500', async ({
    client,
    assert,
  }) => {
    const { account } = await createEntityOwner()
    const zero = await client
      .post(api(DISTRICT))
      .json(projectBody('500199', { amount: 0 }))
      .withCsrfToken()
      .loginAs(account)
    zero.assertStatus(422)
    assert.deepEqual(fieldErrors(zero), {
      amount: '项目金额必须大于 0',
      regionCode: '行政区划代码不存在',
    })
    for (const body of [
      projectBody(DISTRICT, { amount: ['1'], name: { a: 1 } }),
      projectBody(DISTRICT, { amount: '99999999999999999.99' }),
      projectBody(DISTRICT, { amount: -5 }),
    ]) {
      const response = await client.post(api(DISTRICT)).json(body).withCsrfToken().loginAs(account)
      response.assertStatus(422)
    }
  })

  test('a bad list cursor is 422', async ({ client }) => {
    const { account } = await createEntityOwner()
    const response = await client.get(api(DISTRICT)).qs({ before: 'x' }).loginAs(account)
    response.assertStatus(422)
  })
})

test.group('project access', () => {
  test('another tenant cannot see the project: 404 and an empty list', async ({
    client,
    assert,
  }) => {
    const { account } = await createEntityOwner()
    const created = await client
      .post(api('500155'))
      .json(projectBody('500155'))
      .withCsrfToken()
      .loginAs(account)
    created.assertStatus(201)
    const id = created.body().data.id
    const elsewhere = await client.get(api('500156', `/${id}`)).loginAs(account)
    elsewhere.assertStatus(404)
    const list = await client.get(api('500156')).loginAs(account)
    assert.notInclude(
      list.body().data.map((p: any) => p.id),
      id
    )
  })

  test('a person acting for no entity is refused; another entity cannot read', async ({
    client,
  }) => {
    const nobody = await createAccount()
    const registering = await client
      .post(api(DISTRICT))
      .json(projectBody(DISTRICT))
      .withCsrfToken()
      .loginAs(nobody)
    registering.assertStatus(403)
    const listing = await client.get(api(DISTRICT)).loginAs(nobody)
    listing.assertStatus(403)

    const { account } = await createEntityOwner()
    const created = await client
      .post(api(DISTRICT))
      .json(projectBody(DISTRICT))
      .withCsrfToken()
      .loginAs(account)
    const id = created.body().data.id
    const stranger = await createEntityOwner('另一家公司')
    const read = await client.get(api(DISTRICT, `/${id}`)).loginAs(stranger.account)
    read.assertStatus(403)
  })

  test("centre staff read every project of their tenant and none of another's", async ({
    client,
    assert,
  }) => {
    const first = await createEntityOwner()
    const second = await createEntityOwner('第二家公司')
    const ids = []
    for (const { account } of [first, second]) {
      const created = await client
        .post(api('500156'))
        .json(projectBody('500156'))
        .withCsrfToken()
        .loginAs(account)
      ids.push(created.body().data.id)
    }
    const operator = await createAccount([{ code: '500156', role: 'center_operator' }])
    const list = await client.get(api('500156')).qs({ limit: 1 }).loginAs(operator)
    list.assertStatus(200)
    assert.deepEqual(
      list.body().data.map((p: any) => p.id),
      [ids[1]]
    )
    const older = await client
      .get(api('500156'))
      .qs({ limit: 1, before: list.body().meta.nextBefore })
      .loginAs(operator)
    assert.deepEqual(
      older.body().data.map((p: any) => p.id),
      [ids[0]]
    )
    const shown = await client.get(api('500156', `/${ids[0]}`)).loginAs(operator)
    shown.assertStatus(200)

    const otherCentre = await createAccount([{ code: DISTRICT, role: 'center_admin' }])
    const refused = await client.get(api('500156', `/${ids[0]}`)).loginAs(otherCentre)
    refused.assertStatus(403)
    const theirs = await client.get(api(DISTRICT, `/${ids[0]}`)).loginAs(otherCentre)
    theirs.assertStatus(404)
  })
})

test.group('project numbers', () => {
  test('concurrent registrations get distinct consecutive serials', async ({ client, assert }) => {
    const { account } = await createEntityOwner()
    const first = await client
      .post(api('500154'))
      .json(projectBody('500154'))
      .withCsrfToken()
      .loginAs(account)
    first.assertStatus(201)
    const start = Number(first.body().data.code.slice(11))
    const responses = await Promise.all(
      Array.from({ length: 8 }, () =>
        client.post(api('500154')).json(projectBody('500154')).withCsrfToken().loginAs(account)
      )
    )
    for (const response of responses) response.assertStatus(201)
    const serials = responses
      .map((response) => Number(response.body().data.code.slice(11)))
      .sort((a, b) => a - b)
    assert.deepEqual(
      serials,
      Array.from({ length: 8 }, (_, i) => start + 1 + i)
    )
  })
})
