import { AbilityBuilder, createMongoAbility, type MongoAbility } from '@casl/ability'
import type { StaffRole } from '#access/roles'

/**
 * One CASL ability per request (ARCHITECTURE.md §3), built from the account,
 * the current tenant and the account's memberships. The same rules reach the
 * page (to hide controls) and guard every action on the server.
 */
export type Action = 'manage' | 'create' | 'read' | 'update' | 'suspend' | 'disable' | 'verify'
export type Subject =
  | 'Tenant'
  | 'StaffMembership'
  | 'AuditEvent'
  | 'MarketEntity'
  | 'Account'
  | 'CityAdmin'
  | 'PluginPolicy'
  | 'PluginCatalogue'
  | 'TenantPlugin'
  | 'all'
  | Record<string, any>

export type AppAbility = MongoAbility<[Action, Subject | string]>

export interface AbilityInput {
  accountId: number | null
  /** The tenant the request is in (none for global routes) */
  tenantId: number | null
  rootTenantId: number | null
  /** Roles at the current tenant */
  tenantRoles: StaffRole[]
  /** Roles held at the city (root) tenant */
  cityRoles: StaffRole[]
  /** Entities the account acts for */
  entityIds: number[]
}

/** Extra rules contributed by plugins (issue [plugins]) */
export type AbilityContributor = (
  builder: AbilityBuilder<AppAbility>,
  input: AbilityInput
) => void

const contributors: AbilityContributor[] = []

export function contributeAbilities(contributor: AbilityContributor) {
  contributors.push(contributor)
}

export function defineAbilityFor(input: AbilityInput): AppAbility {
  const builder = new AbilityBuilder<AppAbility>(createMongoAbility)
  const { can } = builder

  can('read', 'Tenant')
  if (input.accountId === null) return builder.build()

  can(['read', 'update'], 'Account', { id: input.accountId })
  can('create', 'MarketEntity')
  can(['read', 'update'], 'MarketEntity', { id: { $in: input.entityIds } })

  if (input.cityRoles.includes('city_admin')) {
    can(['create', 'update', 'suspend'], 'Tenant')
    can('manage', 'StaffMembership')
    can('read', 'AuditEvent')
    can('disable', 'Account')
    can('manage', 'CityAdmin')
  }
  if (input.cityRoles.includes('auditor')) can('read', 'AuditEvent')

  if (input.tenantId !== null) {
    if (input.tenantRoles.includes('center_admin')) {
      can('manage', 'StaffMembership', { tenantId: input.tenantId })
      can('disable', 'Account')
    }
    if (input.tenantRoles.includes('auditor')) can('read', 'AuditEvent', { tenantId: input.tenantId })
  }

  for (const contribute of contributors) contribute(builder, input)
  return builder.build()
}
