import type { AppAbility } from '#access/ability'
import type Tenant from '#tenancy/models/tenant'
import { pluginRegistry } from '#plugin_host/plugin_host'
import { enabledPluginIds } from '#plugin_host/queries/enabled_plugins'

/** Menu entries of the plugins enabled here that the person may use */
export async function pluginMenu(tenant: Tenant, ability: AppAbility) {
  const enabled = await enabledPluginIds(tenant.id)
  return pluginRegistry()
    .all()
    .filter((manifest) => enabled.has(manifest.id))
    .flatMap((manifest) => manifest.menu ?? [])
    .filter(
      (entry) => !entry.ability || ability.can(entry.ability.action as any, entry.ability.subject)
    )
    .map((entry) => ({ label: entry.label, href: `/t/${tenant.code}${entry.path}` }))
}
