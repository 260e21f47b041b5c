import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * Seeds the tenants, the working-day calendar and (unless --no-demo) the demo
 * accounts. Safe to run again: it keeps what exists.
 */
export default class PlatformSeed extends BaseCommand {
  static commandName = 'platform:seed'
  static description = 'Seed the city and district tenants, the calendar and the demo accounts'
  static options: CommandOptions = { startApp: true }

  @flags.boolean({ description: 'Seed the demo accounts too', default: true })
  declare demo: boolean

  async run() {
    const seeding = await import('#core/seeding/seed_platform')
    await seeding.seedTenants()
    await seeding.seedCalendar()
    const { default: env } = await import('#start/env')
    const mode = this.app.inProduction
      ? 'production'
      : env.get('CLOCK_OFFSET_ALLOWED')
        ? 'demo'
        : 'production'
    await seeding.seedClockMode(mode)
    this.logger.info('tenants and calendar seeded')
    if (this.demo) {
      await seeding.seedDemoAccounts()
      this.logger.info('demo accounts seeded (see README)')
      const { pluginRegistry } = await import('#plugin_host/plugin_host')
      const { seedPluginDemos } = await import('#core/seeding/plugin_demos')
      for (const { pluginId, phase } of await seedPluginDemos(pluginRegistry().all())) {
        this.logger.info(`demo data of ${pluginId} seeded (phase ${phase})`)
      }
    }
  }
}
