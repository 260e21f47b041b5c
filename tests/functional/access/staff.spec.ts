import { test } from '@japa/runner'
import { createAccount } from '#tests/helpers/accounts'
import { auditTrail, giveMobile, rolesIn } from '#tests/helpers/access'

/**
 * Staff administration of one tenant through the JSON API and the page: a
 * centre admin manages its own tenant and nothing else.
 */
const api = (code: string, path = '') => `/api/v1/t/${code}/staff${path}`

test.group('staff administration', () => {
  test('a centre admin adds, lists and removes staff of its tenant, audited', async ({
    client,
    assert,
  }) => {
    const admin = await createAccount([{ code: '500101', role: 'center_admin' }])
    const person = await createAccount([], '张监督')
    const added = await client
      .post(api('500101'))
      .json({
        uid: person.email!.toUpperCase(),
        role: 'supervisor',
        department: 'zjw',
        categories: ['construction', 'land'],
      })
      .withCsrfToken()
      .loginAs(admin)
    added.assertStatus(201)
    added.assertBodyContains({
      data: {
        role: 'supervisor',
        department: 'zjw',
        categories: ['construction', 'land'],
        account: { id: person.id, displayName: '张监督', email: person.email, status: 'active' },
      },
    })
    const id = added.body().data.id

    const list = await client.get(api('500101')).loginAs(admin)
    list.assertStatus(200)
    const row = list.body().data.find((r: any) => r.id === id)
    assert.equal(row.account.email, person.email)

    const removed = await client
      .delete(api('500101', `/${id}`))
      .withCsrfToken()
      .loginAs(admin)
    removed.assertStatus(200)
    removed.assertBodyContains({ data: { id, accountId: person.id, role: 'supervisor' } })
    assert.deepEqual(await rolesIn(person, '500101'), [])
    assert.deepEqual(await auditTrail('500101', 'staff_membership', id), [
      { action: 'staff.add', actor_account_id: admin.id },
      { action: 'staff.remove', actor_account_id: admin.id },
    ])
  })

  test('the last administrator of a platform cannot be removed', async ({ client, assert }) => {
    // No other test appoints staff at 彭水 (500243)
    const admin = await createAccount([{ code: '500243', role: 'center_admin' }])
    const ownMembership = async () => {
      const list = await client.get(api('500243')).loginAs(admin)
      return list.body().data.find((r: any) => r.account.id === admin.id).id as number
    }
    const refused = await client
      .delete(api('500243', `/${await ownMembership()}`))
      .withCsrfToken()
      .loginAs(admin)
    refused.assertStatus(409)
    refused.assertBodyContains({
      errors: [{ field: 'membership', rule: 'access.errors.last_admin' }],
    })
    assert.deepEqual(await rolesIn(admin, '500243'), ['center_admin'])

    const successor = await createAccount([], '继任管理员')
    const appointed = await client
      .post(api('500243'))
      .json({ uid: successor.email, role: 'center_admin' })
      .withCsrfToken()
      .loginAs(admin)
    appointed.assertStatus(201)
    const stepDown = await client
      .delete(api('500243', `/${await ownMembership()}`))
      .withCsrfToken()
      .loginAs(admin)
    stepDown.assertStatus(200)
    assert.deepEqual(await rolesIn(successor, '500243'), ['center_admin'])
  })

  test('the account is found by its mobile; a non-supervisor keeps no department', async ({
    client,
  }) => {
    const admin = await createAccount([{ code: '500101', role: 'center_admin' }])
    const person = await createAccount()
    const mobile = await giveMobile(person)
    const added = await client
      .post(api('500101'))
      .json({
        uid: ` ${mobile} `,
        role: 'center_operator',
        department: 'zjw',
        categories: ['land'],
      })
      .withCsrfToken()
      .loginAs(admin)
    added.assertStatus(201)
    added.assertBodyContains({
      data: { role: 'center_operator', department: null, categories: [], account: { mobile } },
    })
  })

  test('the page lists staff with the names of roles, departments and categories', async ({
    client,
    assert,
  }) => {
    const admin = await createAccount([{ code: '500101', role: 'center_admin' }], '王管理')
    await createAccount(
      [{ code: '500101', role: 'supervisor', department: 'ghzrzy', categories: ['mining'] }],
      '李监督'
    )
    const page = await client.get('/t/500101/admin/staff').withInertia().loginAs(admin)
    page.assertStatus(200)
    page.assertInertiaComponent('access/staff')
    const props = page.inertiaProps as any
    const supervisor = props.staff.find((r: any) => r.account.displayName === '李监督')
    assert.include(supervisor, { role: 'supervisor', department: 'ghzrzy' })
    assert.deepEqual(supervisor.categories, ['mining'])
    assert.includeMembers(props.options.roles, ['center_admin', 'supervisor', 'expert_drawer'])
    assert.include(props.messages, {
      'access.roles.supervisor': '行政监督人员',
      'access.departments.ghzrzy': '规划自然资源',
      'access.categories.mining': '矿业权',
    })
  })

  test('the page form adds staff; a bad form comes back with field errors', async ({
    client,
    assert,
  }) => {
    const admin = await createAccount([{ code: '500101', role: 'center_admin' }])
    const person = await createAccount()
    const added = await client
      .post('/t/500101/admin/staff')
      .json({ uid: person.email, role: 'expert_drawer' })
      .header('referer', '/t/500101/admin/staff')
      .withInertia()
      .withCsrfToken()
      .loginAs(admin)
      .redirects(0)
    added.assertStatus(302)
    assert.deepEqual(await rolesIn(person, '500101'), ['expert_drawer'])

    const refused = await client
      .post('/t/500101/admin/staff')
      .json({ uid: person.email, role: 'supervisor', categories: [] })
      .header('referer', '/t/500101/admin/staff')
      .withInertia()
      .withCsrfToken()
      .loginAs(admin)
      .redirects(0)
    refused.assertStatus(302)
    assert.deepEqual(refused.flashMessages().inputErrorsBag, {
      department: ['请填写部门'],
      categories: ['请至少选择一个监管类别'],
    })
    assert.deepEqual(await rolesIn(person, '500101'), ['expert_drawer'])
  })

  test('a centre admin of 500101 neither sees nor manages the staff of 500102', async ({
    client,
    assert,
  }) => {
    const admin = await createAccount([{ code: '500101', role: 'center_admin' }])
    const other = await createAccount([{ code: '500102', role: 'center_operator' }])
    const person = await createAccount()

    const list = await client.get(api('500102')).loginAs(admin)
    list.assertStatus(403)
    list.assertBodyContains({ errors: [{ field: '' }] })
    const page = await client.get('/t/500102/admin/staff').withInertia().loginAs(admin)
    page.assertStatus(403)
    page.assertInertiaComponent('core/error')

    const add = await client
      .post(api('500102'))
      .json({ uid: person.email, role: 'center_operator' })
      .withCsrfToken()
      .loginAs(admin)
    add.assertStatus(403)
    assert.deepEqual(await rolesIn(person, '500102'), [])

    const otherAdmin = await createAccount([{ code: '500102', role: 'center_admin' }])
    const otherList = await client.get(api('500102')).loginAs(otherAdmin)
    const membership = otherList.body().data.find((r: any) => r.account.id === other.id)
    const viaOwn = await client
      .delete(api('500101', `/${membership.id}`))
      .withCsrfToken()
      .loginAs(admin)
    viaOwn.assertStatus(404)
    const viaOther = await client
      .delete(api('500102', `/${membership.id}`))
      .withCsrfToken()
      .loginAs(admin)
    viaOther.assertStatus(403)
    assert.deepEqual(await rolesIn(other, '500102'), ['center_operator'])
  })

  test('a centre operator, an auditor and a stranger do not manage staff', async ({
    client,
    assert,
  }) => {
    const operator = await createAccount([{ code: '500101', role: 'center_operator' }])
    const auditor = await createAccount([{ code: '500101', role: 'auditor' }])
    const person = await createAccount()

    const byOperator = await client.get(api('500101')).loginAs(operator)
    byOperator.assertStatus(403)
    const byAuditor = await client.get(api('500101')).loginAs(auditor)
    byAuditor.assertStatus(200)
    for (const account of [operator, auditor]) {
      const add = await client
        .post(api('500101'))
        .json({ uid: person.email, role: 'center_operator' })
        .withCsrfToken()
        .loginAs(account)
      add.assertStatus(403)
    }
    assert.deepEqual(await rolesIn(person, '500101'), [])

    const anonymous = await client.get(api('500101'))
    anonymous.assertStatus(401)
    const anonymousPage = await client.get('/t/500101/admin/staff').redirects(0)
    anonymousPage.assertStatus(302)
    assert.match(anonymousPage.header('location') ?? '', /^\/login\?next=/)
  })

  test('city_admin is granted only at the city and only by a city admin', async ({
    client,
    assert,
  }) => {
    const cityAdmin = await createAccount([{ code: '500000', role: 'city_admin' }])
    const cityCentre = await createAccount([{ code: '500000', role: 'center_admin' }])
    const person = await createAccount()

    const byCentre = await client
      .post(api('500000'))
      .json({ uid: person.email, role: 'city_admin' })
      .withCsrfToken()
      .loginAs(cityCentre)
    byCentre.assertStatus(403)

    const inDistrict = await client
      .post(api('500101'))
      .json({ uid: person.email, role: 'city_admin' })
      .header('accept-language', 'en')
      .withCsrfToken()
      .loginAs(cityAdmin)
    inDistrict.assertStatus(422)
    inDistrict.assertBody({
      errors: [
        {
          field: 'role',
          message: 'City administrator can only be granted on the city platform',
          rule: 'access.errors.city_only_role',
        },
      ],
    })
    assert.deepEqual(await rolesIn(person, '500101'), [])

    const atCity = await client
      .post(api('500000'))
      .json({ uid: person.email, role: 'city_admin' })
      .withCsrfToken()
      .loginAs(cityAdmin)
    atCity.assertStatus(201)
    const removed = await client
      .delete(api('500000', `/${atCity.body().data.id}`))
      .withCsrfToken()
      .loginAs(cityCentre)
    removed.assertStatus(403)
    assert.deepEqual(await rolesIn(person, '500000'), ['city_admin'])

    // The city admin manages the staff of any district
    const district = await client
      .post(api('500102'))
      .json({ uid: person.email, role: 'auditor' })
      .withCsrfToken()
      .loginAs(cityAdmin)
    district.assertStatus(201)
  })
})

