import type { HttpContext } from '@adonisjs/core/http'
import { wantsJson } from '#core/api_errors'
import { SignUp } from '#identity/actions/sign_up'
import { forgetCurrentEntity } from '#identity/current_entity'
import { accountTransformer } from '#identity/transformers/account_transformer'
import { signupValidator } from '#identity/validators/account'
import { withoutBlanks } from '#identity/validators/form_input'

export default class SignupController {
  async show({ inertia }: HttpContext) {
    return inertia.render('identity/signup', {})
  }

  /** Creates the account and logs it in */
  async store(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(signupValidator, {
      data: withoutBlanks(ctx.request.all()),
    })
    const account = await new SignUp(ctx.request.ip()).handle(input, ctx.i18n.locale)
    await ctx.auth.use('web').login(account)
    forgetCurrentEntity(ctx.session)
    if (wantsJson(ctx)) {
      return ctx.response.created({ data: accountTransformer.forOwner(account) })
    }
    ctx.session.flash('notice', ctx.i18n.t('identity.signup.welcome'))
    return ctx.response.redirect('/account')
  }
}
