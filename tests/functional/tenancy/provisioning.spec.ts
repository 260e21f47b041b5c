import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { createAccount } from '#tests/helpers/accounts'
import { auditEvents, dropTenants } from '#tests/helpers/audit'

/**
 * City provisioning through the JSON API (/api/v1/tenants) and the city's
 * admin pages (/t/500000/admin/tenants). Each test creates its own
 * districts with codes no seeded tenant uses, and removes them afterwards.
 */
const CREATED = ['500121', '500122', '500123', '500124', '500125', '500126', '500127', '500128']

function cityAdmin() {
  return createAccount([{ code: '500000', role: 'city_admin' }], '市级管理员')
}

async function tenantCount() {
  const [{ count }] = await db.connection('owner').from('tenants').count('* as count')
  return Number(count)
}

async function tenantRow(code: string) {
  return db.connection('owner').from('tenants').where('code', code).first()
}

async function tenantField(code: string, column: string) {
  const row = await tenantRow(code)
  return row?.[column]
}

test.group('tenant provisioning API', (group) => {
  group.each.teardown(() => dropTenants(CREATED))

  test('a city admin creates a district, audited on the city chain', async ({ client, assert }) => {
    const admin = await cityAdmin()
    const response = await client
      .post('/api/v1/tenants')
      .json({ code: '500121', nameZh: ' 测试新区 ', nameEn: 'Test New District' })
      .withCsrfToken()
      .loginAs(admin)
    response.assertStatus(201)
    response.assertBodyContains({
      data: {
        code: '500121',
        nameZh: '测试新区',
        nameEn: 'Test New District',
        level: 'district',
        status: 'active',
        suspendedReason: null,
      },
    })

    const row = await tenantRow('500121')
    const root = await tenantRow('500000')
    assert.equal(row.parent_id, root.id)
    assert.equal(row.root_id, root.id)

    const [event] = await auditEvents({ action: 'tenant.create', subject_id: '500121' })
    assert.equal(event.tenant_id, root.id)
    assert.equal(event.actor_account_id, admin.id)
    assert.deepEqual(event.payload, {
      before: null,
      after: {
        code: '500121',
        nameZh: '测试新区',
        nameEn: 'Test New District',
        level: 'district',
        status: 'active',
        suspendedReason: null,
      },
    })

    const shown = await client.get('/api/v1/tenants/500121').loginAs(admin)
    shown.assertStatus(200)
    shown.assertBodyContains({ data: { code: '500121', level: 'district' } })
    const list = await client.get('/api/v1/tenants').loginAs(admin)
    assert.include(
      list.body().data.map((t: { code: string }) => t.code),
      '500121'
    )
    // The directory was dropped after COMMIT: the new platform is reachable at once
    const home = await client.get('/t/500121').withInertia()
    home.assertStatus(200)
    home.assertInertiaComponent('tenancy/home')
  })

  test('a city admin renames a tenant; before and after are audited', async ({
    client,
    assert,
  }) => {
    const admin = await cityAdmin()
    await client
      .post('/api/v1/tenants')
      .json({ code: '500122', nameZh: '旧名区', nameEn: 'Old Name' })
      .withCsrfToken()
      .loginAs(admin)
    const response = await client
      .patch('/api/v1/tenants/500122')
      .json({ nameZh: '新名区', nameEn: 'New Name' })
      .withCsrfToken()
      .loginAs(admin)
    response.assertStatus(200)
    response.assertBodyContains({ data: { code: '500122', nameZh: '新名区', nameEn: 'New Name' } })
    const [event] = await auditEvents({ action: 'tenant.update', subject_id: '500122' })
    assert.deepInclude(event.payload.before, { nameZh: '旧名区', nameEn: 'Old Name' })
    assert.deepInclude(event.payload.after, { nameZh: '新名区', nameEn: 'New Name' })

    // Saving the same names changes nothing and records nothing
    const same = await client
      .patch('/api/v1/tenants/500122')
      .json({ nameZh: '新名区', nameEn: 'New Name' })
      .withCsrfToken()
      .loginAs(admin)
    same.assertStatus(200)
    assert.lengthOf(await auditEvents({ action: 'tenant.update', subject_id: '500122' }), 1)
  })

  test('suspend needs a reason; suspend and resume are audited and not repeatable', async ({
    client,
    assert,
  }) => {
    const admin = await cityAdmin()
    await client
      .post('/api/v1/tenants')
      .json({ code: '500123', nameZh: '暂停测试区', nameEn: 'Suspend Test' })
      .withCsrfToken()
      .loginAs(admin)

    const noReason = await client
      .post('/api/v1/tenants/500123/suspend')
      .json({ reason: '   ' })
      .withCsrfToken()
      .loginAs(admin)
    noReason.assertStatus(422)
    noReason.assertBodyContains({ errors: [{ field: 'reason' }] })
    assert.equal(await tenantField('500123', 'status'), 'active')

    const suspended = await client
      .post('/api/v1/tenants/500123/suspend')
      .json({ reason: '系统迁移' })
      .withCsrfToken()
      .loginAs(admin)
    suspended.assertStatus(200)
    suspended.assertBodyContains({ data: { status: 'suspended', suspendedReason: '系统迁移' } })
    const [suspendEvent] = await auditEvents({ action: 'tenant.suspend', subject_id: '500123' })
    assert.deepInclude(suspendEvent.payload.before, { status: 'active', suspendedReason: null })
    assert.deepInclude(suspendEvent.payload.after, {
      status: 'suspended',
      suspendedReason: '系统迁移',
    })

    const again = await client
      .post('/api/v1/tenants/500123/suspend')
      .json({ reason: '再次' })
      .withCsrfToken()
      .loginAs(admin)
    again.assertStatus(409)
    again.assertBodyContains({ errors: [{ field: 'tenant', message: '该交易平台已处于暂停状态' }] })

    const resumed = await client
      .post('/api/v1/tenants/500123/resume')
      .json({})
      .withCsrfToken()
      .loginAs(admin)
    resumed.assertStatus(200)
    resumed.assertBodyContains({ data: { status: 'active', suspendedReason: null } })
    const [resumeEvent] = await auditEvents({ action: 'tenant.resume', subject_id: '500123' })
    assert.deepInclude(resumeEvent.payload.before, { status: 'suspended' })
    assert.deepInclude(resumeEvent.payload.after, { status: 'active' })

    const resumeAgain = await client
      .post('/api/v1/tenants/500123/resume')
      .json({})
      .withCsrfToken()
      .loginAs(admin)
    resumeAgain.assertStatus(409)
  })

  test('the city itself cannot be suspended', async ({ client }) => {
    const admin = await cityAdmin()
    const response = await client
      .post('/api/v1/tenants/500000/suspend')
      .json({ reason: '试一试' })
      .header('accept-language', 'en')
      .withCsrfToken()
      .loginAs(admin)
    response.assertStatus(422)
    response.assertBodyContains({
      errors: [{ field: 'tenant', message: 'The city platform cannot be suspended' }],
    })
  })

  test('bad input answers 422 with field messages and saves nothing', async ({
    client,
    assert,
  }) => {
    const admin = await cityAdmin()
    const before = await tenantCount()
    const eventsBefore = await auditEvents({ subject_type: 'tenant' })
    const cases: Array<{
      body: Record<string, unknown>
      zh: Record<string, string>
      en: Record<string, string>
    }> = [
      {
        body: {},
        zh: { code: '请填写代码', nameZh: '请填写中文名称', nameEn: '请填写英文名称' },
        en: {
          code: 'Code is required',
          nameZh: 'Chinese name is required',
          nameEn: 'English name is required',
        },
      },
      {
        body: { code: '500124', nameZh: '区'.repeat(101), nameEn: 'x'.repeat(101) },
        zh: { nameZh: '中文名称不能超过 100 个字符', nameEn: '英文名称不能超过 100 个字符' },
        en: {
          nameZh: 'Chinese name must not exceed 100 characters',
          nameEn: 'English name must not exceed 100 characters',
        },
      },
      {
        body: { code: '5001', nameZh: '短码区', nameEn: 'Short' },
        zh: { code: '代码必须是六位数字' },
        en: { code: 'Code must be six digits' },
      },
      {
        body: { code: 'abcdef', nameZh: '字母区', nameEn: 'Letters' },
        zh: { code: '代码必须是六位数字' },
        en: { code: 'Code must be six digits' },
      },
      {
        body: { code: '110101', nameZh: '东城区', nameEn: 'Dongcheng' },
        zh: { code: '代码必须是重庆市的区县代码（50 开头，末两位不为 00）' },
        en: {
          code: 'Code must be a Chongqing district or county code (starting with 50, not ending in 00)',
        },
      },
      {
        body: { code: '500000', nameZh: '重庆市', nameEn: 'Chongqing' },
        zh: { code: '代码必须是重庆市的区县代码（50 开头，末两位不为 00）' },
        en: {
          code: 'Code must be a Chongqing district or county code (starting with 50, not ending in 00)',
        },
      },
      {
        body: { code: '500101', nameZh: '万州区', nameEn: 'Wanzhou' },
        zh: { code: '该代码已被使用' },
        en: { code: 'Code is already taken' },
      },
    ]
    for (const { body, zh, en } of cases) {
      for (const [language, expected] of [
        [undefined, zh],
        ['en', en],
      ] as const) {
        const request = client.post('/api/v1/tenants').json(body).withCsrfToken().loginAs(admin)
        if (language) request.header('accept-language', language)
        const response = await request
        response.assertStatus(422)
        const messages = Object.fromEntries(
          response
            .body()
            .errors.map((e: { field: string; message: string }) => [e.field, e.message])
        )
        assert.deepEqual(messages, expected, JSON.stringify(body))
      }
    }
    assert.equal(await tenantCount(), before)
    assert.lengthOf(await auditEvents({ subject_type: 'tenant' }), eventsBefore.length)
  })

  test('only a city admin may administer tenants', async ({ client, assert }) => {
    const centreAdmin = await createAccount([{ code: '500101', role: 'center_admin' }])
    const cityAuditor = await createAccount([{ code: '500000', role: 'auditor' }])
    for (const account of [centreAdmin, cityAuditor]) {
      const create = await client
        .post('/api/v1/tenants')
        .json({ code: '500125', nameZh: '越权区', nameEn: 'Forbidden' })
        .withCsrfToken()
        .loginAs(account)
      create.assertStatus(403)
      create.assertBody({ errors: [{ field: '', message: '您没有执行此操作的权限' }] })
      const list = await client.get('/api/v1/tenants').loginAs(account)
      list.assertStatus(403)
      const rename = await client
        .patch('/api/v1/tenants/500101')
        .json({ nameZh: '改名', nameEn: 'Renamed' })
        .withCsrfToken()
        .loginAs(account)
      rename.assertStatus(403)
      const suspend = await client
        .post('/api/v1/tenants/500101/suspend')
        .json({ reason: '越权' })
        .withCsrfToken()
        .loginAs(account)
      suspend.assertStatus(403)
      const page = await client.get('/t/500000/admin/tenants').withInertia().loginAs(account)
      page.assertStatus(403)
      page.assertInertiaComponent('core/error')
    }
    const anonymous = await client.get('/api/v1/tenants')
    anonymous.assertStatus(401)
    assert.isNull(await tenantRow('500125'))
    assert.equal(await tenantField('500101', 'name_zh'), '万州区')
  })

  test('unknown tenant codes are 404', async ({ client }) => {
    const admin = await cityAdmin()
    const response = await client.get('/api/v1/tenants/500199').loginAs(admin)
    response.assertStatus(404)
    response.assertBodyContains({ errors: [{ field: '' }] })
  })
})

