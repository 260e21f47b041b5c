import TenantPlugin from '#plugin_host/models/tenant_plugin'

/** Plugin ids enabled for a tenant (read in that tenant's scope). */
export async function enabledPluginIds(tenantId: number): Promise<Set<string>> {
  const rows = await TenantPlugin.query()
    .where('tenant_id', tenantId)
    .where('enabled', true)
    .select('plugin_id')
  return new Set(rows.map((row) => row.pluginId))
}
