import pg from 'pg'
import type { ApplicationService } from '@adonisjs/core/types'
import { installTenantConnectionResolver } from '#tenancy/tenant_context'
import { assertSafeLoginRole } from '#tenancy/login_role_check'

/**
 * Binds Lucid to the tenant transaction (lucid-rls.md §1.3) and refuses to
 * serve when the login role could bypass row-level security.
 */
export default class TenancyProvider {
  constructor(protected app: ApplicationService) {}

  async boot() {
    // int8 ids arrive as strings; every id here fits a double
    pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => {
      const parsed = Number(value)
      if (!Number.isSafeInteger(parsed)) throw new Error(`int8 ${value} exceeds the safe range`)
      return parsed
    })
    const db = await this.app.container.make('lucid.db')
    installTenantConnectionResolver(db)
  }

  async ready() {
    if (this.app.getEnvironment() === 'web') {
      const db = await this.app.container.make('lucid.db')
      await assertSafeLoginRole(db)
    }
  }
}
