import type { HttpContext } from '@adonisjs/core/http'
import i18nManager from '@adonisjs/i18n/services/main'
import { inTenantContext } from '#tenancy/tenant_context'
import { tenantDirectory } from '#tenancy/tenant_directory'
import { loadAccess } from '#access/access_context'
import { tenantTransformer } from '#tenancy/transformers/tenant_transformer'
import { pluginMenu } from '#plugin_host/queries/plugin_menu'

/**
 * UI strings: `ui.json` (keys as they are) and each module's `ui_<module>.json`
 * (keys under `<module>.`), of the request's locale over the default one.
 */
const UI_KEY = /^ui(?:\.|_)/

function uiMessages(locale: string) {
  const messages: Record<string, string> = {}
  const sources = [
    i18nManager.getTranslationsFor(i18nManager.defaultLocale),
    i18nManager.getTranslationsFor(locale),
  ]
  for (const source of sources) {
    for (const [key, value] of Object.entries(source)) {
      if (UI_KEY.test(key)) messages[key.replace(UI_KEY, '')] = value
    }
  }
  return messages
}

/**
 * Props every page receives. Error pages rendered for unmatched routes run
 * without the router middleware (no session, no transaction): they get the
 * locale and strings only.
 */
export async function sharedPageProps(ctx: HttpContext, errors: unknown) {
  const locale = ctx.i18n?.locale ?? i18nManager.defaultLocale
  const base = {
    locale,
    messages: uiMessages(locale),
    errors,
    success: (ctx.session?.flashMessages.get('success') as string | undefined) ?? null,
    csrfToken: ctx.request.csrfToken ?? null,
  }
  if (!ctx.auth || !inTenantContext()) {
    return {
      ...base,
      account: null,
      tenant: null,
      tenants: [],
      abilityRules: [],
      memberships: [],
      pluginMenu: [],
    }
  }
  const access = await loadAccess(ctx)
  const tenants = await tenantDirectory.all()
  return {
    ...base,
    account: access.account
      ? { id: access.account.id, displayName: access.account.displayName }
      : null,
    tenant: ctx.tenant ? tenantTransformer.forLayout(ctx.tenant, locale) : null,
    tenants: tenants.map((t) => tenantTransformer.forLayout(t, locale)),
    memberships: access.memberships.map((m) => ({ tenantId: m.tenantId, role: m.role })),
    abilityRules: access.ability.rules,
    pluginMenu: ctx.tenant ? await pluginMenu(ctx.tenant, access.ability) : [],
  }
}
