import { contributeAbilities } from '#access/ability'
import type { PluginManifest } from '#plugin_host/define_plugin'
import { PluginRegistry } from '#plugin_host/registry'

/**
 * The registry of this process, built once at boot from config/plugins.ts.
 */
let registry: PluginRegistry | undefined

export async function loadPlugins(
  installed: Array<() => Promise<{ default: PluginManifest }>>
): Promise<PluginRegistry> {
  const manifests = await Promise.all(installed.map(async (load) => (await load()).default))
  registry = new PluginRegistry(manifests)
  for (const manifest of registry.all()) {
    if (manifest.abilities) contributeAbilities(manifest.abilities)
  }
  return registry
}

export function pluginRegistry(): PluginRegistry {
  if (!registry) throw new Error('Plugins are not loaded yet (PluginHostProvider boots them)')
  return registry
}
