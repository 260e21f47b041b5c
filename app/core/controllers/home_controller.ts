import type { HttpContext } from '@adonisjs/core/http'
import { tenantDirectory } from '#tenancy/tenant_directory'
import { tenantTransformer } from '#tenancy/transformers/tenant_transformer'

export default class HomeController {
  /** The city-wide home: the city and every district and county platform */
  async index({ inertia, i18n }: HttpContext) {
    const tenants = await tenantDirectory.all()
    return inertia.render('core/home', {
      platforms: tenants.map((t) => tenantTransformer.forLayout(t, i18n.locale)),
    })
  }

  async health({ response }: HttpContext) {
    return response.send({ status: 'ok' })
  }
}
