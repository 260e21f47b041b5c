import type { HttpContext } from '@adonisjs/core/http'
import { subject } from '@casl/ability'
import { authorize, loadAccess } from '#access/access_context'
import { requestActor } from '#audit/request_actor'
import { RuleViolation } from '#core/rule_violation'
import { expertMessages } from '../support/messages.js'
import { assertDeclared, memberContext } from './committee_work.js'
import { DeclareNoConflict } from './declare_no_conflict.js'
import { RecordVerdict, type VerdictInput } from './record_verdict.js'
import { SignReport } from './sign_report.js'
import { VoteChair } from './vote_chair.js'
import { memberSheet, seatsOf } from './sheet.js'
import { raterKindsOf } from '../expert_credit/rating_sheet.js'
import { chairVoteValidator, declarationValidator, verdictValidator } from './validators.js'

const MESSAGES = 'expert_committee.validator'

export function routeId(ctx: HttpContext, name = 'id') {
  const id = Number(ctx.params[name])
  if (!Number.isSafeInteger(id) || id <= 0) {
    throw new RuleViolation(name, 'expert_committee.errors.not_found', {}, 404)
  }
  return id
}

/**
 * A committee member's side of the evaluation: the account must hold a live
 * seat on it (ability `update CommitteeSeat` of its own account).
 */
export default class EvaluationsController {
  async listPage(ctx: HttpContext) {
    return ctx.inertia.render('expert-pool/evaluations', {
      data: await seatsOf(this.accountId(ctx)),
    })
  }

  async index(ctx: HttpContext) {
    return { data: await seatsOf(this.accountId(ctx)) }
  }

  async sheetPage(ctx: HttpContext) {
    // A page, not an API call: someone without a seat gets the not-found page
    const { evaluation, seat, members } = await this.seat(ctx, false).catch((error) => {
      if (error instanceof RuleViolation && error.status === 404) {
        throw Object.assign(new Error('Evaluation not found'), {
          code: 'E_ROW_NOT_FOUND',
          status: 404,
        })
      }
      throw error
    })
    const { ability } = await loadAccess(ctx)
    return ctx.inertia.render('expert-pool/evaluation', {
      ...(await memberSheet(evaluation, seat, members, ctx.i18n)),
      // A tenderer's representative rates the experts from the report
      rates: raterKindsOf(ability, evaluation, members).length > 0,
    })
  }

  async sheet(ctx: HttpContext) {
    const { evaluation, seat, members } = await this.seat(ctx, false)
    assertDeclared(seat)
    return { data: await memberSheet(evaluation, seat, members, ctx.i18n) }
  }

  async declare(ctx: HttpContext) {
    await this.seat(ctx, false)
    await declarationValidator.validate(ctx.request.all(), {
      messagesProvider: expertMessages(ctx, MESSAGES),
    })
    await new DeclareNoConflict(this.actor(ctx)).handle(routeId(ctx))
    return this.sheet(ctx)
  }

  async verdict(ctx: HttpContext) {
    await this.seat(ctx, false)
    const body = await verdictValidator.validate(ctx.request.all(), {
      messagesProvider: expertMessages(ctx, MESSAGES),
    })
    let input: VerdictInput
    if (body.rejectReason !== undefined) input = { rejectReason: body.rejectReason }
    else if (body.technical !== undefined && body.commercial !== undefined) {
      input = { technical: body.technical, commercial: body.commercial }
    } else if (body.evaluatedPrice !== undefined) input = { evaluatedPrice: body.evaluatedPrice }
    else throw new RuleViolation('verdict', 'expert_committee.errors.verdict_empty')
    await new RecordVerdict(this.actor(ctx)).handle(routeId(ctx), routeId(ctx, 'bidId'), input)
    return this.sheet(ctx)
  }

  async voteChair(ctx: HttpContext) {
    await this.seat(ctx, false)
    const { memberId } = await chairVoteValidator.validate(ctx.request.all(), {
      messagesProvider: expertMessages(ctx, MESSAGES),
    })
    await new VoteChair(this.actor(ctx)).handle(routeId(ctx), memberId)
    return this.sheet(ctx)
  }

  async sign(ctx: HttpContext) {
    await this.seat(ctx, false)
    await new SignReport(this.actor(ctx)).handle(routeId(ctx))
    return this.sheet(ctx)
  }

  private accountId(ctx: HttpContext) {
    return ctx.auth.getUserOrFail().id as number
  }

  private actor(ctx: HttpContext) {
    return { ...requestActor(ctx), accountId: this.accountId(ctx) }
  }

  private async seat(ctx: HttpContext, lock: boolean) {
    const context = await memberContext(routeId(ctx), this.accountId(ctx), lock)
    await authorize(ctx, 'update', subject('CommitteeSeat', { accountId: context.seat.account_id }))
    return context
  }
}
