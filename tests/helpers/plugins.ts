import db from '@adonisjs/lucid/services/db'
import { SYSTEM_ACTOR } from '#audit/audit_log'
import { UNBOUND_GLOBAL_SCOPE, withTenant } from '#tenancy/tenant_context'
import { tenantDirectory } from '#tenancy/tenant_directory'
import type Tenant from '#tenancy/models/tenant'
import {
  DisablePlugin,
  EnablePlugin,
  SetDistrictPolicy,
} from '#plugin_host/actions/plugin_enablement'

/** Test shortcuts through the real actions, each in its own tenant transaction. */
export async function tenantOf(code: string): Promise<Tenant> {
  const tenant = await withTenant(UNBOUND_GLOBAL_SCOPE, () => tenantDirectory.findByCode(code))
  if (!tenant) throw new Error(`No tenant ${code}`)
  return tenant
}

function scopeOf(tenant: Tenant, scope: 'tenant' | 'city') {
  return { scope, tenantId: tenant.id, rootTenantId: tenant.rootId }
}

export async function allowForDistricts(pluginId: string, allowed = true) {
  const root = await withTenant(UNBOUND_GLOBAL_SCOPE, () => tenantDirectory.root())
  await withTenant(scopeOf(root, 'city'), () =>
    new SetDistrictPolicy(SYSTEM_ACTOR).handle(pluginId, allowed)
  )
}

export async function enablePlugin(
  code: string,
  pluginId: string,
  settings?: Record<string, unknown>
) {
  const tenant = await tenantOf(code)
  return withTenant(scopeOf(tenant, 'tenant'), () =>
    new EnablePlugin(SYSTEM_ACTOR, 'zh-CN').handle(tenant, pluginId, settings)
  )
}

/** Enables the plugin unless another spec file of the same database has done it already */
export async function ensurePluginEnabled(code: string, pluginId: string) {
  const tenant = await tenantOf(code)
  const enabled = await withTenant(scopeOf(tenant, 'tenant'), () =>
    db.from('tenant_plugins').where({ plugin_id: pluginId, enabled: true }).first()
  )
  if (!enabled) await enablePlugin(code, pluginId)
}

export async function disablePlugin(code: string, pluginId: string) {
  const tenant = await tenantOf(code)
  return withTenant(scopeOf(tenant, 'tenant'), () =>
    new DisablePlugin(SYSTEM_ACTOR, 'zh-CN').handle(tenant, pluginId)
  )
}