test.group('tenant administration pages', (group) => {
  group.each.teardown(() => dropTenants(CREATED))

  test('the list shows every tenant with its status', async ({ client, assert }) => {
    const admin = await cityAdmin()
    const response = await client.get('/t/500000/admin/tenants').withInertia().loginAs(admin)
    response.assertStatus(200)
    response.assertInertiaComponent('tenancy/admin/tenants')
    const { platforms } = response.inertiaProps as any
    assert.isAtLeast(platforms.length, 39)
    assert.deepInclude(platforms[0], { code: '500000', level: 'city', status: 'active' })
    assert.deepInclude(
      platforms.find((t: any) => t.code === '500101'),
      { name: '万州区', nameEn: 'Wanzhou District', status: 'active' }
    )
  })

  test('the admin pages exist only under the city tenant', async ({ client }) => {
    const admin = await cityAdmin()
    for (const path of ['/t/500101/admin/tenants', '/t/500101/admin/tenants/new']) {
      const response = await client.get(path).loginAs(admin)
      response.assertStatus(404)
    }
    const anonymous = await client.get('/t/500102/admin/tenants')
    anonymous.assertStatus(404)
  })

  test('create, edit, suspend and resume through the forms', async ({ client, assert }) => {
    const admin = await cityAdmin()
    const form = await client.get('/t/500000/admin/tenants/new').withInertia().loginAs(admin)
    form.assertStatus(200)
    form.assertInertiaComponent('tenancy/admin/tenant_form')

    const created = await client
      .post('/t/500000/admin/tenants')
      .form({ code: '500126', nameZh: '表单区', nameEn: 'Form District' })
      .withCsrfToken()
      .loginAs(admin)
      .redirects(0)
    created.assertStatus(302)
    created.assertHeader('location', '/t/500000/admin/tenants')
    created.assertFlashMessage('success', '已创建交易平台：表单区')
    const row = await tenantRow('500126')
    assert.equal(row.name_en, 'Form District')

    const edit = await client
      .get(`/t/500000/admin/tenants/${row.id}/edit`)
      .withInertia()
      .loginAs(admin)
    edit.assertStatus(200)
    edit.assertInertiaPropsContains({ platform: { code: '500126', nameZh: '表单区' } })

    const renamed = await client
      .put(`/t/500000/admin/tenants/${row.id}`)
      .form({ nameZh: '表单新区', nameEn: 'Form New District' })
      .withCsrfToken()
      .loginAs(admin)
      .redirects(0)
    renamed.assertStatus(302)
    const renamedByPost = await client
      .post(`/t/500000/admin/tenants/${row.id}`)
      .form({ nameZh: '表单新区二', nameEn: 'Form New District 2' })
      .withCsrfToken()
      .loginAs(admin)
      .redirects(0)
    renamedByPost.assertStatus(302)
    assert.equal(await tenantField('500126', 'name_zh'), '表单新区二')

    const suspended = await client
      .post(`/t/500000/admin/tenants/${row.id}/suspend`)
      .form({ reason: '年度检修' })
      .withCsrfToken()
      .loginAs(admin)
      .redirects(0)
    suspended.assertStatus(302)
    assert.equal(await tenantField('500126', 'status'), 'suspended')
    const resumed = await client
      .post(`/t/500000/admin/tenants/${row.id}/resume`)
      .withCsrfToken()
      .loginAs(admin)
      .redirects(0)
    resumed.assertStatus(302)
    assert.equal(await tenantField('500126', 'status'), 'active')

    const events = await auditEvents({ subject_id: '500126' })
    assert.deepEqual(
      events.map((e) => e.action),
      ['tenant.create', 'tenant.update', 'tenant.update', 'tenant.suspend', 'tenant.resume']
    )
  })

  test('a bad form comes back with field errors and saves nothing', async ({ client, assert }) => {
    const admin = await cityAdmin()
    const response = await client
      .post('/t/500000/admin/tenants')
      .form({ code: '110101', nameZh: '', nameEn: 'Elsewhere' })
      .header('referer', '/t/500000/admin/tenants/new')
      .withCsrfToken()
      .loginAs(admin)
      .redirects(0)
    response.assertStatus(302)
    assert.deepEqual(response.flashMessages().inputErrorsBag, {
      code: ['代码必须是重庆市的区县代码（50 开头，末两位不为 00）'],
      nameZh: ['请填写中文名称'],
    })
    assert.isNull(await tenantRow('110101'))
  })
})

