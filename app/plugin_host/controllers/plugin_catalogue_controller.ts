import type { HttpContext } from '@adonisjs/core/http'
import { authorize } from '#access/access_context'
import { requestActor } from '#audit/request_actor'
import { wantsJson } from '#core/api_errors'
import { tenantDirectory } from '#tenancy/tenant_directory'
import { tenantTransformer } from '#tenancy/transformers/tenant_transformer'
import { pluginRegistry } from '#plugin_host/plugin_host'
import { SetDistrictPolicy } from '#plugin_host/actions/plugin_enablement'
import { catalogueMatrix } from '#plugin_host/queries/plugin_catalogue'
import { pluginTransformer } from '#plugin_host/transformers/plugin_transformer'
import { districtPolicyValidator } from '#plugin_host/validators/plugin_enablement'

/** The city admin's catalogue: every plugin and where it is enabled. */
export default class PluginCatalogueController {
  async index(ctx: HttpContext) {
    await authorize(ctx, 'read', 'PluginCatalogue')
    const tenants = await tenantDirectory.all()
    const { enabledAt, policies } = await catalogueMatrix(ctx.tenant!.rootId)
    const plugins = pluginRegistry()
      .all()
      .map((manifest) => ({
        ...pluginTransformer.forCatalogue(manifest, ctx.i18n.locale),
        districtsAllowed: policies.get(manifest.id) ?? false,
        enabledIn: tenants.filter((t) => enabledAt.get(manifest.id)?.has(t.id)).map((t) => t.code),
      }))
    const payload = {
      plugins,
      tenants: tenants.map((t) => tenantTransformer.forLayout(t, ctx.i18n.locale)),
    }
    if (wantsJson(ctx)) return { data: payload }
    return ctx.inertia.render('plugin_host/catalogue', payload)
  }

  async updatePolicy(ctx: HttpContext) {
    await authorize(ctx, 'manage', 'PluginPolicy')
    const { districtsAllowed } = await ctx.request.validateUsing(districtPolicyValidator)
    await new SetDistrictPolicy(requestActor(ctx)).handle(ctx.params.pluginId, districtsAllowed)
    if (wantsJson(ctx)) return { data: { pluginId: ctx.params.pluginId, districtsAllowed } }
    return ctx.response.redirect().back()
  }
}
