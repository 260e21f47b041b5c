import { Exception } from '@adonisjs/core/exceptions'
import type { HttpContext } from '@adonisjs/core/http'
import { apiErrors, wantsJson } from '#core/api_errors'

export class TenantNotFoundException extends Exception {
  static status = 404
  static code = 'E_TENANT_NOT_FOUND'
  static message = 'Unknown tenant'

  async handle(_: this, ctx: HttpContext) {
    if (wantsJson(ctx)) {
      return apiErrors(ctx, 404, [
        { field: 'code', message: ctx.i18n.t('tenancy.errors.unknown_tenant') },
      ])
    }
    ctx.response.status(404)
    return ctx.inertia.render('core/error', {
      status: 404,
      message: ctx.i18n.t('tenancy.errors.unknown_tenant'),
    })
  }
}

/** Everyone but city staff sees this notice while a tenant is suspended. */
export class TenantSuspendedException extends Exception {
  static status = 403
  static code = 'E_TENANT_SUSPENDED'
  static message = 'Tenant suspended'

  async handle(_: this, ctx: HttpContext) {
    const tenant = ctx.tenant!
    const message = ctx.i18n.t('tenancy.suspended.notice', { name: tenant.name(ctx.i18n.locale) })
    if (wantsJson(ctx)) return apiErrors(ctx, 403, [{ field: 'tenant', message }])
    ctx.response.status(403)
    return ctx.inertia.render('tenancy/suspended', {
      message,
      reason: tenant.suspendedReason,
    })
  }
}
