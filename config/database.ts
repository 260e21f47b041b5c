import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig } from '@adonisjs/lucid'
import { databaseSettings } from '#core/database_settings'

/**
 * Two connections to the same database (ARCHITECTURE.md §2):
 * - `app`: the login role. No table grants of its own; every query runs in a
 *   tenant-scoped transaction that switches to a scope role (see app/tenancy).
 * - `owner`: owns the tables and runs migrations. Never used to serve requests.
 */
const settings = databaseSettings(env)

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
        paths: ['database/migrations'],
        disableRollbacksInProduction: true,
      },
      seeders: { paths: ['database/seeders'] },
      debug: app.inDev && env.get('LOG_LEVEL') === 'trace',
    },
  },
})

export default dbConfig
