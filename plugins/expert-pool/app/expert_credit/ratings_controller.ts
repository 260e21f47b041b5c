import type { HttpContext } from '@adonisjs/core/http'
import { subject } from '@casl/ability'
import { authorize } from '#access/access_context'
import { requestActor } from '#audit/request_actor'
import { expertMessages } from '../support/messages.js'
import { findEvaluation, membersOf } from '../committees/evaluation_rows.js'
import { routeId } from '../evaluation/evaluations_controller.js'
import { ratingValidator } from '../evaluation/validators.js'
import { RateExpert } from './rate_expert.js'

/**
 * Ratings of the experts of a finished evaluation: by the tenderer (the
 * account that opened the evaluation for the trade, or a tenderer's
 * representative on the committee) and by the supervisor of the category.
 */
export default class RatingsController {
  async store(ctx: HttpContext) {
    const evaluation = await findEvaluation(routeId(ctx))
    const input = await ratingValidator.validate(ctx.request.all(), {
      messagesProvider: expertMessages(ctx, 'expert_committee.validator'),
    })
    const members = await membersOf(evaluation.id)
    const tendererAccountIds = [
      ...(evaluation.opened_by === null ? [] : [evaluation.opened_by]),
      ...members
        .filter((member) => member.kind === 'tenderer_representative' && !member.voided_at)
        .map((member) => member.account_id),
    ]
    await authorize(
      ctx,
      'create',
      subject('ExpertRating', {
        raterKind: input.raterKind,
        tenantId: evaluation.tenant_id,
        category: evaluation.category,
        tendererAccountIds,
      })
    )
    const actor = { ...requestActor(ctx), accountId: ctx.auth.getUserOrFail().id as number }
    const standing = await new RateExpert(actor, input.raterKind).handle(evaluation.id, {
      expertId: input.expertId,
      score: input.score,
      comment: input.comment ?? null,
    })
    return ctx.response.created({ data: standing })
  }
}
