import type { HttpContext } from '@adonisjs/core/http'
import { authorize, loadAccess } from '#access/access_context'
import { ForbiddenException } from '#access/exceptions'
import { requestActor } from '#audit/request_actor'
import { RuleViolation } from '#core/rule_violation'
import { decidedDrawForTrade } from '../draws/decided_draws.js'
import { expertMessages } from '../support/messages.js'
import { routeId } from '../evaluation/evaluations_controller.js'
import { committeeView } from '../evaluation/sheet.js'
import { replaceMemberValidator, formCommitteeValidator } from '../evaluation/validators.js'
import { findEvaluation, membersOf } from './evaluation_rows.js'
import { FormCommittee } from './form_committee.js'
import { REPLACEMENT_REASONS, ReplaceMember } from './replace_member.js'
import { raterKindsOf } from '../expert_credit/rating_sheet.js'
import { committeeSubject, committeesFor, replacementCandidates } from './committee_pages.js'

const MESSAGES = 'expert_committee.validator'

/**
 * The drawing side (`expert_drawer`) seats the committee from the trade's
 * decided draw and replaces members; the supervisor reads it.
 */
export default class CommitteesController {
  async listPage(ctx: HttpContext) {
    const { ability } = await loadAccess(ctx)
    // Some committees at all (drawer, supervisor); the list keeps those the reader may see
    if (!ability.can('read', 'EvaluationCommittee')) throw new ForbiddenException()
    return ctx.inertia.render('expert-pool/committees', {
      committees: await committeesFor(ability),
    })
  }

  async page(ctx: HttpContext) {
    const evaluation = await findEvaluation(routeId(ctx))
    await authorize(ctx, 'read', committeeSubject(evaluation))
    const { ability } = await loadAccess(ctx)
    const members = await membersOf(evaluation.id)
    const manages = ability.can('update', committeeSubject(evaluation))
    return ctx.inertia.render('expert-pool/committee', {
      committee: await committeeView(evaluation, members, ctx.i18n),
      manages,
      candidates: manages ? await replacementCandidates(evaluation, members) : [],
      reasons: REPLACEMENT_REASONS,
      rates: raterKindsOf(ability, evaluation, members).length > 0,
    })
  }

  async show(ctx: HttpContext) {
    const evaluation = await findEvaluation(routeId(ctx))
    await authorize(ctx, 'read', committeeSubject(evaluation))
    return { data: await committeeView(evaluation, await membersOf(evaluation.id), ctx.i18n) }
  }

  async form(ctx: HttpContext) {
    const evaluation = await findEvaluation(routeId(ctx))
    await authorize(ctx, 'create', committeeSubject(evaluation))
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
    await authorize(ctx, 'update', committeeSubject(evaluation))
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
}
