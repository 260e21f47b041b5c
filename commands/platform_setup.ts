import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { preflight, provisionDatabase } from '#core/database_provisioning'

/**
 * Creates what the platform needs on a database server it has never seen:
 * the owner, login and scope roles, and the database owned by the owner.
 * Idempotent: running it again reuses what exists.
 */
export default class PlatformSetup extends BaseCommand {
  static commandName = 'platform:setup'
  static description =
    'Check PostgreSQL and Redis, then create the database roles and the database when absent'
  static options: CommandOptions = { startApp: false }

  @flags.boolean({ description: 'Drop and recreate the database (refused unless NODE_ENV=test)' })
  declare fresh: boolean

  async run() {
    const { default: env } = await import('#start/env')
    const problems = await preflight(env)
    if (problems.length) {
      this.logger.error(problems.join(' '))
      this.exitCode = 1
      return
    }
    if (this.fresh && env.get('NODE_ENV') !== 'test') {
      this.logger.error('--fresh drops the database and is allowed only with NODE_ENV=test')
      this.exitCode = 1
      return
    }
    const report = await provisionDatabase(env, { fresh: this.fresh })
    for (const line of report) this.logger.info(line)
  }
}
