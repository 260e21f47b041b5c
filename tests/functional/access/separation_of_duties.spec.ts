import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { withTenant } from '#tenancy/tenant_context'
import { SEPARATION_CONSTRAINT } from '#access/separation_of_duties'
import { createAccount } from '#tests/helpers/accounts'
import { rolesIn, tenantScope } from '#tests/helpers/access'
import { tenantOf } from '#tests/helpers/plugins'
import type Account from '#identity/models/account'

/**
 * 管办分离 and the expert pool's three sides: refused by the action with a
 * clear message (API and page), and by the database trigger whoever writes.
 */
const api = (code: string) => `/api/v1/t/${code}/staff`

function grant(client: any, admin: Account, code: string, body: Record<string, unknown>) {
  return client.post(api(code)).json(body).withCsrfToken().loginAs(admin)
}

const SUPERVISOR = { role: 'supervisor', department: 'fgw', categories: ['construction'] }

async function membershipRow(account: Account, code: string, role: string) {
  const tenant = await tenantOf(code)
  return {
    account_id: account.id,
    tenant_id: tenant.id,
    role,
    department: role === 'supervisor' ? 'czj' : null,
    categories: role === 'supervisor' ? ['government_procurement'] : [],
  }
}

/** What a rejected write raised, or null when it succeeded */
async function refusal(write: () => Promise<unknown>) {
  try {
    await write()
    return null
  } catch (error: any) {
    return { code: error.code, constraint: error.constraint, message: String(error.message) }
  }
}

