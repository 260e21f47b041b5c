import db from '@adonisjs/lucid/services/db'
import { recordAudit, type AuditActor } from '#audit/audit_log'
import { RuleViolation } from '#core/rule_violation'
import { currentScopeOrFail } from '#tenancy/tenant_context'
import { tenantDirectory } from '#tenancy/tenant_directory'
import type Tenant from '#tenancy/models/tenant'
import Project from '#trading/projects/models/project'
import { MAX_PROJECT_SERIAL, platformCode, projectCode } from '#trading/projects/project_code'
import {
  type ApprovalLevel,
  type FundSource,
  type ProjectCategory,
  routeProject,
} from '#trading/projects/platform_routing'
import { WrongPlatform } from '#trading/projects/wrong_platform'
import { assertCreditAllows } from '#trading/credit_gate'

export interface RegisterProjectInput {
  name: string
  category: ProjectCategory
  approvalLevel: ApprovalLevel
  approvingAuthority: string
  investProjectCode?: string
  fundSource: FundSource
  legallyBound: boolean
  amount: string
  regionCode: string
  contactName: string
  contactPhone: string
}

/**
 * Registers a project for a market entity on the tenant's platform, after
 * the routing rule has agreed that it belongs there, and numbers it with the
 * platform's next serial. Runs in the request's tenant transaction.
 */
export class RegisterProject {
  constructor(private readonly actor: AuditActor) {}

  async handle(tenant: Tenant, entityId: number, input: RegisterProjectInput) {
    const routing = routeProject(input, tenant.code)
    if (routing.tenantCode !== tenant.code) {
      const platform = await tenantDirectory.findByCode(routing.tenantCode)
      if (!platform) throw new Error(`Routing names unknown tenant ${routing.tenantCode}`)
      throw new WrongPlatform(routing, platform)
    }
    await assertCreditAllows(
      entityId,
      { stage: 'project_registration', category: input.category, regionCode: tenant.code },
      this.actor
    )

    const serial = await this.nextSerial()
    const project = await Project.create({
      code: projectCode(platformCode(tenant.code), serial),
      serial,
      entityId,
      name: input.name,
      category: input.category,
      approvalLevel: input.approvalLevel,
      approvingAuthority: input.approvingAuthority,
      investProjectCode: input.investProjectCode ?? null,
      fundSource: input.fundSource,
      legallyBound: input.legallyBound,
      amount: input.amount,
      regionCode: input.regionCode,
      contactName: input.contactName,
      contactPhone: input.contactPhone,
      createdBy: this.actor.accountId!,
    })
    await recordAudit(this.actor, {
      action: 'project.register',
      subjectType: 'project',
      subjectId: project.id,
      payload: {
        tenant: tenant.code,
        code: project.code,
        entity: entityId,
        name: project.name,
        category: project.category,
        approvalLevel: project.approvalLevel,
        fundSource: project.fundSource,
        legallyBound: project.legallyBound,
        amount: project.amount,
        region: project.regionCode,
        routing: routing.reason,
      },
    })
    return project
  }

  /**
   * The counter row's lock orders concurrent registrations of one platform,
   * and it is released with this transaction: serials are consecutive and a
   * rolled-back registration uses none.
   */
  private async nextSerial(): Promise<number> {
    const scope = currentScopeOrFail()
    const { rows } = await db.rawQuery(
      `insert into project_serials as s (root_tenant_id, tenant_id, last_serial) values (?, ?, 1)
       on conflict (root_tenant_id, tenant_id)
         do update set last_serial = s.last_serial + 1 where s.last_serial < ?
       returning last_serial`,
      [scope.rootTenantId, scope.tenantId, MAX_PROJECT_SERIAL]
    )
    if (!rows.length) throw new RuleViolation('name', 'trading.projects.errors.serials_exhausted')
    return rows[0].last_serial
  }
}
