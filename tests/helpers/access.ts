import db from '@adonisjs/lucid/services/db'
import { withTenant, type TenantScope } from '#tenancy/tenant_context'
import { tenantOf } from '#tests/helpers/plugins'
import type Account from '#identity/models/account'

/** The scope a request in tenant `code` runs in (its own rows) */
export async function tenantScope(code: string): Promise<TenantScope> {
  const tenant = await tenantOf(code)
  return { scope: 'tenant', tenantId: tenant.id, rootTenantId: tenant.rootId }
}

/** The roles an account holds in tenant `code`, read as the owner */
export async function rolesIn(account: Account, code: string): Promise<string[]> {
  const tenant = await tenantOf(code)
  const rows = await db
    .connection('owner')
    .from('staff_memberships')
    .where('account_id', account.id)
    .where('tenant_id', tenant.id)
    .orderBy('role')
    .select('role')
  return rows.map((row: { role: string }) => row.role)
}

/** The audit events about one subject in tenant `code`'s chain, oldest first */
export async function auditTrail(code: string, subjectType: string, subjectId: number) {
  return withTenant(await tenantScope(code), () =>
    db
      .from('audit_events')
      .where('subject_type', subjectType)
      .where('subject_id', String(subjectId))
      .orderBy('seq')
      .select('action', 'actor_account_id')
  )
}

/** Gives an account a random unused mobile number, as the owner */
export async function giveMobile(account: Account) {
  const mobile = `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`
  await db.connection('owner').from('accounts').where('id', account.id).update({ mobile })
  return mobile
}

export async function accountStatus(account: Account) {
  const row = await db
    .connection('owner')
    .from('accounts')
    .where('id', account.id)
    .select('status', 'disabled_at')
    .firstOrFail()
  return row as { status: string; disabled_at: Date | null }
}