test.group('suspended tenant notice', (group) => {
  group.each.teardown(() => dropTenants(CREATED))

  test('everyone but city staff sees the notice', async ({ client }) => {
    const admin = await cityAdmin()
    await client
      .post('/api/v1/tenants')
      .json({ code: '500127', nameZh: '停用区', nameEn: 'Paused District' })
      .withCsrfToken()
      .loginAs(admin)
    await client
      .post('/api/v1/tenants/500127/suspend')
      .json({ reason: '数据迁移' })
      .withCsrfToken()
      .loginAs(admin)
    const districtAdmin = await createAccount([{ code: '500127', role: 'center_admin' }])

    const anonymous = await client.get('/t/500127').withInertia()
    anonymous.assertStatus(403)
    anonymous.assertInertiaComponent('tenancy/suspended')
    anonymous.assertInertiaPropsContains({
      message: '停用区交易平台已暂停服务，请稍后访问或联系市公共资源交易中心。',
      reason: '数据迁移',
    })
    const anonymousJson = await client.get('/t/500127').header('accept', 'application/json')
    anonymousJson.assertStatus(403)
    anonymousJson.assertBody({
      errors: [
        {
          field: 'tenant',
          message: '停用区交易平台已暂停服务，请稍后访问或联系市公共资源交易中心。',
        },
      ],
    })

    const district = await client.get('/t/500127').withInertia().loginAs(districtAdmin)
    district.assertStatus(403)
    district.assertInertiaComponent('tenancy/suspended')
    const districtJson = await client
      .get('/t/500127')
      .header('accept', 'application/json')
      .loginAs(districtAdmin)
    districtJson.assertStatus(403)

    const city = await client.get('/t/500127').withInertia().loginAs(admin)
    city.assertStatus(200)
    city.assertInertiaComponent('tenancy/home')
    city.assertInertiaPropsContains({ platform: { code: '500127', status: 'suspended' } })
  })
})
