import type { HttpContext } from '@adonisjs/core/http'
import { tenantTransformer } from '#tenancy/transformers/tenant_transformer'
import { portalListing } from '#disclosure/portal_listing'

export default class TenantHomeController {
  async show(ctx: HttpContext) {
    return ctx.inertia.render('tenancy/home', {
      platform: tenantTransformer.forLayout(ctx.tenant!, ctx.i18n.locale),
      portal: await portalListing(ctx, ctx.tenant!),
    })
  }
}
