import { fileURLToPath } from 'node:url'
import app from '@adonisjs/core/services/app'
import pluginsConfig from '#config/plugins'
import { type InstalledPlugin, loadInstalledPlugins } from '#plugin_host/plugins_config'

/**
 * The installed plugins of this process, loaded once. Config files use it
 * too (migration paths, lang folders), so it reads manifests only: no
 * database, no container.
 */
let cached: Promise<InstalledPlugin[]> | undefined

export function installedPlugins(): Promise<InstalledPlugin[]> {
  cached ??= loadInstalledPlugins(pluginsConfig, fileURLToPath(app.appRoot))
  return cached
}
