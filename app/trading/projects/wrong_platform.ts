import type { HttpContext } from '@adonisjs/core/http'
import { apiErrors, wantsJson } from '#core/api_errors'
import { RuleViolation } from '#core/rule_violation'
import type Tenant from '#tenancy/models/tenant'
import type { Routing, RoutingReason } from '#trading/projects/platform_routing'

/** The form field whose answer decided the platform, where the error is shown */
const FIELD_OF: Record<RoutingReason, string> = {
  mining: 'category',
  city_land: 'approvalLevel',
  city_state_property: 'approvalLevel',
  city_approved: 'approvalLevel',
  city_finance: 'fundSource',
  private_choice: 'regionCode',
  district: 'regionCode',
  city_region: 'regionCode',
}

export function newProjectPath(tenantCode: string) {
  return `/t/${tenantCode}/projects/new`
}

/**
 * A project filed on a platform it does not belong on: 422 on the deciding
 * field, with the reason and a link to the right platform's new-project page
 * (`link` in the JSON error; a flash the form page shows next to the field).
 */
export class WrongPlatform extends RuleViolation {
  constructor(
    readonly routing: Routing,
    readonly platform: Tenant
  ) {
    super(FIELD_OF[routing.reason], `trading.projects.routing.${routing.reason}`)
  }

  get link() {
    return newProjectPath(this.routing.tenantCode)
  }

  async handle(_: this, ctx: HttpContext) {
    const message = ctx.i18n.t(this.messageKey, {
      platform: this.platform.name(ctx.i18n.locale),
      code: this.platform.code,
    })
    const link = this.link
    if (wantsJson(ctx)) {
      const errors = [{ field: this.field, message, rule: this.messageKey, link }]
      return apiErrors(ctx, this.status, errors)
    }
    ctx.session.flash('inputErrorsBag', { [this.field]: [message] })
    ctx.session.flash('wrongPlatform', { field: this.field, link })
    return ctx.response.redirect().back()
  }
}
