import { basename } from 'node:path'
import { contributeAbilities, contributeAccessFacts } from '#access/ability'
import { ManifestError, PluginRegistry } from '#plugin_host/registry'
import type { InstalledPlugin } from '#plugin_host/plugins_config'

/**
 * The registry of this process, built once at boot from config/plugins.ts.
 */
let registry: PluginRegistry | undefined
let folders = new Map<string, string>()

export function loadPlugins(installed: InstalledPlugin[]): PluginRegistry {
  for (const { folder, manifest } of installed) {
    if (manifest?.id && basename(folder) !== manifest.id) {
      throw new ManifestError(manifest.id, 'id', `must equal its folder name "${basename(folder)}"`)
    }
  }
  registry = new PluginRegistry(installed.map((plugin) => plugin.manifest))
  folders = new Map(installed.map((plugin) => [plugin.manifest.id, plugin.folder]))
  for (const manifest of registry.all()) {
    if (manifest.abilities) contributeAbilities(manifest.abilities)
    if (manifest.accessFacts) contributeAccessFacts(manifest.accessFacts)
  }
  return registry
}

export function pluginRegistry(): PluginRegistry {
  if (!registry) throw new Error('Plugins are not loaded yet (PluginHostProvider boots them)')
  return registry
}

/** Global tables declared by the installed plugins (none before boot) */
export function pluginGlobalTables(): string[] {
  return registry?.all().flatMap((manifest) => manifest.globalTables ?? []) ?? []
}

export function pluginFolder(id: string) {
  return folders.get(id)
}
