import db from '@adonisjs/lucid/services/db'
import { recordAudit, type AuditActor } from '#audit/audit_log'
import { PLATFORM_NOW_SQL } from '#core/clock'
import { memberContext } from './committee_work.js'

/**
 * The member's no-conflict declaration (回避声明, 评标规定 Art. 12,
 * 采购法实施条例 Art. 9), confirmed before anything of the bids is shown.
 */
export class DeclareNoConflict {
  constructor(private readonly actor: AuditActor & { accountId: number }) {}

  async handle(evaluationId: number) {
    const { evaluation, seat } = await memberContext(evaluationId, this.actor.accountId)
    if (seat.declared_at) return
    await db
      .from('expert_committee_members')
      .where('id', seat.id)
      .update({ declared_at: db.raw(PLATFORM_NOW_SQL) })
    await recordAudit(this.actor, {
      action: 'evaluation.declare_no_conflict',
      subjectType: 'expert_evaluation',
      subjectId: evaluation.id,
      payload: { member: seat.id, statement: 'expert_committee.declaration.text' },
    })
  }
}
