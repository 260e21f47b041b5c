import { Exception } from '@adonisjs/core/exceptions'
import type { HttpContext } from '@adonisjs/core/http'
import { apiErrors, wantsJson } from '#core/api_errors'

/**
 * A business rule refused the request: 422 with the field and a localized
 * message (`{ errors: [{ field, message, rule }] }` for the API; the field
 * error on the form for pages). Nothing of the request is committed.
 */
export class RuleViolation extends Exception {
  static status = 422
  static code = 'E_RULE_VIOLATION'

  constructor(
    readonly field: string,
    readonly messageKey: string,
    readonly values: Record<string, unknown> = {},
    status = 422
  ) {
    super(`Rule violated: ${messageKey}`, { status })
  }

  async handle(_: this, ctx: HttpContext) {
    const message = ctx.i18n.t(this.messageKey, this.values)
    if (wantsJson(ctx)) {
      return apiErrors(ctx, this.status, [{ field: this.field, message, rule: this.messageKey }])
    }
    ctx.session.flash('inputErrorsBag', { [this.field]: [message] })
    // Back to the form with its query string, as for validation errors (e.g. /login?next=…)
    return ctx.response.redirect().withQs().back()
  }
}
