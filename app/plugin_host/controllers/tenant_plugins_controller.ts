import type { HttpContext } from '@adonisjs/core/http'
import { subject } from '@casl/ability'
import { authorize } from '#access/access_context'
import { requestActor } from '#audit/request_actor'
import { wantsJson } from '#core/api_errors'
import { pluginRegistry } from '#plugin_host/plugin_host'
import { DisablePlugin, EnablePlugin } from '#plugin_host/actions/plugin_enablement'
import { districtPolicies, tenantPluginRows } from '#plugin_host/queries/plugin_catalogue'
import { pluginTransformer } from '#plugin_host/transformers/plugin_transformer'
import { enablePluginValidator } from '#plugin_host/validators/plugin_enablement'

/** A centre admin's plugins of its own tenant (page and JSON API). */
export default class TenantPluginsController {
  async index(ctx: HttpContext) {
    const tenant = ctx.tenant!
    await authorize(ctx, 'manage', subject('TenantPlugin', { tenantId: tenant.id }))
    const rows = await tenantPluginRows(tenant.id)
    const policies = await districtPolicies()
    const plugins = pluginRegistry()
      .all()
      .map((manifest) => ({
        ...pluginTransformer.forTenant(manifest, rows.get(manifest.id), ctx.i18n.locale),
        allowedHere:
          manifest.levels.includes(tenant.level) &&
          (tenant.level === 'city' || policies.get(manifest.id) === true),
      }))
    if (wantsJson(ctx)) return { data: plugins }
    return ctx.inertia.render('plugin_host/tenant_plugins', { plugins })
  }

  async enable(ctx: HttpContext) {
    const tenant = ctx.tenant!
    await authorize(ctx, 'manage', subject('TenantPlugin', { tenantId: tenant.id }))
    const { settings } = await ctx.request.validateUsing(enablePluginValidator)
    const row = await new EnablePlugin(requestActor(ctx), ctx.i18n.locale).handle(
      tenant,
      ctx.params.pluginId,
      settings
    )
    if (wantsJson(ctx))
      return { data: { pluginId: row.pluginId, enabled: row.enabled, settings: row.settings } }
    ctx.session.flash('success', ctx.i18n.t('plugins.enabled'))
    return ctx.response.redirect().back()
  }

  async disable(ctx: HttpContext) {
    const tenant = ctx.tenant!
    await authorize(ctx, 'manage', subject('TenantPlugin', { tenantId: tenant.id }))
    const row = await new DisablePlugin(requestActor(ctx), ctx.i18n.locale).handle(
      tenant,
      ctx.params.pluginId
    )
    if (wantsJson(ctx)) return { data: { pluginId: row.pluginId, enabled: row.enabled } }
    ctx.session.flash('success', ctx.i18n.t('plugins.disabled'))
    return ctx.response.redirect().back()
  }
}
