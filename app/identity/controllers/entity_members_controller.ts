import type { HttpContext } from '@adonisjs/core/http'
import { requestActor } from '#audit/request_actor'
import { wantsJson } from '#core/api_errors'
import { AddEntityMember } from '#identity/actions/add_entity_member'
import type Account from '#identity/models/account'
import { addMemberValidator } from '#identity/validators/account'
import { withoutBlanks } from '#identity/validators/form_input'

/** An entity's owner adds the accounts that may act for it. */
export default class EntityMembersController {
  async store(ctx: HttpContext) {
    const { uid } = await ctx.request.validateUsing(addMemberValidator, {
      data: withoutBlanks(ctx.request.all()),
    })
    const owner = ctx.auth.getUserOrFail() as Account
    const member = await new AddEntityMember(requestActor(ctx)).handle(
      owner,
      Number(ctx.params.id),
      uid
    )
    if (wantsJson(ctx)) {
      return ctx.response.created({
        data: { entityId: member.entityId, accountId: member.accountId, role: member.role },
      })
    }
    ctx.session.flash('notice', ctx.i18n.t('identity.members.added'))
    return ctx.response.redirect('/account')
  }
}
