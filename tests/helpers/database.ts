import testUtils from '@adonisjs/core/services/test_utils'
import { seedCalendar, seedClockMode, seedTenants } from '#core/seeding/seed_platform'

/** Migrates the fresh test database as the owner and seeds reference data. */
export async function prepareTestDatabase() {
  await testUtils.db('owner').migrate()
  await seedTenants()
  await seedCalendar()
  await seedClockMode('test')
}
