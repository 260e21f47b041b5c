import db from '@adonisjs/lucid/services/db'
import { clock } from '#core/clock'
import { RuleViolation } from '#core/rule_violation'
import { recordAudit } from '#audit/audit_log'
import { scheduleTimer } from '#jobs/timers'
import { type TradeActor, fireTransition } from '#trading/engine/procedure_engine'
import { findTrade } from '#trading/trades'
import { DAY_MS, PERIODS } from '../law.js'
import { type ObjectionStage, openObjections } from '../support/tenders.js'
import { scheduleOpening } from './opening_timer.js'

export const OBJECTION_TIMER = 'construction-bidding.objection_unanswered'

/**
 * Objections to the tender documents or to the candidates (条例 Arts. 22,
 * 54): filing one pauses the procedure; the tenderer answers within 3 days
 * (a timer alerts the supervisor otherwise); the last answer resumes it.
 */
export class FileObjection {
  constructor(private readonly actor: TradeActor & { accountId: number }) {}

  async handle(tradeId: number, stage: ObjectionStage, entityId: number, content: string) {
    const trade = await findTrade(tradeId)
    const filedAt = await clock.now()
    const [row] = await db
      .table('cb_objections')
      .insert({
        root_tenant_id: trade.rootTenantId,
        tenant_id: trade.tenantId,
        trade_id: tradeId,
        stage,
        entity_id: entityId,
        filed_by: this.actor.accountId,
        filed_at: filedAt,
        content,
      })
      .returning('id')
    const objectionId = Number(row.id)
    await fireTransition(tradeId, `file_${stage}_objection`, this.actor, { objectionId })
    await scheduleTimer({
      name: OBJECTION_TIMER,
      key: `cb-objection-${objectionId}`,
      runAt: new Date(filedAt.getTime() + PERIODS.objectionAnswer.days * DAY_MS),
      payload: { tradeId, objectionId },
    })
    return objectionId
  }
}

export class AnswerObjection {
  constructor(private readonly actor: TradeActor & { accountId: number }) {}

  async handle(tradeId: number, objectionId: number, answer: string) {
    const updated = await db
      .from('cb_objections')
      .where({ id: objectionId, trade_id: tradeId })
      .whereNull('answered_at')
      .update({ answer, answered_at: await clock.now() })
      .returning('stage')
    if (!updated.length) {
      throw new RuleViolation(
        'objectionId',
        'construction_bidding.errors.objection_not_open',
        {},
        409
      )
    }
    const stage = updated[0].stage as ObjectionStage
    await recordAudit(this.actor, {
      action: 'construction_bidding.objection.answer',
      subjectType: 'cb_objection',
      subjectId: objectionId,
      payload: { trade: tradeId },
    })
    const resumes = (await openObjections(tradeId, stage)) === 0
    const event = resumes ? `resume_after_${stage}_objections` : `answer_${stage}_objection`
    const trade = await fireTransition(tradeId, event, this.actor, { objectionId })
    // Resumed tendering has a deadline moved by the pause
    if (resumes && stage === 'documents') await scheduleOpening(trade)
    return trade
  }
}
