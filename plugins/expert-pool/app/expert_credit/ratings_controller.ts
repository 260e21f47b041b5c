import type { HttpContext } from '@adonisjs/core/http'
import { authorize, loadAccess } from '#access/access_context'
import { ForbiddenException } from '#access/exceptions'
import { requestActor } from '#audit/request_actor'
import { expertMessages } from '../support/messages.js'
import { findEvaluation, membersOf } from '../committees/evaluation_rows.js'
import { routeId } from '../evaluation/evaluations_controller.js'
import { ratingValidator } from '../evaluation/validators.js'
import { RateExpert } from './rate_expert.js'
import { ratingSheet, ratingSubject, raterKindsOf } from './rating_sheet.js'

/**
 * Ratings of the experts of a finished evaluation: by the tenderer (the
 * account that opened the evaluation for the trade, or a tenderer's
 * representative on the committee) and by the supervisor of the category.
 */
export default class RatingsController {
  async page(ctx: HttpContext) {
    const evaluation = await findEvaluation(routeId(ctx))
    const members = await membersOf(evaluation.id)
    const { ability } = await loadAccess(ctx)
    const kinds = raterKindsOf(ability, evaluation, members)
    if (!kinds.length) throw new ForbiddenException()
    return ctx.inertia.render('expert-pool/ratings', {
      evaluationId: evaluation.id,
      ...(await ratingSheet(evaluation, members, kinds)),
    })
  }

  async store(ctx: HttpContext) {
    const evaluation = await findEvaluation(routeId(ctx))
    const input = await ratingValidator.validate(ctx.request.all(), {
      messagesProvider: expertMessages(ctx, 'expert_committee.validator'),
    })
    const members = await membersOf(evaluation.id)
    await authorize(ctx, 'create', ratingSubject(evaluation, members, input.raterKind))
    const actor = { ...requestActor(ctx), accountId: ctx.auth.getUserOrFail().id as number }
    const standing = await new RateExpert(actor, input.raterKind).handle(evaluation.id, {
      expertId: input.expertId,
      score: input.score,
      comment: input.comment ?? null,
    })
    return ctx.response.created({ data: standing })
  }
}
