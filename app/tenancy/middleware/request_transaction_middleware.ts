import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { UNBOUND_GLOBAL_SCOPE, switchScope, withTenant } from '#tenancy/tenant_context'
import { globalScope, tenantDirectory } from '#tenancy/tenant_directory'

/**
 * Opens the request's one transaction, in the global scope (global tables,
 * the city's audit chain, no tenant rows). The `tenant` middleware narrows it
 * on /t/:code routes once the tenant and the account are known.
 */
export default class RequestTransactionMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const started = performance.now()
    const cached = tenantDirectory.cachedRoot()
    const result = await withTenant(
      cached ? globalScope(cached) : UNBOUND_GLOBAL_SCOPE,
      async () => {
        if (!cached) await switchScope(globalScope(await tenantDirectory.root()))
        return next()
      }
    )
    ctx.response.header('server-timing', `trx;dur=${(performance.now() - started).toFixed(1)}`)
    return result
  }
}
