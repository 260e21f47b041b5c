import type { HttpContext } from '@adonisjs/core/http'
import { tenantTransformer } from '#tenancy/transformers/tenant_transformer'

export default class TenantHomeController {
  async show({ inertia, tenant, i18n }: HttpContext) {
    return inertia.render('tenancy/home', {
      platform: tenantTransformer.forLayout(tenant!, i18n.locale),
    })
  }
}
