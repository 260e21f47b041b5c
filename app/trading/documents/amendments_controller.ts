import type { HttpContext } from '@adonisjs/core/http'
import { subject } from '@casl/ability'
import { authorize } from '#access/access_context'
import { requestActor } from '#audit/request_actor'
import {
  AMENDMENT_TO_DEADLINE,
  IssueAmendment,
  amendmentsOf,
  chinaTime,
} from '#trading/documents/amendments'
import { findTrade } from '#trading/trades'
import { amendmentValidator } from '#trading/documents/validators'

/** Clarifications and amendments (澄清与修改) of a trade's documents */
export default class AmendmentsController {
  async store(ctx: HttpContext) {
    await authorize(ctx, 'create', subject('TradeAmendment', { tenantId: ctx.tenant!.id }))
    const payload = await ctx.request.validateUsing(amendmentValidator)
    const actor = requestActor(ctx)
    const result = await new IssueAmendment({ ...actor, accountId: actor.accountId! }).handle(
      Number(ctx.params.tradeId),
      payload
    )
    const basis = AMENDMENT_TO_DEADLINE.basis[ctx.i18n.locale === 'en' ? 'en' : 'zh-CN']
    const message = result.moved
      ? ctx.i18n.t('documents.amendments.deadline_moved', {
          from: chinaTime(result.deadlineBefore!),
          to: chinaTime(result.deadlineAfter!),
          days: AMENDMENT_TO_DEADLINE.days,
          basis,
        })
      : ctx.i18n.t('documents.amendments.issued')
    return ctx.response.status(201).send({
      data: {
        id: result.id,
        issuedAt: result.issuedAt.toISOString(),
        deadlineMoved: result.moved,
        deadlineBefore: result.deadlineBefore?.toISOString() ?? null,
        bidDeadline: result.deadlineAfter?.toISOString() ?? null,
        message,
      },
    })
  }

  async index(ctx: HttpContext) {
    await authorize(ctx, 'read', subject('TradeAmendment', { tenantId: ctx.tenant!.id }))
    const trade = await findTrade(Number(ctx.params.tradeId))
    return { data: await amendmentsOf(trade.id) }
  }
}
