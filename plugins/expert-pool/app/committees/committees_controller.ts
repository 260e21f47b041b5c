import type { HttpContext } from '@adonisjs/core/http'
import { subject } from '@casl/ability'
import { authorize } from '#access/access_context'
import { requestActor } from '#audit/request_actor'
import { RuleViolation } from '#core/rule_violation'
import { decidedDrawForTrade } from '../draws/decided_draws.js'
import { expertMessages } from '../support/messages.js'
import { routeId } from '../evaluation/evaluations_controller.js'
import { committeeView } from '../evaluation/sheet.js'
import { replaceMemberValidator, formCommitteeValidator } from '../evaluation/validators.js'
import { findEvaluation, membersOf, type EvaluationRow } from './evaluation_rows.js'
import { FormCommittee } from './form_committee.js'
import { ReplaceMember } from './replace_member.js'

const MESSAGES = 'expert_committee.validator'

/**
 * The drawing side (`expert_drawer`) seats the committee from the trade's
 * decided draw and replaces members; the supervisor reads it.
 */
export default class CommitteesController {
  async show(ctx: HttpContext) {
    const evaluation = await findEvaluation(routeId(ctx))
    await authorize(ctx, 'read', this.subjectOf(evaluation))
    return { data: await committeeView(evaluation, await membersOf(evaluation.id), ctx.i18n) }
  }

  async form(ctx: HttpContext) {
    const evaluation = await findEvaluation(routeId(ctx))
    await authorize(ctx, 'create', this.subjectOf(evaluation))
    const { representatives } = await formCommitteeValidator.validate(ctx.request.all(), {
      messagesProvider: expertMessages(ctx, MESSAGES),
    })
    const draw = await decidedDrawForTrade(evaluation.trade_id)
    if (!draw) throw new RuleViolation('draw', 'expert_committee.errors.no_decided_draw', {}, 409)
    await new FormCommittee(requestActor(ctx)).handle(evaluation.id, {
      expertIds: draw.expertIds,
      representativeAccountIds: representatives,
    })
    return ctx.response.created({
      data: await committeeView(evaluation, await membersOf(evaluation.id), ctx.i18n),
    })
  }

  async replace(ctx: HttpContext) {
    const evaluation = await findEvaluation(routeId(ctx))
    await authorize(ctx, 'update', this.subjectOf(evaluation))
    const input = await replaceMemberValidator.validate(ctx.request.all(), {
      messagesProvider: expertMessages(ctx, MESSAGES),
    })
    // A replacing expert comes from the trade's draw (its reserve or a top-up), never by name
    if (input.expertId !== undefined) {
      const draw = await decidedDrawForTrade(evaluation.trade_id)
      if (!draw?.expertIds.includes(input.expertId)) {
        throw new RuleViolation('expertId', 'expert_committee.errors.not_drawn')
      }
    }
    await new ReplaceMember(requestActor(ctx)).handle(
      evaluation.id,
      routeId(ctx, 'memberId'),
      input
    )
    const fresh = await findEvaluation(evaluation.id)
    return { data: await committeeView(fresh, await membersOf(fresh.id), ctx.i18n) }
  }

  private subjectOf(evaluation: EvaluationRow) {
    return subject('EvaluationCommittee', {
      tenantId: evaluation.tenant_id,
      category: evaluation.category,
    })
  }
}
