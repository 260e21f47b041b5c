import { contributeAbilities } from '#access/ability'
import { CENTER_ROLES } from '#access/roles'

/**
 * Bids belong to the entity a person acts for; openings are run by the
 * trading centre of the tenant. Subjects: Bid { entityId }, Opening { tenantId }.
 */
contributeAbilities(({ can }, input) => {
  if (input.entityIds.length) {
    can(['create', 'read', 'update', 'delete'], 'Bid', { entityId: { $in: input.entityIds } })
  }
  if (input.tenantId !== null && input.tenantRoles.some((role) => CENTER_ROLES.includes(role))) {
    can('manage', 'Opening', { tenantId: input.tenantId })
  }
})