test.group('staff administration: bad input', () => {
  const cases: Array<[string, Record<string, unknown>, string[]]> = [
    ['empty body', {}, ['uid', 'role']],
    ['blank uid', { uid: '   ', role: 'center_operator' }, ['uid']],
    ['oversized uid', { uid: `${'x'.repeat(250)}@a.cn`, role: 'center_operator' }, ['uid']],
    ['unknown role', { uid: 'a@b.cn', role: 'mayor' }, ['role']],
    ['wrong types', { uid: 42, role: ['center_admin'] }, ['uid', 'role']],
    [
      'supervisor without supervision',
      { uid: 'a@b.cn', role: 'supervisor' },
      ['department', 'categories'],
    ],
    [
      'unknown department, no categories',
      { uid: 'a@b.cn', role: 'supervisor', department: 'fbi', categories: [] },
      ['department', 'categories'],
    ],
    [
      'repeated category',
      { uid: 'a@b.cn', role: 'supervisor', department: 'zjw', categories: ['land', 'land'] },
      ['categories'],
    ],
    [
      'unknown category',
      { uid: 'a@b.cn', role: 'supervisor', department: 'zjw', categories: ['weapons'] },
      ['categories.0'],
    ],
    [
      'categories not a list',
      { uid: 'a@b.cn', role: 'supervisor', department: 'zjw', categories: 'land' },
      ['categories'],
    ],
  ]

  for (const [name, body, fields] of cases) {
    test(`422 with field messages: ${name}`, async ({ client, assert }) => {
      const admin = await createAccount([{ code: '500103', role: 'center_admin' }])
      const response = await client.post(api('500103')).json(body).withCsrfToken().loginAs(admin)
      response.assertStatus(422)
      const errors = response.body().errors as Array<{ field: string; message: string }>
      assert.deepEqual(errors.map((e) => e.field).sort(), [...fields].sort())
      for (const error of errors) assert.isAbove(error.message.length, 0)
    })
  }

  test('an unknown account, a role already held: refused, nothing saved', async ({
    client,
    assert,
  }) => {
    const admin = await createAccount([{ code: '500103', role: 'center_admin' }])
    const unknown = await client
      .post(api('500103'))
      .json({ uid: 'nobody-at-all@test.ggzy.cn', role: 'center_operator' })
      .withCsrfToken()
      .loginAs(admin)
    unknown.assertStatus(422)
    unknown.assertBodyContains({
      errors: [{ field: 'uid', rule: 'access.errors.account_not_found' }],
    })

    const person = await createAccount([{ code: '500103', role: 'auditor' }])
    const again = await client
      .post(api('500103'))
      .json({ uid: person.email, role: 'auditor' })
      .withCsrfToken()
      .loginAs(admin)
    again.assertStatus(409)
    again.assertBodyContains({ errors: [{ field: 'role', rule: 'access.errors.already_holds' }] })
    assert.deepEqual(await rolesIn(person, '500103'), ['auditor'])
  })

  test('malformed and unknown ids are 404', async ({ client }) => {
    const admin = await createAccount([{ code: '500103', role: 'center_admin' }])
    for (const id of ['abc', '0', '-1', '1.5', '99999999999999999999', '999999999']) {
      const remove = await client
        .delete(api('500103', `/${id}`))
        .withCsrfToken()
        .loginAs(admin)
      remove.assertStatus(404)
      const disable = await client
        .post(`/api/v1/t/500103/accounts/${id}/disable`)
        .withCsrfToken()
        .loginAs(admin)
      disable.assertStatus(404)
    }
    const badTenant = await client.get('/api/v1/t/5001x3/staff').loginAs(admin)
    badTenant.assertStatus(404)
  })
})
