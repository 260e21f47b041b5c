import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { switchScope } from '#tenancy/tenant_context'
import { tenantDirectory } from '#tenancy/tenant_directory'
import { TenantNotFoundException, TenantSuspendedException } from '#tenancy/exceptions'
import { loadAccess } from '#access/access_context'
import type Tenant from '#tenancy/models/tenant'
import type { TenantScope } from '#tenancy/tenant_context'

/**
 * Resolves /t/:code, then narrows the request transaction to that tenant:
 * city staff with a city-wide role at the city read every district's rows
 * (the `city` scope); everyone else reads only the tenant's own rows.
 */
export default class TenantMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const code = String(ctx.params.code ?? '')
    const tenant = /^[0-9]{6}$/.test(code) ? await tenantDirectory.findByCode(code) : undefined
    if (!tenant) throw new TenantNotFoundException()
    ctx.tenant = tenant

    const access = await loadAccess(ctx)
    // Scope first: the notice page's shared props read the tenant's rows
    await switchScope(scopeFor(tenant, access.readsWholeCity))
    if (tenant.isSuspended && !access.isCityStaff) throw new TenantSuspendedException()
    return next()
  }
}

export function scopeFor(tenant: Tenant, readsWholeCity: boolean): TenantScope {
  if (tenant.isCity && readsWholeCity) {
    return { scope: 'city', tenantId: tenant.id, rootTenantId: tenant.rootId }
  }
  return { scope: 'tenant', tenantId: tenant.id, rootTenantId: tenant.rootId }
}

declare module '@adonisjs/core/http' {
  export interface HttpContext {
    tenant?: Tenant
  }
}
