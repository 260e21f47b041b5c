import type { HttpContext } from '@adonisjs/core/http'
import { wantsJson } from '#core/api_errors'
import { LogIn } from '#identity/actions/log_in'
import { forgetCurrentEntity } from '#identity/current_entity'
import { accountTransformer } from '#identity/transformers/account_transformer'
import { loginValidator } from '#identity/validators/account'
import { withoutBlanks } from '#identity/validators/form_input'
import { safeNextPath } from '#identity/validators/next_path'

/** Logging in and out. One session cookie then serves every tenant. */
export default class SessionController {
  async show({ inertia, request }: HttpContext) {
    return inertia.render('identity/login', { next: safeNextPath(request.input('next')) })
  }

  async store(ctx: HttpContext) {
    const { uid, password } = await ctx.request.validateUsing(loginValidator, {
      data: withoutBlanks(ctx.request.all()),
    })
    const account = await new LogIn(ctx.request.ip()).handle(uid, password)
    await ctx.auth.use('web').login(account)
    forgetCurrentEntity(ctx.session)
    if (wantsJson(ctx)) return { data: accountTransformer.forOwner(account) }
    return ctx.response.redirect(safeNextPath(ctx.request.input('next')) ?? '/account')
  }

  async destroy(ctx: HttpContext) {
    await ctx.auth.use('web').logout()
    forgetCurrentEntity(ctx.session)
    if (wantsJson(ctx)) return ctx.response.noContent()
    return ctx.response.redirect('/')
  }
}
