import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import hash from '@adonisjs/core/services/hash'
import Account from '#identity/models/account'
import type { StaffRole } from '#access/roles'
import { randomUscc } from '#tests/helpers/identity'

export const TEST_PASSWORD = 'Correct-Horse-42'

export interface MembershipSpec {
  code: string
  role: StaffRole
  department?: string
  categories?: string[]
}

/**
 * Creates an account (and its staff memberships) through the owner
 * connection: global tables, outside any tenant context.
 */
export async function createAccount(memberships: MembershipSpec[] = [], name = 'Tester') {
  const owner = db.connection('owner')
  const email = `${randomUUID()}@test.ggzy.cn`
  const [row] = await owner
    .table('accounts')
    .insert({ email, display_name: name, password: await hash.use('scrypt').make(TEST_PASSWORD) })
    .returning('id')
  for (const membership of memberships) {
    const tenant = await owner.from('tenants').where('code', membership.code).firstOrFail()
    await owner.table('staff_memberships').insert({
      account_id: row.id,
      tenant_id: tenant.id,
      role: membership.role,
      department: membership.department ?? (membership.role === 'supervisor' ? 'zjw' : null),
      categories: membership.categories ?? [],
    })
  }
  return Account.findOrFail(row.id, { connection: 'owner' })
}

/**
 * A market entity with an owner account, written as the owner role (global
 * tables, outside any request).
 */
export async function createEntityOwner(name = '重庆示例建设工程有限公司') {
  const account = await createAccount([], `经办人${randomUUID().slice(0, 4)}`)
  const owner = db.connection('owner')
  const [entity] = await owner
    .table('market_entities')
    .insert({
      code_type: 'uscc',
      code: randomUscc(),
      name,
      entity_type: 'legal_person',
      registered_by: account.id,
    })
    .returning(['id', 'name'])
  await owner
    .table('entity_members')
    .insert({ entity_id: entity.id, account_id: account.id, role: 'owner' })
  return { account, entity: { id: Number(entity.id), name: entity.name as string } }
}
