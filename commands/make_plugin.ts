import { BaseCommand, args } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { scaffoldPlugin } from '#plugin_host/scaffold/scaffold_plugin'

/**
 * Creates a working plugin folder and registers it in config/plugins.ts.
 */
export default class MakePlugin extends BaseCommand {
  static commandName = 'make:plugin'
  static description = 'Create a plugin (manifest, route, page, migration, lang files, test)'
  static options: CommandOptions = { startApp: false }

  @args.string({ description: 'Plugin id, kebab-case (e.g. land-rights)' })
  declare id: string

  async run() {
    try {
      const created = await scaffoldPlugin(this.app.makePath(), this.id, Date.now())
      for (const file of created) this.logger.action(`create ${file}`).succeeded()
      this.logger.action('update config/plugins.ts').succeeded()
      this.logger.info(`run "npm run migrate", then enable "${this.id}" for a tenant`)
    } catch (error) {
      this.logger.error((error as Error).message)
      this.exitCode = 1
    }
  }
}
