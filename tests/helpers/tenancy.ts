import type { TenantScope } from '#tenancy/tenant_context'
import { withTenant } from '#tenancy/tenant_context'
import { tenantOf } from '#tests/helpers/plugins'

/** The scope a request for tenant `code` would run in */
export async function scopeOf(
  code: string,
  scope: 'tenant' | 'city' = 'tenant'
): Promise<TenantScope> {
  const tenant = await tenantOf(code)
  return { scope, tenantId: tenant.id, rootTenantId: tenant.rootId }
}

export async function inScope<T>(
  code: string,
  fn: () => Promise<T>,
  scope: 'tenant' | 'city' = 'tenant'
): Promise<T> {
  return withTenant(await scopeOf(code, scope), fn)
}

/** The SQLSTATE of a rejection, or undefined when `fn` succeeded */
export async function sqlState(fn: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await fn()
    return undefined
  } catch (error: any) {
    return error?.code ?? String(error)
  }
}
