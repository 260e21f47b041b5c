import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'

export default class TenantPingController {
  /**
   * A tenant health probe: the tenant resolves and its database context
   * answers with its own id (also the bench's full-stack tenant route).
   */
  async show({ tenant }: HttpContext) {
    const { rows } = await db.rawQuery(`select app.current_tenant() as tenant_id`)
    return { tenant: tenant!.code, tenantId: rows[0].tenant_id }
  }
}
