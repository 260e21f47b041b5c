import app from '@adonisjs/core/services/app'
import { defineConfig, formatters, loaders } from '@adonisjs/i18n'
import { installedPlugins } from '#plugin_host/installed'
import { pluginPath } from '#plugin_host/plugins_config'

const plugins = await installedPlugins()
const pluginLangFolders = plugins
  .map((plugin) => pluginPath(app.makePath(), plugin, plugin.manifest.lang ?? 'resources/lang'))
  .filter((path): path is string => path !== undefined)

/**
 * Chinese first, English one click away. Core strings live in
 * resources/lang/<locale>/*.json; plugins add theirs from their own folders.
 */
const i18nConfig = defineConfig({
  defaultLocale: 'zh-CN',
  supportedLocales: ['zh-CN', 'en'],
  fallbackLocales: { en: 'zh-CN' },
  formatter: formatters.icu(),
  loaders: [
    loaders.fs({ location: app.languageFilesPath() }),
    ...pluginLangFolders.map((folder) => loaders.fs({ location: app.makePath(folder) })),
  ],
})

export default i18nConfig
