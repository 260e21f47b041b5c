import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { apiErrors, wantsJson } from '#core/api_errors'

/** Requires a logged-in, active account; pages redirect to the login page. */
export default class AuthMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    if (ctx.auth.isAuthenticated) return next()
    if (wantsJson(ctx)) {
      return apiErrors(ctx, 401, [{ field: '', message: ctx.i18n.t('auth.errors.login_required') }])
    }
    const back = ctx.request.url(true)
    return ctx.response.redirect(`/login?next=${encodeURIComponent(back)}`)
  }
}
