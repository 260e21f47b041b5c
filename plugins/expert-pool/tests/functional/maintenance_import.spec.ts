import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import db from '@adonisjs/lucid/services/db'
import { withTenant } from '#tenancy/tenant_context'
import { createAccount } from '#tests/helpers/accounts'
import { tenantOf } from '#tests/helpers/plugins'
import { auditActions, randomIdCard, randomMobile, randomUscc } from '#tests/helpers/identity'
import type Account from '#identity/models/account'
import { API, CITY, addExpert, ensureEnabled, freshLeaf } from './draw_fixtures.js'

const HEADER =
  'name,idNumber,mobile,employerUscc,title,titleLevel,yearsInField,specialtyCodes,regionCodes,busyDates,relativeEmployerUsccs,shareholdingUsccs'

function expertLine(
  idNumber: string,
  specialty: string,
  overrides: Partial<Record<string, string>> = {}
) {
  const cells = {
    name: '"李, 专家"',
    idNumber,
    mobile: randomMobile(),
    employerUscc: randomUscc(),
    title: '高级工程师',
    titleLevel: 'full_senior',
    yearsInField: '15',
    specialtyCodes: specialty,
    regionCodes: '500101;500102',
    busyDates: '2031-05-01',
    relativeEmployerUsccs: '',
    shareholdingUsccs: randomUscc(),
    ...overrides,
  }
  return Object.values(cells).join(',')
}

function upload(client: ApiClient, account: Account, path: string, csv: string, english = false) {
  const request = client
    .post(`${english ? '/api/v1' : ''}${API}/${path}`)
    .file('file', Buffer.from(csv), { filename: 'import.csv', contentType: 'text/csv' })
    .accept('json')
    .withCsrfToken()
    .loginAs(account)
  return english ? request.header('accept-language', 'en') : request
}

async function importEvents(action: string, accountId: number) {
  const city = await tenantOf(CITY)
  return withTenant({ scope: 'city', tenantId: city.id, rootTenantId: city.id }, () =>
    db
      .from('audit_events')
      .where({ action, actor_account_id: accountId })
      .orderBy('seq')
      .select('payload')
  )
}

function wrongCheckDigit(idNumber: string) {
  return idNumber.slice(0, 17) + (idNumber[17] === '0' ? '1' : '0')
}

