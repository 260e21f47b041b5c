import db from '@adonisjs/lucid/services/db'
import { recordAudit, SYSTEM_ACTOR, type AuditEntry } from '#audit/audit_log'
import { withTenant, type TenantScope } from '#tenancy/tenant_context'
import { tenantDirectory } from '#tenancy/tenant_directory'
import { tenantOf } from '#tests/helpers/plugins'

/** The city scope: reads every tenant's rows under the root */
export async function cityScope(): Promise<TenantScope> {
  const root = await tenantOf('500000')
  return { scope: 'city', tenantId: root.id, rootTenantId: root.id }
}

export interface StoredEvent {
  id: number
  tenant_id: number
  seq: number
  action: string
  subject_type: string
  subject_id: string | null
  actor_account_id: number | null
  payload: any
  prev_hash: string
  hash: string
}

/** Audit events matching `where`, oldest first, read as the app in the city scope */
export async function auditEvents(where: Record<string, unknown>): Promise<StoredEvent[]> {
  return withTenant(await cityScope(), () =>
    db.from('audit_events').where(where).orderBy('id').select('*')
  )
}

/** Appends one event to a tenant's own chain, as a request in that tenant would */
export async function appendEvent(code: string, entry: AuditEntry) {
  const tenant = await tenantOf(code)
  return withTenant({ scope: 'tenant', tenantId: tenant.id, rootTenantId: tenant.rootId }, () =>
    recordAudit(SYSTEM_ACTOR, entry)
  )
}

/**
 * Tenants a test created, removed as the owner so later tests still see the
 * seeded 39 (their events stay on the city's chain).
 */
export async function dropTenants(codes: string[]) {
  const owner = db.connection('owner')
  const ids = await owner.from('tenants').whereIn('code', codes).select('id')
  const tenantIds = ids.map((row: { id: number }) => row.id)
  if (tenantIds.length) {
    await owner.from('staff_memberships').whereIn('tenant_id', tenantIds).delete()
    await owner.from('tenants').whereIn('id', tenantIds).delete()
  }
  tenantDirectory.invalidate()
}
