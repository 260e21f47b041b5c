import type { HttpContext } from '@adonisjs/core/http'
import { tenantDirectory } from '#tenancy/tenant_directory'
import { tenantTransformer } from '#tenancy/transformers/tenant_transformer'
import { portalListing } from '#disclosure/portal_listing'

export default class HomeController {
  /** The city-wide portal: every platform's announcements, and every platform */
  async index(ctx: HttpContext) {
    const tenants = await tenantDirectory.all()
    return ctx.inertia.render('core/home', {
      platforms: tenants.map((t) => tenantTransformer.forLayout(t, ctx.i18n.locale)),
      portal: await portalListing(ctx),
    })
  }

  async health({ response }: HttpContext) {
    return response.send({ status: 'ok' })
  }
}
