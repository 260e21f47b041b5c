import { Exception } from '@adonisjs/core/exceptions'
import type { HttpContext } from '@adonisjs/core/http'
import { apiErrors, wantsJson } from '#core/api_errors'

export class ForbiddenException extends Exception {
  static status = 403
  static code = 'E_FORBIDDEN'
  static message = 'Forbidden'

  async handle(_: this, ctx: HttpContext) {
    const message = ctx.i18n.t('errors.forbidden')
    if (wantsJson(ctx)) return apiErrors(ctx, 403, [{ field: '', message }])
    ctx.response.status(403)
    return ctx.inertia.render('core/error', { status: 403, message })
  }
}
