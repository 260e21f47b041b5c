import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import { createAccount } from '#tests/helpers/accounts'
import { randomUscc } from '#tests/helpers/identity'
import { SYSTEM_ACTOR } from '#audit/audit_log'
import { CreateTenant } from '#tenancy/actions/tenant_provisioning'
import { UNBOUND_GLOBAL_SCOPE, withTenant } from '#tenancy/tenant_context'
import { tenantDirectory } from '#tenancy/tenant_directory'

/**
 * Test districts beyond the 38 seeded ones (e.g. 500157), provisioned once
 * through the real action as the city would.
 */
export async function ensureDistrict(code: string, nameZh: string, nameEn: string) {
  const existing = await withTenant(UNBOUND_GLOBAL_SCOPE, () => tenantDirectory.findByCode(code))
  if (existing) return existing
  const root = await withTenant(UNBOUND_GLOBAL_SCOPE, () => tenantDirectory.root())
  return withTenant({ scope: 'city', tenantId: root.id, rootTenantId: root.id }, () =>
    new CreateTenant(SYSTEM_ACTOR).handle({ code, nameZh, nameEn })
  )
}

/**
 * A market entity with an owner account, written as the owner role (global
 * tables, outside any request), and a project form that the routing rule
 * sends to the district `regionCode`.
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

export function projectBody(regionCode: string, overrides: Record<string, unknown> = {}) {
  return {
    name: '示例道路改造工程',
    category: 'construction',
    approvalLevel: 'district',
    approvingAuthority: '区发展和改革委员会',
    investProjectCode: '2024-500101-48-01-012345',
    fundSource: 'district_finance',
    legallyBound: true,
    amount: '12345678.90',
    regionCode,
    contactName: '张三',
    contactPhone: '13800000000',
    ...overrides,
  }
}
