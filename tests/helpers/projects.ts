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

/** A project form that the routing rule sends to the district `regionCode` */
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
