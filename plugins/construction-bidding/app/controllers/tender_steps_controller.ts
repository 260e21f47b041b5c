import type { HttpContext } from '@adonisjs/core/http'
import { subject } from '@casl/ability'
import { authorize } from '#access/access_context'
import { RuleViolation } from '#core/rule_violation'
import { resumeTrade, suspendTrade } from '#trading/engine/procedure_engine'
import { AmendDocuments } from '../actions/amend_documents.js'
import { Award } from '../actions/award.js'
import { PublishCandidates, StartEvaluation } from '../actions/evaluation.js'
import { AnswerObjection, FileObjection } from '../actions/objections.js'
import { OpenBids } from '../actions/open_bids.js'
import { RecordDeposit } from '../actions/record_deposit.js'
import { PLAIN_STEPS, type PlainStep, TakeStep } from '../actions/take_step.js'
import { actingEntityId, actorOf } from '../support/parties.js'
import { projectOf, tenderOf, tendererEntities } from '../support/tenders.js'
import { tenderView } from '../support/tender_view.js'
import {
  amendmentValidator,
  answerValidator,
  awardValidator,
  depositValidator,
  objectionValidator,
  stepValidators,
  suspensionValidator,
} from '../validators/tender.js'
import db from '@adonisjs/lucid/services/db'

/**
 * The steps of a tender, one endpoint per kind of step; each resolves the
 * person's party, validates, runs its action and answers with the tender.
 */
export default class TenderStepsController {
  private async context(ctx: HttpContext) {
    const tradeId = Number(ctx.params.tradeId)
    await authorize(ctx, 'read', subject('ConstructionTender', { tenantId: ctx.tenant!.id }))
    const tender = await tenderOf(tradeId)
    const project = await projectOf(tender.projectId)
    const actor = await actorOf(ctx, tendererEntities(project, tender))
    return { tradeId, tender, actor }
  }

  private async answer(ctx: HttpContext, tradeId: number) {
    return { data: await tenderView(ctx, tradeId) }
  }

  async step(ctx: HttpContext) {
    const step = ctx.params.step as PlainStep
    if (!PLAIN_STEPS.includes(step)) {
      throw new RuleViolation('step', 'trading.errors.unknown_event', { event: step }, 404)
    }
    const { tradeId, actor } = await this.context(ctx)
    const input = await ctx.request.validateUsing(stepValidators[step] as any)
    await new TakeStep(actor).handle(tradeId, step, input as Record<string, unknown>)
    return this.answer(ctx, tradeId)
  }

  async amend(ctx: HttpContext) {
    const { tradeId, actor } = await this.context(ctx)
    const input = await ctx.request.validateUsing(amendmentValidator)
    await new AmendDocuments(actor).handle(tradeId, input)
    return this.answer(ctx, tradeId)
  }

  async object(ctx: HttpContext) {
    const { tradeId, actor } = await this.context(ctx)
    const { stage, content } = await ctx.request.validateUsing(objectionValidator)
    const entityId = await actingEntityId(ctx)
    await new FileObjection(actor).handle(tradeId, stage, entityId, content)
    return this.answer(ctx, tradeId)
  }

  async answerObjection(ctx: HttpContext) {
    const { tradeId, actor } = await this.context(ctx)
    const { answer } = await ctx.request.validateUsing(answerValidator)
    await new AnswerObjection(actor).handle(tradeId, Number(ctx.params.objectionId), answer)
    return this.answer(ctx, tradeId)
  }

  async deposit(ctx: HttpContext) {
    const { tradeId, actor } = await this.context(ctx)
    if (actor.role !== 'operator') {
      throw new RuleViolation('event', 'trading.errors.wrong_actor', {}, 403)
    }
    const { entityCode, fromBasicAccount } = await ctx.request.validateUsing(depositValidator)
    const entity = await db.from('market_entities').where('code', entityCode).first()
    if (!entity) throw new RuleViolation('entityCode', 'construction_bidding.errors.entity')
    await new RecordDeposit(actor).handle(tradeId, Number(entity.id), fromBasicAccount)
    return this.answer(ctx, tradeId)
  }

  async open(ctx: HttpContext) {
    const { tradeId, actor } = await this.context(ctx)
    await new OpenBids(actor).handle(tradeId)
    return this.answer(ctx, tradeId)
  }

  async evaluate(ctx: HttpContext) {
    const { tradeId, actor } = await this.context(ctx)
    await new StartEvaluation(actor).handle(tradeId)
    return this.answer(ctx, tradeId)
  }

  async candidates(ctx: HttpContext) {
    const { tradeId, actor } = await this.context(ctx)
    await new PublishCandidates(actor).handle(tradeId)
    return this.answer(ctx, tradeId)
  }

  async award(ctx: HttpContext) {
    const { tradeId, actor } = await this.context(ctx)
    const input = await ctx.request.validateUsing(awardValidator)
    await new Award(actor).handle(tradeId, input)
    return this.answer(ctx, tradeId)
  }

  async suspend(ctx: HttpContext) {
    const { tradeId, actor } = await this.context(ctx)
    const { reason } = await ctx.request.validateUsing(suspensionValidator)
    await suspendTrade(tradeId, actor, reason)
    return this.answer(ctx, tradeId)
  }

  async resume(ctx: HttpContext) {
    const { tradeId, actor } = await this.context(ctx)
    await resumeTrade(tradeId, actor)
    return this.answer(ctx, tradeId)
  }
}
