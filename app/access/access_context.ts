import type { HttpContext } from '@adonisjs/core/http'
import { ForbiddenException } from '#access/exceptions'
import {
  type AppAbility,
  type Action,
  type Subject,
  defineAbilityFor,
  loadAccessFacts,
} from '#access/ability'
import { CITY_WIDE_ROLES, type StaffRole } from '#access/roles'
import { tenantDirectory } from '#tenancy/tenant_directory'
import StaffMembership from '#identity/models/staff_membership'
import EntityMember from '#identity/models/entity_member'
import type Account from '#identity/models/account'

export interface AccessContext {
  account: Account | null
  memberships: StaffMembership[]
  entityIds: number[]
  tenantRoles: StaffRole[]
  cityRoles: StaffRole[]
  /** Holds any staff role at the city */
  isCityStaff: boolean
  /** Holds a city-wide role at the city: reads every district's rows there */
  readsWholeCity: boolean
  ability: AppAbility
}

/**
 * Loads the account's memberships and builds the ability once per request.
 */
export async function loadAccess(ctx: HttpContext): Promise<AccessContext> {
  if (ctx.access) return ctx.access
  const account = (ctx.auth.user as Account | undefined) ?? null
  const root = await tenantDirectory.root()
  const memberships = account ? await StaffMembership.query().where('account_id', account.id) : []
  const entityMembers = account ? await EntityMember.query().where('account_id', account.id) : []
  const entityIds = entityMembers.map((m) => m.entityId)
  const tenantId = ctx.tenant?.id ?? null
  const atCity = memberships.filter((m) => m.tenantId === root.id)
  const atTenant = memberships.filter((m) => m.tenantId === tenantId)
  const cityRoles = atCity.map((m) => m.role)
  const tenantRoles = atTenant.map((m) => m.role)
  const facts = await loadAccessFacts(account?.id ?? null)
  ctx.access = {
    account,
    memberships,
    entityIds,
    tenantRoles,
    cityRoles,
    isCityStaff: cityRoles.length > 0,
    readsWholeCity: cityRoles.some((role) => CITY_WIDE_ROLES.includes(role)),
    ability: defineAbilityFor({
      accountId: account?.id ?? null,
      tenantId,
      rootTenantId: root.id,
      tenantRoles,
      cityRoles,
      tenantCategories: supervisedCategories(atTenant),
      cityCategories: supervisedCategories(atCity),
      entityIds,
      facts,
    }),
  }
  return ctx.access
}

function supervisedCategories(memberships: StaffMembership[]) {
  return memberships.filter((m) => m.role === 'supervisor').flatMap((m) => m.categories)
}

/** Refuses with 403 unless the ability allows it */
export async function authorize(ctx: HttpContext, action: Action, subject: Subject) {
  const { ability } = await loadAccess(ctx)
  if (!ability.can(action, subject as any)) throw new ForbiddenException()
}

declare module '@adonisjs/core/http' {
  export interface HttpContext {
    access?: AccessContext
  }
}
