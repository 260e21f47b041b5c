import { recordAudit, type AuditActor } from '#audit/audit_log'
import { RuleViolation } from '#core/rule_violation'
import { afterCommit } from '#tenancy/tenant_context'
import { tenantDirectory } from '#tenancy/tenant_directory'
import Tenant from '#tenancy/models/tenant'

/**
 * The city admin's provisioning of district tenants (ARCHITECTURE.md §2).
 * Each change runs in the request's transaction with its audit event (on
 * the city's chain: the city acts) and locks the tenant row, so two admins
 * editing at once are serialized rather than overwriting each other. The
 * tenant cache is dropped only after COMMIT: dropping it earlier could let
 * another request cache a row that is then rolled back.
 */
export interface TenantNames {
  nameZh: string
  nameEn: string
}

function snapshot(tenant: Tenant) {
  return {
    code: tenant.code,
    nameZh: tenant.nameZh,
    nameEn: tenant.nameEn,
    level: tenant.level,
    status: tenant.status,
    suspendedReason: tenant.suspendedReason,
  }
}

function lockTenant(id: number) {
  return Tenant.query().where('id', id).forUpdate().firstOrFail()
}

async function audited(
  actor: AuditActor,
  action: string,
  before: ReturnType<typeof snapshot> | null,
  tenant: Tenant
) {
  await recordAudit(actor, {
    action,
    subjectType: 'tenant',
    subjectId: tenant.code,
    payload: { before, after: snapshot(tenant) },
  })
  afterCommit(() => tenantDirectory.invalidate())
}

export class CreateTenant {
  constructor(private readonly actor: AuditActor) {}

  /** Districts only: the city is the one root and exists already */
  async handle(input: TenantNames & { code: string }) {
    const root = await tenantDirectory.root()
    const tenant = await Tenant.create({
      rootId: root.id,
      parentId: root.id,
      code: input.code,
      nameZh: input.nameZh,
      nameEn: input.nameEn,
      level: 'district',
      status: 'active',
      suspendedReason: null,
    })
    await audited(this.actor, 'tenant.create', null, tenant)
    return tenant
  }
}

export class RenameTenant {
  constructor(private readonly actor: AuditActor) {}

  async handle(tenantId: number, names: TenantNames) {
    const tenant = await lockTenant(tenantId)
    const before = snapshot(tenant)
    tenant.merge(names)
    if (!tenant.$isDirty) return tenant
    await tenant.save()
    await audited(this.actor, 'tenant.update', before, tenant)
    return tenant
  }
}

export class SuspendTenant {
  constructor(private readonly actor: AuditActor) {}

  async handle(tenantId: number, reason: string) {
    const tenant = await lockTenant(tenantId)
    // Suspending the root would shut every citizen out of the city platform
    if (tenant.isCity) throw new RuleViolation('tenant', 'tenancy.errors.city_not_suspendable')
    if (tenant.isSuspended) {
      throw new RuleViolation('tenant', 'tenancy.errors.already_suspended', {}, 409)
    }
    const before = snapshot(tenant)
    tenant.merge({ status: 'suspended', suspendedReason: reason })
    await tenant.save()
    await audited(this.actor, 'tenant.suspend', before, tenant)
    return tenant
  }
}

export class ResumeTenant {
  constructor(private readonly actor: AuditActor) {}

  async handle(tenantId: number) {
    const tenant = await lockTenant(tenantId)
    if (!tenant.isSuspended)
      throw new RuleViolation('tenant', 'tenancy.errors.not_suspended', {}, 409)
    const before = snapshot(tenant)
    tenant.merge({ status: 'active', suspendedReason: null })
    await tenant.save()
    await audited(this.actor, 'tenant.resume', before, tenant)
    return tenant
  }
}