test.group('separation of duties', () => {
  test('管办分离: a centre role and the supervisor role never meet in one tenant (API)', async ({
    client,
    assert,
  }) => {
    const admin = await createAccount([{ code: '500110', role: 'center_admin' }])
    const operator = await createAccount([{ code: '500110', role: 'center_operator' }])

    const refused = await grant(client, admin, '500110', { uid: operator.email, ...SUPERVISOR })
    refused.assertStatus(422)
    refused.assertBody({
      errors: [
        {
          field: 'role',
          message: '管办分离：该账号在本平台已担任交易中心工作人员，不能同时担任行政监督人员',
          rule: 'access.errors.separation.management_supervision',
        },
      ],
    })
    assert.deepEqual(await rolesIn(operator, '500110'), ['center_operator'])

    const supervisor = await createAccount([{ code: '500110', role: 'supervisor' }])
    const english = await client
      .post(api('500110'))
      .json({ uid: supervisor.email, role: 'center_admin' })
      .header('accept-language', 'en')
      .withCsrfToken()
      .loginAs(admin)
    english.assertStatus(422)
    english.assertBody({
      errors: [
        {
          field: 'role',
          message:
            'Management and supervision are kept apart: this account already holds Supervisor on this platform and cannot also be Centre administrator',
          rule: 'access.errors.separation.management_supervision',
        },
      ],
    })
    assert.deepEqual(await rolesIn(supervisor, '500110'), ['supervisor'])

    // Another tenant is another platform: supervising there is allowed
    const elsewhere = await createAccount([{ code: '500111', role: 'center_admin' }])
    const other = await grant(client, elsewhere, '500111', { uid: operator.email, ...SUPERVISOR })
    other.assertStatus(201)
    // Both centre roles are one side and combine
    const both = await grant(client, admin, '500110', { uid: operator.email, role: 'center_admin' })
    both.assertStatus(201)
    assert.deepEqual(await rolesIn(operator, '500110'), ['center_admin', 'center_operator'])
  })

  test('管办分离 on the page: the role field carries the message', async ({ client, assert }) => {
    const admin = await createAccount([{ code: '500110', role: 'center_admin' }])
    const supervisor = await createAccount([{ code: '500110', role: 'supervisor' }])
    const response = await client
      .post('/t/500110/admin/staff')
      .json({ uid: supervisor.email, role: 'center_operator' })
      .header('referer', '/t/500110/admin/staff')
      .withInertia()
      .withCsrfToken()
      .loginAs(admin)
      .redirects(0)
    response.assertStatus(302)
    assert.deepEqual(response.flashMessages().inputErrorsBag, {
      role: ['管办分离：该账号在本平台已担任行政监督人员，不能同时担任交易中心工作人员'],
    })
    assert.deepEqual(await rolesIn(supervisor, '500110'), ['supervisor'])
  })

  test('the expert pool: administration, drawing and supervision are three people', async ({
    client,
    assert,
  }) => {
    const admin = await createAccount([{ code: '500112', role: 'center_admin' }])
    const keeper = await createAccount([{ code: '500112', role: 'expert_admin' }])
    const drawer = await createAccount([{ code: '500112', role: 'expert_drawer' }])
    const cases: Array<[Account, Record<string, unknown>]> = [
      [keeper, { role: 'expert_drawer' }],
      [keeper, SUPERVISOR],
      [drawer, { role: 'expert_admin' }],
      [drawer, SUPERVISOR],
    ]
    for (const [account, body] of cases) {
      const response = await grant(client, admin, '500112', { uid: account.email, ...body })
      response.assertStatus(422)
      response.assertBodyContains({
        errors: [{ field: 'role', rule: 'access.errors.separation.expert_pool' }],
      })
    }
    const again = await grant(client, admin, '500112', { uid: keeper.email, role: 'expert_drawer' })
    const message = again.body().errors[0].message
    assert.equal(
      message,
      '专家库管理、抽取、监督三端分离：该账号在本平台已担任专家库管理员，不能同时担任专家抽取人员'
    )
    assert.deepEqual(await rolesIn(keeper, '500112'), ['expert_admin'])
    assert.deepEqual(await rolesIn(drawer, '500112'), ['expert_drawer'])

    // Roles outside the three sides combine with them
    const auditor = await grant(client, admin, '500112', { uid: drawer.email, role: 'auditor' })
    auditor.assertStatus(201)
  })

  test('the trigger refuses a direct insert by the app role in a tenant transaction', async ({
    assert,
  }) => {
    const account = await createAccount([
      { code: '500113', role: 'center_admin' },
      { code: '500113', role: 'expert_drawer' },
    ])
    for (const role of ['supervisor', 'expert_admin']) {
      const row = await membershipRow(account, '500113', role)
      const scope = await tenantScope('500113')
      const raised = await refusal(() =>
        withTenant(scope, () => db.table('staff_memberships').insert(row))
      )
      assert.include(raised, { code: '23514', constraint: SEPARATION_CONSTRAINT })
      assert.include(raised!.message, 'separation of duties')
    }
    assert.deepEqual(await rolesIn(account, '500113'), ['center_admin', 'expert_drawer'])
  })

  test('the trigger refuses the owner too, and only conflicting roles', async ({ assert }) => {
    const account = await createAccount([{ code: '500113', role: 'supervisor' }])
    const owner = db.connection('owner')
    for (const role of ['center_admin', 'center_operator', 'expert_admin', 'expert_drawer']) {
      const raised = await refusal(async () =>
        owner.table('staff_memberships').insert(await membershipRow(account, '500113', role))
      )
      assert.include(raised, { code: '23514', constraint: SEPARATION_CONSTRAINT }, role)
    }
    const moved = await refusal(async () => {
      const other = await createAccount([{ code: '500113', role: 'center_operator' }])
      const [row] = await owner
        .from('staff_memberships')
        .where('account_id', other.id)
        .update({ account_id: account.id })
        .returning('id')
      return row
    })
    assert.include(moved, { code: '23514', constraint: SEPARATION_CONSTRAINT })

    await owner.table('staff_memberships').insert(await membershipRow(account, '500113', 'auditor'))
    await owner
      .table('staff_memberships')
      .insert(await membershipRow(account, '500114', 'center_admin'))
    assert.deepEqual(await rolesIn(account, '500113'), ['auditor', 'supervisor'])
  })

  test('a concurrent grant refused by the trigger reaches the client as the same 422', async ({
    client,
    assert,
  }) => {
    const admin = await createAccount([{ code: '500115', role: 'center_admin' }])
    const person = await createAccount()
    const owner = db.connection('owner')

    // Another transaction grants center_admin and has not committed yet
    let release!: () => void
    const hold = new Promise<void>((resolve) => (release = resolve))
    let signalInserted!: () => void
    const inserted = new Promise<void>((resolve) => (signalInserted = resolve))
    const holder = withTenant(await tenantScope('500115'), async () => {
      await db
        .table('staff_memberships')
        .insert(await membershipRow(person, '500115', 'center_admin'))
      signalInserted()
      await hold
    })
    await inserted

    // The request's own check cannot see that row; its insert waits on the trigger's lock
    const pending = grant(client, admin, '500115', { uid: person.email, ...SUPERVISOR }).then(
      (response: any) => response
    )
    const waiting = async () => {
      const { rows } = await owner.rawQuery(
        `select count(*)::int as n from pg_locks
          where locktype = 'advisory' and not granted
            and database = (select oid from pg_database where datname = current_database())`
      )
      return rows[0].n > 0
    }
    for (let i = 0; i < 200 && !(await waiting()); i++) await new Promise((r) => setTimeout(r, 25))
    assert.isTrue(await waiting(), 'the request waits on the advisory lock')
    release()
    await holder

    const response = await pending
    response.assertStatus(422)
    response.assertBody({
      errors: [
        {
          field: 'role',
          message: '管办分离：该账号在本平台已担任交易中心管理员，不能同时担任行政监督人员',
          rule: 'access.errors.separation.management_supervision',
        },
      ],
    })
    assert.deepEqual(await rolesIn(person, '500115'), ['center_admin'])
  })
})
