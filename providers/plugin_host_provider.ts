import type { ApplicationService } from '@adonisjs/core/types'
import { installedPlugins } from '#plugin_host/installed'
import { loadPlugins } from '#plugin_host/plugin_host'

/**
 * Validates every installed plugin manifest at boot: a bad manifest stops
 * the boot with one line naming the plugin and the field.
 */
export default class PluginHostProvider {
  constructor(protected app: ApplicationService) {}

  async boot() {
    loadPlugins(await installedPlugins())
    await import('#plugin_host/abilities')
  }
}
