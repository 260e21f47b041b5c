import TenantPlugin from '#plugin_host/models/tenant_plugin'
import PluginPolicy from '#plugin_host/models/plugin_policy'

/**
 * Where each plugin is enabled, read in the city scope (every tenant's
 * rows under the root), and whether districts may enable it.
 */
export async function catalogueMatrix(rootTenantId: number) {
  const rows = await TenantPlugin.query()
    .where('root_tenant_id', rootTenantId)
    .where('enabled', true)
    .select('tenant_id', 'plugin_id')
  const enabledAt = new Map<string, Set<number>>()
  for (const row of rows) {
    if (!enabledAt.has(row.pluginId)) enabledAt.set(row.pluginId, new Set())
    enabledAt.get(row.pluginId)!.add(row.tenantId)
  }
  return { enabledAt, policies: await districtPolicies() }
}

/** Plugin id → whether districts may enable it */
export async function districtPolicies() {
  const policies = await PluginPolicy.all()
  return new Map(policies.map((policy) => [policy.pluginId, policy.districtsAllowed]))
}

export async function tenantPluginRows(tenantId: number) {
  const rows = await TenantPlugin.query().where('tenant_id', tenantId)
  return new Map(rows.map((row) => [row.pluginId, row]))
}
