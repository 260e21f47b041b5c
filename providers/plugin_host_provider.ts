import type { ApplicationService } from '@adonisjs/core/types'
import { installedPlugins } from '#plugin_host/installed'
import { loadPlugins } from '#plugin_host/plugin_host'
import { registerProcedure } from '#trading/engine/define_procedure'

/**
 * Validates every installed plugin manifest at boot: a bad manifest stops
 * the boot with one line naming the plugin and the field.
 */
export default class PluginHostProvider {
  constructor(protected app: ApplicationService) {}

  async boot() {
    const registry = loadPlugins(await installedPlugins())
    for (const manifest of registry.all()) {
      if (!manifest.procedures) continue
      const { default: procedures } = await manifest.procedures()
      procedures.forEach(registerProcedure)
    }
    await import('#plugin_host/abilities')
  }
}
