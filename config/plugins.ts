import type { PluginManifest } from '#plugin_host/define_plugin'

/**
 * The installed plugins. `node ace make:plugin <id>` adds its line here.
 * Trade categories, the expert pool and the credit module arrive as plugins
 * in their own issues.
 */
const installedPlugins: Array<() => Promise<{ default: PluginManifest }>> = []

export default installedPlugins
