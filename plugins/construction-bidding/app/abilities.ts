import type { AbilityContributor } from '#access/ability'
import { CENTER_ROLES } from '#access/roles'

/**
 * Subject `ConstructionTender` { tenantId }: the centre's staff run the
 * platform side (witness, opening, evaluation); supervisors of the
 * construction category read every tender and may suspend; anyone acting
 * for a market entity reads tenders (tenderers act on their own projects'
 * tenders, bidders bid: the procedure's roles decide what each may do).
 */
const abilities: AbilityContributor = ({ can }, input) => {
  if (input.tenantId === null) return
  const tenant = { tenantId: input.tenantId }
  if (input.tenantRoles.some((role) => CENTER_ROLES.includes(role))) {
    can(['read', 'update'], 'ConstructionTender', tenant)
  }
  if (
    input.tenantCategories.includes('construction') ||
    input.cityCategories.includes('construction')
  ) {
    can(['read', 'suspend'], 'ConstructionTender', tenant)
  }
  if (input.entityIds.length) {
    can(['read', 'create'], 'ConstructionTender', tenant)
  }
}

export default abilities
