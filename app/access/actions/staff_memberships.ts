import type { I18n } from '@adonisjs/i18n'
import db from '@adonisjs/lucid/services/db'
import { recordAudit, type AuditActor } from '#audit/audit_log'
import { RuleViolation } from '#core/rule_violation'
import Account from '#identity/models/account'
import StaffMembership from '#identity/models/staff_membership'
import type Tenant from '#tenancy/models/tenant'
import { CITY_ONLY_ROLES, type StaffRole } from '#access/roles'
import {
  type SeparationConflict,
  separationConflict,
  separationConflictOf,
} from '#access/separation_of_duties'

/**
 * Staff memberships of one tenant (ARCHITECTURE.md §3). The caller has
 * authorized the change; these actions keep the rules every membership obeys
 * whoever asks: city_admin only at the city, 管办分离 and 三端分离.
 */
export interface AddStaffInput {
  uid: string
  role: StaffRole
  department?: string
  categories?: string[]
}

export class AddStaffMembership {
  constructor(
    private readonly actor: AuditActor,
    private readonly i18n: I18n
  ) {}

  async handle(tenant: Tenant, input: AddStaffInput) {
    if (CITY_ONLY_ROLES.includes(input.role) && !tenant.isCity) {
      throw new RuleViolation('role', 'access.errors.city_only_role', {
        role: this.roleName(input.role),
      })
    }
    const account = await Account.query()
      .where('email', input.uid)
      .orWhere('mobile', input.uid)
      .first()
    if (!account) throw new RuleViolation('uid', 'access.errors.account_not_found')

    const existing = await StaffMembership.query()
      .where('account_id', account.id)
      .where('tenant_id', tenant.id)
    const held = existing.map((membership) => membership.role)
    if (held.includes(input.role)) {
      throw new RuleViolation(
        'role',
        'access.errors.already_holds',
        { role: this.roleName(input.role) },
        409
      )
    }
    const conflict = separationConflict(held, input.role)
    if (conflict) throw this.separationViolation(input.role, conflict)

    let membership: StaffMembership
    try {
      membership = await StaffMembership.create({
        accountId: account.id,
        tenantId: tenant.id,
        role: input.role,
        department: input.department ?? null,
        categories: input.categories ?? [],
        createdBy: this.actor.accountId,
      })
    } catch (error) {
      // A concurrent request granted the other side first: the trigger refused
      const raced = separationConflictOf(error)
      if (raced) throw this.separationViolation(input.role, raced)
      throw error
    }
    await recordAudit(this.actor, {
      action: 'staff.add',
      subjectType: 'staff_membership',
      subjectId: membership.id,
      payload: {
        tenant: tenant.code,
        account: account.id,
        role: membership.role,
        department: membership.department,
        categories: membership.categories,
      },
    })
    return membership
  }

  private separationViolation(wanted: StaffRole, conflict: SeparationConflict) {
    return new RuleViolation('role', `access.errors.separation.${conflict.rule}`, {
      role: this.roleName(wanted),
      held: this.roleName(conflict.held),
    })
  }

  private roleName(role: StaffRole) {
    return this.i18n.t(`ui_access.roles.${role}`)
  }
}

/** Without one of these a platform has nobody left to appoint its staff */
const ADMIN_ROLES: readonly StaffRole[] = ['center_admin', 'city_admin']

export class RemoveStaffMembership {
  constructor(private readonly actor: AuditActor) {}

  async handle(tenant: Tenant, membership: StaffMembership) {
    if (ADMIN_ROLES.includes(membership.role)) {
      // Serialized per tenant, so two admins removing each other at once cannot both succeed
      await db.rawQuery(`select pg_advisory_xact_lock(hashtext('staff.admins'), ?)`, [tenant.id])
      const admins = await StaffMembership.query()
        .where('tenant_id', tenant.id)
        .whereIn('role', [...ADMIN_ROLES])
      if (admins.length <= 1) {
        throw new RuleViolation('membership', 'access.errors.last_admin', {}, 409)
      }
    }
    await membership.delete()
    await recordAudit(this.actor, {
      action: 'staff.remove',
      subjectType: 'staff_membership',
      subjectId: membership.id,
      payload: { tenant: tenant.code, account: membership.accountId, role: membership.role },
    })
  }
}
