import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { createAccount } from '#tests/helpers/accounts'
import { enablePlugin } from '#tests/helpers/plugins'
import { tenantScope } from '#tests/helpers/access'
import { withTenant } from '#tenancy/tenant_context'
import { auditActions, randomIdCard, randomMobile, randomUscc } from '#tests/helpers/identity'

const API = '/t/500000/expert-pool/api/experts'
const LEAF = 'A010101'

function expertInput(overrides: Record<string, unknown> = {}) {
  return {
    name: '张评审',
    idNumber: randomIdCard(),
    mobile: randomMobile(),
    employerUscc: randomUscc(),
    title: '高级工程师',
    titleLevel: 'deputy_senior',
    yearsInField: 12,
    specialtyCodes: [LEAF],
    regionCodes: ['500101'],
    busyDates: ['2031-05-01'],
    relativeEmployerUsccs: [randomUscc()],
    shareholdingUsccs: [],
    ...overrides,
  }
}

async function expertCount() {
  const [row] = await db.connection('owner').from('experts').count('* as total')
  return Number(row.total)
}

const fieldsOf = (body: { errors: Array<{ field: string; message: string }> }) =>
  Object.fromEntries(body.errors.map((error) => [error.field, error.message]))

test.group('expert-pool: maintenance', (group) => {
  group.setup(async () => {
    // Other spec files of this plugin may have enabled it already in this database
    const enabled = await withTenant(await tenantScope('500000'), () =>
      db.from('tenant_plugins').where({ plugin_id: 'expert-pool', enabled: true }).first()
    )
    if (!enabled) await enablePlugin('500000', 'expert-pool')
  })

  test('an expert admin adds and edits an expert; the ID number never leaves masked', async ({
    client,
    assert,
  }) => {
    const admin = await createAccount([{ code: '500000', role: 'expert_admin' }])
    const input = expertInput()
    const created = await client.post(API).json(input).accept('json').withCsrfToken().loginAs(admin)
    created.assertStatus(201)
    const expert = created.body().data
    assert.equal(
      expert.idNumber,
      `${input.idNumber.slice(0, 6)}********${input.idNumber.slice(-4)}`
    )
    assert.deepEqual(expert.busyDates, ['2031-05-01'])
    assert.equal(expert.status, 'active')

    const stored = await db.connection('owner').from('experts').where('id', expert.id).first()
    assert.equal(stored.id_number, input.idNumber)

    const edited = await client
      .put(`${API}/${expert.id}`)
      .json({ ...input, yearsInField: 15 })
      .accept('json')
      .withCsrfToken()
      .loginAs(admin)
    edited.assertStatus(200)
    assert.equal(edited.body().data.yearsInField, 15)

    const list = await client.get(API).accept('json').loginAs(admin)
    list.assertStatus(200)
    assert.notInclude(JSON.stringify(list.body()), input.idNumber)

    assert.deepEqual(await auditActions('expert', expert.id), [
      { action: 'expert.create', actor_account_id: admin.id },
      { action: 'expert.update', actor_account_id: admin.id },
    ])
    const events = await db
      .connection('owner')
      .from('audit_events')
      .where('subject_type', 'expert')
      .where('subject_id', String(expert.id))
    assert.notInclude(JSON.stringify(events), input.idNumber)
  })

  test('bad ID number, bad USCC and unknown specialty: 422 per field, nothing saved', async ({
    client,
    assert,
  }) => {
    const admin = await createAccount([{ code: '500000', role: 'expert_admin' }])
    const good = expertInput()
    const bad = {
      ...good,
      idNumber: good.idNumber.slice(0, 17) + (good.idNumber[17] === '0' ? '1' : '0'),
      employerUscc: '91500101MA5U7XXXX0',
      specialtyCodes: ['Z999999'],
    }
    const before = await expertCount()

    const zh = await client.post(API).json(bad).accept('json').withCsrfToken().loginAs(admin)
    zh.assertStatus(422)
    const zhFields = fieldsOf(zh.body())
    assert.equal(zhFields.idNumber, '身份证号码的校验位（第18位）错误')
    assert.match(zhFields.employerUscc, /统一社会信用代码/)
    assert.equal(zhFields.specialtyCodes, '专业分类代码不存在：Z999999')

    assert.equal(await expertCount(), before)

    const created = await client.post(API).json(good).accept('json').withCsrfToken().loginAs(admin)
    const id = created.body().data.id
    const edit = await client
      .put(`${API}/${id}`)
      .json({ ...good, specialtyCodes: ['A0301'] })
      .accept('json')
      .withCsrfToken()
      .loginAs(admin)
    edit.assertStatus(422)
    assert.deepEqual(fieldsOf(edit.body()), { 'specialtyCodes.0': '评标专业格式不正确' })

    const twice = await client.post(API).json(good).accept('json').withCsrfToken().loginAs(admin)
    twice.assertStatus(422)
    assert.equal(fieldsOf(twice.body()).idNumber, '该身份证号码已在专家库中')
    assert.equal(await expertCount(), before + 1)
  })

  test('suspend, blacklist and reinstate, each audited', async ({ client, assert }) => {
    const admin = await createAccount([{ code: '500000', role: 'expert_admin' }])
    const created = await client
      .post(API)
      .json(expertInput())
      .accept('json')
      .withCsrfToken()
      .loginAs(admin)
    const id = created.body().data.id

    const suspended = await client
      .post(`${API}/${id}/suspend`)
      .json({ until: '2031-12-31', reason: '缺席评标' })
      .accept('json')
      .withCsrfToken()
      .loginAs(admin)
    suspended.assertStatus(200)
    suspended.assertBodyContains({ data: { status: 'suspended', statusUntil: '2031-12-31' } })

    const noReason = await client
      .post(`${API}/${id}/blacklist`)
      .json({})
      .accept('json')
      .withCsrfToken()
      .loginAs(admin)
    noReason.assertStatus(422)
    assert.property(fieldsOf(noReason.body()), 'reason')

    const blacklisted = await client
      .post(`${API}/${id}/blacklist`)
      .json({ reason: '收受贿赂', until: '2035-01-01' })
      .accept('json')
      .withCsrfToken()
      .loginAs(admin)
    blacklisted.assertBodyContains({
      data: { status: 'blacklisted', statusUntil: '2035-01-01', statusReason: '收受贿赂' },
    })

    const reinstated = await client
      .post(`${API}/${id}/reinstate`)
      .accept('json')
      .withCsrfToken()
      .loginAs(admin)
    reinstated.assertBodyContains({ data: { status: 'active', statusUntil: null } })

    const trail = await auditActions('expert', id)
    assert.deepEqual(
      trail.map((event) => event.action),
      ['expert.create', 'expert.suspend', 'expert.blacklist', 'expert.reinstate']
    )
  })

  test('a drawer or a centre admin cannot maintain the pool', async ({ client, assert }) => {
    const admin = await createAccount([{ code: '500000', role: 'expert_admin' }])
    const created = await client
      .post(API)
      .json(expertInput())
      .accept('json')
      .withCsrfToken()
      .loginAs(admin)
    const id = created.body().data.id
    const before = await expertCount()
    for (const role of ['expert_drawer', 'center_admin'] as const) {
      const other = await createAccount([{ code: '500000', role }])
      const add = await client
        .post(API)
        .json(expertInput())
        .accept('json')
        .withCsrfToken()
        .loginAs(other)
      add.assertStatus(403)
      const suspend = await client
        .post(`${API}/${id}/suspend`)
        .json({ until: '2031-12-31' })
        .accept('json')
        .withCsrfToken()
        .loginAs(other)
      suspend.assertStatus(403)
    }
    assert.equal(await expertCount(), before)
  })
})