test.group('expert-pool: imports, retirement and account links', (group) => {
  group.setup(() => ensureEnabled())

  test('an expert import keeps the good rows and reports the bad ones by line', async ({
    client,
    assert,
  }) => {
    const leaf = await freshLeaf()
    const admin = await createAccount([{ code: CITY, role: 'expert_admin' }])
    const good = randomIdCard()
    const csv = [
      HEADER,
      expertLine(good, leaf),
      expertLine(wrongCheckDigit(randomIdCard()), leaf),
      expertLine(randomIdCard(), 'Z999999'),
      expertLine(good, leaf),
    ].join('\r\n')

    const zh = await upload(client, admin, 'experts/import', csv)
    zh.assertStatus(200)
    const report = zh.body().data
    assert.equal(report.total, 4)
    assert.equal(report.imported, 1)
    assert.deepEqual(
      report.rejected.map((row: { line: number; field: string }) => [row.line, row.field]),
      [
        [3, 'idNumber'],
        [4, 'specialtyCodes'],
        [5, 'idNumber'],
      ]
    )
    assert.equal(report.rejected[0].message, '身份证号码的校验位（第18位）错误')
    assert.equal(report.rejected[2].message, '该身份证号码已在专家库中')
    const stored = await db.connection('owner').from('experts').where('id_number', good).first()
    assert.equal(stored.name, '李, 专家')
    assert.deepEqual(stored.region_codes, ['500101', '500102'])

    const again = await upload(client, admin, 'experts/import', csv, true)
    again.assertStatus(200)
    assert.equal(again.body().data.imported, 0)
    assert.deepEqual(
      again.body().data.rejected.map((row: { message: string }) => row.message),
      [
        'This ID number is already in the pool',
        'The check character (the 18th) of the ID number is wrong',
        'Unknown specialty code: Z999999',
        'This ID number is already in the pool',
      ]
    )

    const events = await importEvents('expert.import', admin.id)
    assert.deepEqual(
      events.map((event: { payload: unknown }) => event.payload),
      [
        { total: 4, imported: 1, rejectedRows: 3 },
        { total: 4, imported: 0, rejectedRows: 4 },
      ]
    )
  })

  test('a classification import takes parents first, updates names, reports orphans', async ({
    client,
    assert,
  }) => {
    const admin = await createAccount([{ code: CITY, role: 'expert_admin' }])
    const digits = String(Math.floor(Math.random() * 90) + 10)
    const top = `B${digits}`
    const csv = [
      'code,nameZh,nameEn',
      `${top}01,"下级, 专业",Child`,
      `${top},上级,Parent`,
      'b1,坏代码,Bad',
      `C${digits}9999,孤儿,Orphan`,
    ].join('\n')
    const response = await upload(client, admin, 'specialties/import', csv, true)
    response.assertStatus(200)
    const report = response.body().data
    assert.equal(report.imported, 2)
    assert.deepEqual(
      report.rejected.map((row: { line: number; field: string }) => [row.line, row.field]),
      [
        [4, 'code'],
        [5, 'code'],
      ]
    )
    assert.equal(
      report.rejected[1].message,
      'The parent code does not exist; import the parent first'
    )
    const renamed = await upload(
      client,
      admin,
      'specialties/import',
      `code,nameZh,nameEn\n${top},新名,Renamed`
    )
    renamed.assertStatus(200)
    const row = await db.connection('owner').from('expert_specialties').where('code', top).first()
    assert.equal(row.name_en, 'Renamed')
    const child = await db
      .connection('owner')
      .from('expert_specialties')
      .where('code', `${top}01`)
      .first()
    assert.equal(child.name_zh, '下级, 专业')

    const missing = await upload(client, admin, 'specialties/import', 'code,nameZh\nA,工程', true)
    missing.assertStatus(422)
    assert.deepEqual(missing.body().errors[0], {
      field: 'file',
      message: 'The CSV file lacks the columns: nameEn',
      rule: 'expert_pool.import.missing_columns',
    })
    const drawer = await createAccount([{ code: CITY, role: 'expert_drawer' }])
    const refused = await upload(client, drawer, 'specialties/import', csv)
    refused.assertStatus(403)
  })

  test('retire is final; an account speaks for one expert', async ({ client, assert }) => {
    const leaf = await freshLeaf()
    const admin = await createAccount([{ code: CITY, role: 'expert_admin' }])
    const first = await addExpert({ specialty: leaf })
    const second = await addExpert({ specialty: leaf })
    const post = (path: string, body: Record<string, unknown>, account = admin) =>
      client
        .post(`/api/v1${API}/experts/${path}`)
        .json(body)
        .header('accept-language', 'en')
        .accept('json')
        .withCsrfToken()
        .loginAs(account)

    const retired = await post(`${first}/retire`, { reason: '年龄到限' })
    retired.assertStatus(200)
    assert.equal(retired.body().data.status, 'retired')
    const back = await post(`${first}/reinstate`, {})
    back.assertStatus(422)
    assert.equal(
      back.body().errors[0].message,
      'The expert has left the pool; the status cannot change'
    )

    const expertAccount = await createAccount([], '专家账号')
    const link = (id: number, accountId: number | null) =>
      client
        .put(`/api/v1${API}/experts/${id}/account`)
        .json({ accountId })
        .header('accept-language', 'en')
        .accept('json')
        .withCsrfToken()
        .loginAs(admin)
    const linked = await link(first, expertAccount.id)
    linked.assertStatus(200)
    assert.equal(linked.body().data.accountId, expertAccount.id)
    const taken = await link(second, expertAccount.id)
    taken.assertStatus(422)
    assert.deepEqual(
      taken.body().errors[0].message,
      'This account is already linked to another expert'
    )
    const unknown = await link(second, 999_999_999)
    unknown.assertStatus(422)
    const trail = await auditActions('expert', first)
    assert.deepEqual(
      trail.map((event) => event.action),
      ['expert.retire', 'expert.link_account']
    )
    const drawer = await createAccount([{ code: CITY, role: 'expert_drawer' }])
    const notMaintainer = await post(`${second}/retire`, {}, drawer)
    notMaintainer.assertStatus(403)
  })
})
