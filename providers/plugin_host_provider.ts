import type { ApplicationService } from '@adonisjs/core/types'
import { loadPlugins } from '#plugin_host/plugin_host'

/**
 * Validates every installed plugin manifest at boot: a bad manifest stops
 * the boot with one line naming the plugin and the field.
 */
export default class PluginHostProvider {
  constructor(protected app: ApplicationService) {}

  async boot() {
    const { default: installed } = await import('#config/plugins')
    await loadPlugins(installed)
  }
}
