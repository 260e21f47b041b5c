import type { HttpContext } from '@adonisjs/core/http'
import { subject } from '@casl/ability'
import { authorize } from '#access/access_context'
import { requestActor } from '#audit/request_actor'
import { wantsJson } from '#core/api_errors'
import { DisableAccount, EnableAccount } from '#access/actions/account_status'
import { accountStaffSubject } from '#access/queries/staff'
import { staffTransformer } from '#access/transformers/staff_transformer'

/**
 * Disabling and enabling accounts from a tenant's staff page: a centre admin
 * for accounts that are staff of its tenant alone, the city admin for any.
 * The event goes to the audit chain of the tenant the request is in.
 */
export default class AccountStatusController {
  async disable(ctx: HttpContext) {
    await this.authorizeFor(ctx, 'disable')
    const account = await new DisableAccount(requestActor(ctx)).handle(ctx.params.id)
    return this.respond(ctx, account)
  }

  async enable(ctx: HttpContext) {
    await this.authorizeFor(ctx, 'enable')
    const account = await new EnableAccount(requestActor(ctx)).handle(ctx.params.id)
    return this.respond(ctx, account)
  }

  private async authorizeFor(ctx: HttpContext, action: 'disable' | 'enable') {
    const target = await accountStaffSubject(ctx.params.id)
    await authorize(ctx, action, subject('Account', target))
  }

  private respond(ctx: HttpContext, account: Parameters<typeof staffTransformer.accountStatus>[0]) {
    if (wantsJson(ctx)) return { data: staffTransformer.accountStatus(account) }
    return ctx.response.redirect().back()
  }
}
