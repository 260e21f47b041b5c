import db from '@adonisjs/lucid/services/db'
import hash from '@adonisjs/core/services/hash'
import { readCsv } from '#core/seeding/reference_data'

/**
 * Seeds what a fresh platform needs, idempotently, through the owner
 * connection (global tables only): the city and its 38 districts and
 * counties, the working-day calendar, and the demo accounts of the README.
 */
const CONNECTION = 'owner'

export async function seedTenants() {
  const rows = await readCsv('data/chongqing-divisions.csv')
  const city = rows.find((row) => !row.parent_code)!
  const client = db.connection(CONNECTION)
  await client.rawQuery(
    `insert into tenants (code, name_zh, name_en, level) values (?, ?, ?, 'city')
     on conflict (code) do nothing`,
    [city.code, city.name_zh, city.name_en]
  )
  const root = await client.from('tenants').where('code', city.code).firstOrFail()
  for (const row of rows.filter((r) => r.parent_code === city.code)) {
    await client.rawQuery(
      `insert into tenants (root_id, parent_id, code, name_zh, name_en, level)
       values (?, ?, ?, ?, ?, 'district') on conflict (code) do nothing`,
      [root.id, root.id, row.code, row.name_zh, row.name_en]
    )
  }
  return root.id as number
}

/**
 * The clock mode follows the deployment: only test and demo deployments
 * (CLOCK_OFFSET_ALLOWED=true outside production) may move the platform time.
 */
export async function seedClockMode(mode: 'production' | 'test' | 'demo') {
  await db
    .connection(CONNECTION)
    .rawQuery(`update platform_clock set mode = ?, offset_seconds = 0 where id = 1`, [mode])
}

export async function seedCalendar() {
  const rows = await readCsv('data/cn-workday-calendar.csv')
  const client = db.connection(CONNECTION)
  const years = new Set(rows.map((row) => Number(row.date.slice(0, 4))))
  for (const year of years) {
    await client.rawQuery(
      `insert into calendar_years (year, source) values (?, ?) on conflict (year) do nothing`,
      [year, '国务院办公厅关于部分节假日安排的通知']
    )
  }
  for (const row of rows) {
    await client.rawQuery(
      `insert into calendar_days (day, kind, name) values (?, ?, ?) on conflict (day) do nothing`,
      [row.date, row.kind, row.name]
    )
  }
}

export const DEMO_PASSWORD = 'Ggzy-demo-2026'

export const DEMO_ACCOUNTS = [
  {
    email: 'city.admin@demo.ggzy.cn',
    displayName: '市中心管理员',
    tenant: '500000',
    role: 'city_admin',
  },
  {
    email: 'wanzhou.admin@demo.ggzy.cn',
    displayName: '万州中心管理员',
    tenant: '500101',
    role: 'center_admin',
  },
  {
    email: 'wanzhou.supervisor@demo.ggzy.cn',
    displayName: '万州住建监督员',
    tenant: '500101',
    role: 'supervisor',
    department: '住建',
    categories: ['construction'],
  },
  { email: 'bidder@demo.ggzy.cn', displayName: '示例建设公司经办人' },
  { email: 'bidder.member@demo.ggzy.cn', displayName: '示例建设公司成员' },
] as const

export const DEMO_ENTITY = {
  code: '91500101MA5U7K2Q17',
  name: '重庆示例建设工程有限公司',
  regionCode: '500101',
}

export async function upsertAccount(email: string, displayName: string) {
  const client = db.connection(CONNECTION)
  const existing = await client.from('accounts').where('email', email).first()
  if (existing) return existing.id as number
  const [row] = await client
    .table('accounts')
    .insert({
      email,
      display_name: displayName,
      password: await hash.use('scrypt').make(DEMO_PASSWORD),
    })
    .returning('id')
  return row.id as number
}

export async function seedDemoAccounts() {
  const client = db.connection(CONNECTION)
  const ids: Record<string, number> = {}
  for (const account of DEMO_ACCOUNTS) {
    ids[account.email] = await upsertAccount(account.email, account.displayName)
    if ('role' in account) {
      const tenant = await client.from('tenants').where('code', account.tenant).firstOrFail()
      await client.rawQuery(
        `insert into staff_memberships (account_id, tenant_id, role, department, categories)
         values (?, ?, ?, ?, ?) on conflict (account_id, tenant_id, role) do nothing`,
        [
          ids[account.email],
          tenant.id,
          account.role,
          'department' in account ? account.department : null,
          'categories' in account ? [...account.categories] : [],
        ]
      )
    }
  }
  const owner = ids['bidder@demo.ggzy.cn']
  await client.rawQuery(
    `insert into market_entities (code_type, code, name, entity_type, region_code, registered_by)
     values ('uscc', ?, ?, 'legal_person', ?, ?) on conflict (code) do nothing`,
    [DEMO_ENTITY.code, DEMO_ENTITY.name, DEMO_ENTITY.regionCode, owner]
  )
  const entity = await client.from('market_entities').where('code', DEMO_ENTITY.code).firstOrFail()
  for (const [email, role] of [
    ['bidder@demo.ggzy.cn', 'owner'],
    ['bidder.member@demo.ggzy.cn', 'member'],
  ]) {
    await client.rawQuery(
      `insert into entity_members (entity_id, account_id, role) values (?, ?, ?)
       on conflict (entity_id, account_id) do nothing`,
      [entity.id, ids[email], role]
    )
  }
}
