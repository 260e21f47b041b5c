import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import type Account from '#identity/models/account'

/**
 * Reads the session's account on every request. A disabled account's
 * session ends here, on its very next request.
 */
export default class SilentAuthMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    await ctx.auth.check()
    const account = ctx.auth.user as Account | undefined
    if (account?.isDisabled) {
      await ctx.auth.use('web').logout()
      ctx.session.regenerate()
    }
    return next()
  }
}
