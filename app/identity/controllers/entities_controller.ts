import type { HttpContext } from '@adonisjs/core/http'
import { authorize } from '#access/access_context'
import { requestActor } from '#audit/request_actor'
import { wantsJson } from '#core/api_errors'
import { RegisterEntity } from '#identity/actions/register_entity'
import { chooseCurrentEntity } from '#identity/current_entity'
import type Account from '#identity/models/account'
import { entityTransformer } from '#identity/transformers/entity_transformer'
import { USCC_ENTITY_TYPES, registerEntityValidator } from '#identity/validators/market_entity'
import { withoutBlanks } from '#identity/validators/form_input'

/** Market entity registration: once, free, for the whole city. */
export default class EntitiesController {
  async create(ctx: HttpContext) {
    await authorize(ctx, 'create', 'MarketEntity')
    return ctx.inertia.render('identity/entity_new', { usccEntityTypes: USCC_ENTITY_TYPES })
  }

  async store(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(registerEntityValidator, {
      data: withoutBlanks(ctx.request.all()),
    })
    await authorize(ctx, 'create', 'MarketEntity')
    const account = ctx.auth.getUserOrFail() as Account
    const entity = await new RegisterEntity(requestActor(ctx)).handle(account, input)
    // The person registered it to act for it
    chooseCurrentEntity(ctx.session, entity.id)
    if (wantsJson(ctx)) {
      return ctx.response.created({ data: entityTransformer.forMember(entity, 'owner', entity.id) })
    }
    ctx.session.flash('notice', ctx.i18n.t('identity.entities.registered'))
    return ctx.response.redirect('/account')
  }
}
