import { contributeAbilities } from '#access/ability'
import { CENTER_ROLES } from '#access/roles'

/**
 * Projects (subject `Project`: { tenantId, entityId }): members of a market
 * entity register and read the entity's projects on any platform; the
 * centre's staff read every project of their own tenant.
 */
contributeAbilities(({ can }, input) => {
  if (input.tenantId === null) return
  const own = { tenantId: input.tenantId, entityId: { $in: input.entityIds } }
  can(['create', 'read'], 'Project', own)
  if (input.tenantRoles.some((role) => CENTER_ROLES.includes(role))) {
    can('read', 'Project', { tenantId: input.tenantId })
  }
})
