import { subject } from '@casl/ability'
import { contributeAbilities, type AppAbility } from '#access/ability'
import { CENTER_ROLES, TRADE_CATEGORIES } from '#access/roles'
import { currentScopeOrFail } from '#tenancy/tenant_context'

/**
 * Who reaches supervision (ARCHITECTURE.md §3, §7). Subjects:
 * - Alert { tenantId, category }: supervisors of the tenant and category read
 *   and decide ('update': dismiss, open a case; 'suspend': suspend and resume
 *   the trade); city supervisors read every district's alerts of their
 *   categories; the trading centre and auditors read, and never decide.
 * - SupervisionCase { tenantId, category }: the same supervisors open, note
 *   and close cases ('update'); the same readers read them.
 * - AlertRule { tenantId }: the tenant's supervisors set thresholds.
 * - Complaint { tenantId, category, complainantEntityId }: complainants file
 *   and read their own; supervisors handle those of their categories.
 * - ComplaintAnswer { respondentEntityId }: the tenderer answers objections.
 * - SupervisionDashboard { tenantId }.
 */
contributeAbilities(({ can }, input) => {
  if (input.entityIds.length) {
    can('create', 'Complaint')
    can('read', 'Complaint', { complainantEntityId: { $in: input.entityIds } })
    can('read', 'Complaint', { respondentEntityId: { $in: input.entityIds } })
    can('update', 'ComplaintAnswer', { respondentEntityId: { $in: input.entityIds } })
  }
  if (input.tenantId === null) return
  const tenantId = input.tenantId
  if (input.tenantRoles.includes('supervisor')) {
    const mine = { tenantId, category: { $in: input.tenantCategories } }
    can(['read', 'update', 'suspend'], 'Alert', mine)
    can(['read', 'update'], 'SupervisionCase', mine)
    can(['read', 'update'], 'Complaint', mine)
    can(['read', 'update'], 'AlertRule', { tenantId })
    can('read', 'SupervisionDashboard', { tenantId })
  }
  if (input.cityRoles.includes('supervisor')) {
    const theirs = { category: { $in: input.cityCategories } }
    can('read', 'Alert', theirs)
    can('read', 'SupervisionCase', theirs)
    can('read', 'Complaint', theirs)
    can('read', 'SupervisionDashboard')
  }
  const reads = input.tenantRoles.some((role) => CENTER_ROLES.includes(role) || role === 'auditor')
  if (reads) {
    // The centre records and reports; it never decides a supervision outcome
    can('read', ['Alert', 'Complaint', 'SupervisionCase'], { tenantId })
    can('read', 'AlertRule', { tenantId })
    can('read', 'SupervisionDashboard', { tenantId })
  }
})

/** The categories of `type` rows the ability reads at this tenant: pushed into the SQL */
export function readableCategories(
  ability: AppAbility,
  type: 'Alert' | 'Complaint' | 'SupervisionCase',
  tenantId: number
) {
  return TRADE_CATEGORIES.filter((category) =>
    ability.can('read', subject(type, { tenantId, category }) as any)
  )
}

/**
 * The categories of `type` rows of other tenants the ability reads: only
 * city-wide grants (city supervisors) carry no tenant condition, so a row of
 * no tenant matches them and nothing bound to the reader's own tenant.
 */
export function cityWideCategories(
  ability: AppAbility,
  type: 'Alert' | 'Complaint' | 'SupervisionCase'
) {
  return TRADE_CATEGORIES.filter((category) =>
    ability.can('read', subject(type, { tenantId: null, category }) as any)
  )
}

/**
 * What a reader reaches of `type` rows: its own tenant's in `own` categories
 * and, at the city only (where RLS shows every district's rows), other
 * tenants' in `cityWide` categories. A city-level centre reads its own only.
 */
export interface CategoryReach {
  own: string[]
  cityWide: string[]
}

export function categoryReach(
  ability: AppAbility,
  type: 'Alert' | 'SupervisionCase',
  tenantId: number
): CategoryReach {
  return {
    own: readableCategories(ability, type, tenantId),
    cityWide: currentScopeOrFail().scope === 'city' ? cityWideCategories(ability, type) : [],
  }
}
