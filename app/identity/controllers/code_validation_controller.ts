import type { HttpContext } from '@adonisjs/core/http'
import { codeCheckValidators } from '#identity/validators/market_entity'

/**
 * Checks a code as it is typed (the registration form calls this). Always
 * 200: the answer is the verdict, `{ valid, message }`, never an error.
 */
export default class CodeValidationController {
  async uscc(ctx: HttpContext) {
    return this.check(ctx, 'uscc')
  }

  async idCard(ctx: HttpContext) {
    return this.check(ctx, 'id_card')
  }

  private async check(ctx: HttpContext, codeType: keyof typeof codeCheckValidators) {
    const [error] = await ctx.request.tryValidateUsing(codeCheckValidators[codeType], {
      data: { code: ctx.request.qs().code },
    })
    return {
      valid: !error,
      message: error ? error.messages[0].message : ctx.i18n.t('identity.codes.valid'),
    }
  }
}
