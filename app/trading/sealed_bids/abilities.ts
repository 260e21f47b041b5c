import { contributeAbilities } from '#access/ability'
import { CENTER_ROLES } from '#access/roles'

/**
 * Bids belong to the entity a person acts for; openings are run by the
 * trading centre of the tenant and watched by its supervisors and the
 * trade's bidders. Subjects: Bid { entityId }, Opening { tenantId, participant }.
 */
contributeAbilities(({ can }, input) => {
  if (input.entityIds.length) {
    can(['create', 'read', 'update', 'delete'], 'Bid', { entityId: { $in: input.entityIds } })
    can('read', 'Opening', { participant: true })
  }
  if (input.tenantId === null) return
  if (input.tenantRoles.some((role) => CENTER_ROLES.includes(role))) {
    can('manage', 'Opening', { tenantId: input.tenantId })
  }
  if (input.tenantRoles.includes('supervisor')) {
    can('read', 'Opening', { tenantId: input.tenantId })
  }
})
