import { contributeAbilities } from '#access/ability'

/**
 * Plugin administration: the city admin decides which plugins districts may
 * enable and runs the city's own plugins; a centre admin runs its tenant's.
 */
contributeAbilities(({ can }, input) => {
  if (input.cityRoles.includes('city_admin')) {
    can('manage', 'PluginPolicy')
    can('read', 'PluginCatalogue')
    can('manage', 'TenantPlugin', { tenantId: input.rootTenantId })
  }
  if (input.tenantId !== null && input.tenantRoles.includes('center_admin')) {
    can('manage', 'TenantPlugin', { tenantId: input.tenantId })
  }
})
