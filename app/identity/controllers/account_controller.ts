import type { HttpContext } from '@adonisjs/core/http'
import { subject } from '@casl/ability'
import { authorize } from '#access/access_context'
import { wantsJson } from '#core/api_errors'
import { chooseCurrentEntity, currentEntityId } from '#identity/current_entity'
import type Account from '#identity/models/account'
import { accountEntities } from '#identity/queries/account_entities'
import { accountTransformer } from '#identity/transformers/account_transformer'
import { entityTransformer } from '#identity/transformers/entity_transformer'
import { switchEntityValidator } from '#identity/validators/account'
import { withoutBlanks } from '#identity/validators/form_input'

/** My account: who I am, the entities I act for, and which one is current. */
export default class AccountController {
  async show(ctx: HttpContext) {
    const account = ctx.auth.getUserOrFail() as Account
    const memberships = await accountEntities(account.id)
    const currentId = currentEntityId(
      ctx.session,
      memberships.map((m) => m.entityId)
    )
    const data = {
      account: accountTransformer.forOwner(account),
      entities: memberships.map((m) => entityTransformer.forMember(m.entity, m.role, currentId)),
      currentEntityId: currentId,
    }
    if (wantsJson(ctx)) return { data }
    return ctx.inertia.render('identity/account', {
      profile: data.account,
      entities: data.entities,
      notice: ctx.session.flashMessages.get('notice') ?? null,
    })
  }

  async switchEntity(ctx: HttpContext) {
    const { entityId } = await ctx.request.validateUsing(switchEntityValidator, {
      data: withoutBlanks(ctx.request.all()),
    })
    // Members only: anyone else (or an id that does not exist) is refused alike
    await authorize(ctx, 'read', subject('MarketEntity', { id: entityId }))
    chooseCurrentEntity(ctx.session, entityId)
    if (wantsJson(ctx)) return { data: { currentEntityId: entityId } }
    ctx.session.flash('notice', ctx.i18n.t('identity.entities.switched'))
    return ctx.response.redirect('/account')
  }
}
