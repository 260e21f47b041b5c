import { AbilityBuilder, createMongoAbility, type MongoAbility } from '@casl/ability'
import type { StaffRole } from '#access/roles'

/**
 * One CASL ability per request (ARCHITECTURE.md §3), built from the account,
 * the current tenant and the account's memberships. The same rules reach the
 * page (to hide controls) and guard every action on the server.
 *
 * Subjects with conditions are checked as `subject('<Type>', attributes)`:
 * - StaffMembership: { tenantId, role }
 * - Account (disable/enable): { id, staffTenantIds (distinct tenants of its
 *   memberships), cityAdmin }
 * - AuditEvent, TenantPlugin, ExpertDraw: { tenantId }
 * - Trade: { category } (placeholder for the trading issues)
 */
export type Action =
  'manage' | 'create' | 'read' | 'update' | 'delete' | 'suspend' | 'disable' | 'enable' | 'verify'
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
  | 'Trade'
  | 'Expert'
  | 'ExpertDraw'
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
  /** Trade categories supervised at the current tenant */
  tenantCategories: string[]
  /** Trade categories supervised at the city (they reach every district) */
  cityCategories: string[]
  /** Entities the account acts for */
  entityIds: number[]
  /** What plugins found out about the account for this request (see AccessFactLoader) */
  facts?: AccessFacts
}

/**
 * Facts about an account that its roles do not tell, loaded once per
 * request by the plugins that need them for their rules (e.g. the expert
 * pool: "this account is an expert's"). Contributors stay synchronous; the
 * asynchronous part happens here, in the request's transaction.
 */
export type AccessFacts = Record<string, boolean>
export type AccessFactLoader = (accountId: number) => Promise<AccessFacts>

const factLoaders: AccessFactLoader[] = []

export function contributeAccessFacts(loader: AccessFactLoader) {
  factLoaders.push(loader)
}

export async function loadAccessFacts(accountId: number | null): Promise<AccessFacts> {
  const facts: AccessFacts = {}
  if (accountId === null) return facts
  // One after another: they share the request's single transaction connection
  for (const loader of factLoaders) Object.assign(facts, await loader(accountId))
  return facts
}

/** Extra rules contributed by plugins (issue [plugins]) */
export type AbilityContributor = (builder: AbilityBuilder<AppAbility>, input: AbilityInput) => void

const contributors: AbilityContributor[] = []

export function contributeAbilities(contributor: AbilityContributor) {
  contributors.push(contributor)
}

export function defineAbilityFor(input: AbilityInput): AppAbility {
  const builder = new AbilityBuilder<AppAbility>(createMongoAbility)
  const { can, cannot } = builder
  const { tenantId, tenantRoles, cityRoles } = input
  const holds = (role: StaffRole) => tenantId !== null && tenantRoles.includes(role)

  can('read', 'Tenant')
  if (input.accountId === null) return builder.build()

  can(['read', 'update'], 'Account', { id: input.accountId })
  can('create', 'MarketEntity')
  can(['read', 'update'], 'MarketEntity', { id: { $in: input.entityIds } })

  if (cityRoles.includes('city_admin')) {
    can(['create', 'update', 'suspend'], 'Tenant')
    can('manage', 'StaffMembership')
    can('read', 'AuditEvent')
    can(['disable', 'enable'], 'Account')
    can('manage', 'CityAdmin')
  }
  if (cityRoles.includes('auditor')) {
    can('read', 'AuditEvent')
    can('read', 'StaffMembership')
  }
  if (cityRoles.includes('supervisor')) {
    can('read', 'Trade', { category: { $in: input.cityCategories } })
  }

  if (holds('center_admin')) {
    // Granting city_admin is the city admin's alone
    can('manage', 'StaffMembership', { tenantId, role: { $ne: 'city_admin' } })
    // Only accounts that are staff of this tenant alone, never a city admin
    can(['disable', 'enable'], 'Account', {
      staffTenantIds: { $all: [tenantId], $size: 1 },
      cityAdmin: false,
    })
  }
  if (holds('auditor')) {
    can('read', 'AuditEvent', { tenantId })
    can('read', 'StaffMembership', { tenantId })
  }
  if (holds('supervisor')) {
    can('read', 'Trade', { category: { $in: input.tenantCategories } })
    can('read', 'ExpertDraw', { tenantId })
  }
  if (holds('expert_admin')) can('manage', 'Expert')
  if (holds('expert_drawer')) can('create', 'ExpertDraw', { tenantId })

  // Nobody locks themselves out
  cannot(['disable', 'enable'], 'Account', { id: input.accountId })

  for (const contribute of contributors) contribute(builder, input)
  return builder.build()
}
