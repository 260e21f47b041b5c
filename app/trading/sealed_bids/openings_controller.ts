import type { HttpContext } from '@adonisjs/core/http'
import { subject } from '@casl/ability'
import { authorize } from '#access/access_context'
import { requestActor } from '#audit/request_actor'
import { CloseOpening, StartOpening, openingRecord } from '#trading/sealed_bids/bids'
import { startOpeningValidator } from '#trading/sealed_bids/validators'

/** The trading centre's side of an opening */
export default class OpeningsController {
  async start(ctx: HttpContext) {
    await authorize(ctx, 'manage', subject('Opening', { tenantId: ctx.tenant!.id }))
    const { decryptionMinutes } = await ctx.request.validateUsing(startOpeningValidator)
    const started = await new StartOpening(requestActor(ctx)).handle(
      Number(ctx.params.tradeId),
      decryptionMinutes
    )
    return { data: started }
  }

  async close(ctx: HttpContext) {
    await authorize(ctx, 'manage', subject('Opening', { tenantId: ctx.tenant!.id }))
    const record = await new CloseOpening(requestActor(ctx)).handle(Number(ctx.params.tradeId))
    return { data: { record } }
  }

  async show(ctx: HttpContext) {
    await authorize(ctx, 'manage', subject('Opening', { tenantId: ctx.tenant!.id }))
    return { data: { record: await openingRecord(Number(ctx.params.tradeId)) } }
  }
}
