import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig } from '@adonisjs/lucid'
import { databaseSettings } from '#core/database_settings'
import { installedPlugins } from '#plugin_host/installed'
import { pluginPath } from '#plugin_host/plugins_config'

/**
 * Two connections to the same database (ARCHITECTURE.md §2):
 * - `app`: the login role. No table grants of its own; every query runs in a
 *   tenant-scoped transaction that switches to a scope role (see app/tenancy).
 * - `owner`: owns the tables and runs migrations. Never used to serve requests.
 */
const settings = databaseSettings(env)

/* Plugin tables are created once at deploy time; enabling a plugin never runs DDL */
const root = app.makePath()
const plugins = await installedPlugins()
const pluginMigrations = plugins
  .map((plugin) => pluginPath(root, plugin, plugin.manifest.migrations ?? 'database/migrations'))
  .filter((path): path is string => path !== undefined)

const dbConfig = defineConfig({
  connection: 'app',
  connections: {
    app: {
      client: 'pg',
      connection: settings.app,
      pool: { min: 0, max: settings.poolMax },
      schemaGeneration: { enabled: false },
      migrations: { naturalSort: true, paths: [] },
    },
    owner: {
      client: 'pg',
      connection: settings.owner,
      pool: { min: 0, max: 2 },
      schemaGeneration: { enabled: false },
      migrations: {
        naturalSort: true,
        paths: ['database/migrations', ...pluginMigrations],
        disableRollbacksInProduction: true,
      },
      seeders: { paths: ['database/seeders'] },
      debug: app.inDev && env.get('LOG_LEVEL') === 'trace',
    },
  },
})

export default dbConfig
